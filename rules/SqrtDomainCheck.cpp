//===- SqrtDomainCheck.cpp - nanguard-sqrt-domain -------------------------===//

#include "SqrtDomainCheck.h"
#include "CheckSupport.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void SqrtDomainCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Sqrt}), argumentCountIs(1)).bind("call"),
      this);
}

/// Whether a value is (built from) a difference: `a - b`, `-x`, a product
/// with one, the numerator of a quotient, or a local variable given one
/// (`float var = ex2 - mean * mean;`, `v -= ...`). A denominator such as
/// Adam's bias correction `1 - pow(beta, t)` is not followed.
static bool involvesDifference(const Expr *E, const Stmt *Body,
                               unsigned Depth = 0) {
  if (Depth > 6)
    return false;
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    if (BO->getOpcode() == BO_Sub)
      return true;
    if (BO->getOpcode() == BO_Div)
      return involvesDifference(BO->getLHS(), Body, Depth + 1);
    if (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Mul)
      return involvesDifference(BO->getLHS(), Body, Depth + 1) ||
             involvesDifference(BO->getRHS(), Body, Depth + 1);
    return false;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Minus;
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || !Body)
    return false;
  VariableDefinitions Defs = findDefinitions(VD, Body);
  if (Defs.Init && involvesDifference(Defs.Init, Body, Depth + 1))
    return true;
  for (const auto &U : Defs.Updates)
    if (U.Op == BO_SubAssign ||
        (U.RHS && U.Op == BO_Assign &&
         involvesDifference(U.RHS, Body, Depth + 1)))
      return true;
  return false;
}

void SqrtDomainCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const Expr *Arg = Call->getArg(0);
  if (Arg->isTypeDependent() || Arg->isValueDependent())
    return;
  ASTContext &Ctx = *Result.Context;
  ValueFacts Facts(Ctx, Call);
  if (Facts.range(Arg).isNonNegative())
    return;
  // An unknown value is not flagged: a difference is what rounds below 0.
  if (!involvesDifference(Arg, enclosingBody(Call, Ctx)))
    return;
  auto Diag = diag(Call->getBeginLoc(),
                   "%0 of a difference that may round below 0 is NaN")
              << getMathCall(Call)->Name << Call->getSourceRange();
  if (canFix(Call, Ctx))
    addClampBelowFix(Diag, Call, Arg, "0.0", Ctx); // sqrt(max(v, 0))
}

} // namespace nanguard
