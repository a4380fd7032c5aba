//===- CheckSupport.cpp - Small helpers the checks share ------------------===//

#include "CheckSupport.h"
#include "MathMatchers.h"
#include "analysis/ExprHelpers.h"
#include "clang/AST/ASTContext.h"
#include <cmath>
#include "clang/AST/Decl.h"
#include "clang/AST/ExprCXX.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace llvm;

namespace nanguard {

/// Whether a statement holds an expression or a declaration with an error.
/// An expression without one has none below it, so only the paths to the
/// errors are walked.
static bool holdsErrors(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *E = dyn_cast<Expr>(S)) {
    if (!E->containsErrors() && !isa<LambdaExpr, StmtExpr>(E))
      return false;
    if (E->containsErrors())
      return true;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S))
    for (const Decl *D : DS->decls())
      if (D->isInvalidDecl())
        return true;
  for (const Stmt *Child : S->children())
    if (holdsErrors(Child))
      return true;
  return false;
}

static std::vector<std::pair<std::string, unsigned>> ErrorSites;

void setErrorSites(std::vector<std::pair<std::string, unsigned>> Sites) {
  ErrorSites = std::move(Sites);
}

/// Whether one of ErrorSites lies in the text of a declaration.
static bool holdsErrorSite(const Decl *D, const SourceManager &SM) {
  if (ErrorSites.empty() || !D)
    return false;
  SourceLocation Begin = SM.getExpansionLoc(D->getBeginLoc());
  SourceLocation End = SM.getExpansionLoc(D->getEndLoc());
  FileID File = SM.getFileID(Begin);
  if (File != SM.getFileID(End))
    return false;
  OptionalFileEntryRef Entry = SM.getFileEntryRefForID(File);
  if (!Entry)
    return false;
  StringRef Name = Entry->getName();
  unsigned From = SM.getFileOffset(Begin), To = SM.getFileOffset(End);
  auto SameFile = [&](StringRef Path) {
    if (Path == Name)
      return true;
    SmallString<256> A, B;
    return !llvm::sys::fs::real_path(Path, A) &&
           !llvm::sys::fs::real_path(Name, B) && A == B;
  };
  return llvm::any_of(ErrorSites, [&](const auto &Site) {
    return Site.second >= From && Site.second <= To && SameFile(Site.first);
  });
}

bool analysable(const Expr *E, ASTContext &Ctx) {
  if (E->containsErrors())
    return false;
  if (!Ctx.getDiagnostics().hasErrorOccurred())
    return true;
  const Decl *Owner = nullptr;
  const Stmt *Body = enclosingBody(E, Ctx, &Owner);
  return !(Owner && Owner->isInvalidDecl()) && !holdsErrors(Body) &&
         !holdsErrorSite(Owner, Ctx.getSourceManager());
}

bool stdDeclares(ASTContext &Ctx, StringRef Name) {
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      if (!NS->lookup(&Ctx.Idents.get(Name)).empty())
        return true;
  return false;
}

void addClampBelowFix(DiagnosticBuilder &Diag, const CallExpr *Call,
                      const Expr *Arg, StringRef Floor, ASTContext &Ctx) {
  const Expr *Written = Arg->IgnoreImpCasts();
  std::optional<std::string> Literal = typedLiteral(Floor, Written);
  if (!Literal)
    return;
  // The names come from the table: std::max (the overloaded Max), else
  // std::fmax, else the C name of the argument's precision.
  std::string Open;
  FPPrecision P = precisionOf(Written->getType());
  StringRef Max = lookupMathFunction("max")->Name; // std::max, the algorithm
  StringRef FMax = mathFunctionName(MathKind::Max, FPPrecision::Float).drop_back();
  bool StdQualified = Call->getDirectCallee() &&
                      Call->getDirectCallee()->isInStdNamespace();
  if (Ctx.getLangOpts().CPlusPlus && stdDeclares(Ctx, Max))
    Open = ("std::" + Max + "(").str();
  else if (Ctx.getLangOpts().CPlusPlus && StdQualified)
    Open = ("std::" + FMax + "(").str();
  else
    Open = (mathFunctionName(MathKind::Max, P == FPPrecision::Float ||
                                                    P == FPPrecision::LongDouble
                                                ? P
                                                : FPPrecision::Generic) +
            "(")
               .str();
  Diag << FixItHint::CreateInsertion(Arg->getBeginLoc(), Open)
       << FixItHint::CreateInsertion(endOf(Arg, Ctx), ", " + *Literal + ")");
}

void addDivisionMatchers(MatchFinder *Finder,
                         MatchFinder::MatchCallback *Check) {
  Finder->addMatcher(binaryOperator(hasAnyOperatorName("/", "/="),
                                    hasFloatingOrDependentType())
                         .bind("division"),
                     Check);
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Div}), argumentCountIs(2))
          .bind("division"),
      Check);
  Finder->addMatcher(
      cxxOperatorCallExpr(hasOverloadedOperatorName("/"), argumentCountIs(2))
          .bind("division"),
      Check);
}

std::optional<Division> divisionOf(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<Expr>("division");
  if (!E)
    return std::nullopt;
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) // `/` and `/=`
    return Division{BO, BO->getRHS(), BO->getOperatorLoc(), nullptr};
  std::optional<Arithmetic> A = asArithmetic(E); // __hdiv, half's operator/
  if (!A || A->Op != BO_Div)
    return std::nullopt;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    return Division{E, A->RHS, OC->getOperatorLoc(), nullptr};
  return Division{E, A->RHS, E->getBeginLoc(),
                  getMathCall(cast<CallExpr>(E))};
}

bool infinityIsClipped(const Division &D, ValueFacts &Facts, ASTContext &Ctx) {
  const auto *BO = dyn_cast<BinaryOperator>(D.Site);
  if (!BO || BO->getOpcode() != BO_Div)
    return false;
  Interval Num = Facts.range(BO->getLHS());
  if (!Num.isNonZero() || !std::isfinite(Num.Lo) || !std::isfinite(Num.Hi))
    return false;
  const FunctionDecl *F = returnedBy(BO, Ctx);
  return F && everyCallerClamps(F, Ctx);
}

} // namespace nanguard
