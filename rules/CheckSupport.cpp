//===- CheckSupport.cpp - Small helpers the checks share ------------------===//

#include "CheckSupport.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

using namespace clang;
using namespace llvm;

namespace nanguard {

/// Whether the translation unit already declares std::max, so a fix can use
/// it without adding an include.
static bool stdMaxIsDeclared(ASTContext &Ctx) {
  for (const NamedDecl *D :
       Ctx.getTranslationUnitDecl()->lookup(&Ctx.Idents.get("std")))
    if (const auto *NS = dyn_cast<NamespaceDecl>(D))
      if (!NS->lookup(&Ctx.Idents.get("max")).empty())
        return true;
  return false;
}

void addClampBelowFix(DiagnosticBuilder &Diag, const CallExpr *Call,
                      const Expr *Arg, StringRef Floor, ASTContext &Ctx) {
  const Expr *Written = Arg->IgnoreImpCasts();
  std::optional<std::string> Literal = typedLiteral(Floor, Written);
  if (!Literal)
    return;
  std::string Open;
  FPPrecision P = precisionOf(Written->getType());
  bool StdQualified = Call->getDirectCallee() &&
                      Call->getDirectCallee()->isInStdNamespace();
  if (Ctx.getLangOpts().CPlusPlus && stdMaxIsDeclared(Ctx))
    Open = "std::max(";
  else if (Ctx.getLangOpts().CPlusPlus && StdQualified)
    Open = "std::fmax(";
  else
    Open = P == FPPrecision::Float        ? "fmaxf("
           : P == FPPrecision::LongDouble ? "fmaxl("
                                          : "fmax(";
  Diag << FixItHint::CreateInsertion(Arg->getBeginLoc(), Open)
       << FixItHint::CreateInsertion(endOf(Arg, Ctx), ", " + *Literal + ")");
}

} // namespace nanguard
