//===- CheckSupport.cpp - Small helpers the checks share ------------------===//

#include "CheckSupport.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"

using namespace clang;
using namespace llvm;

namespace nanguard {

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

} // namespace nanguard
