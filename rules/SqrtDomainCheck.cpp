//===- SqrtDomainCheck.cpp - nanguard-sqrt-domain -------------------------===//

#include "SqrtDomainCheck.h"
#include "CheckSupport.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void SqrtDomainCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Sqrt, MathKind::Rsqrt}),
               argumentCountIs(1))
          .bind("call"),
      this);
}

/// Whether a value is (built from) a difference: `a - b`, a product
/// with one, the numerator of a quotient, or a local variable given one
/// (`float var = ex2 - mean * mean;`, `v -= ...`). A denominator such as
/// Adam's bias correction `1 - pow(beta, t)` is not followed.
static bool involvesDifference(const Expr *E, const Stmt *Body,
                               unsigned Depth = 0) {
  if (Depth > 6)
    return false;
  E = stripConversions(E);
  if (std::optional<Arithmetic> A = asArithmetic(E)) {
    if (A->Op == BO_Sub)
      return true;
    if (A->Op == BO_Div)
      return involvesDifference(A->LHS, Body, Depth + 1);
    return involvesDifference(A->LHS, Body, Depth + 1) ||
           involvesDifference(A->RHS, Body, Depth + 1);
  }
  // A negation is not a cancellation: sqrt(-2 * log(u)) is as safe as the
  // log's argument, which unguarded-log checks.
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
  bool Rsqrt = getMathCall(Call)->Kind == MathKind::Rsqrt;
  // rsqrt(var) with no epsilon at all is div-by-variance's site first.
  if (Rsqrt && ruleEnabled("nanguard-div-by-variance") &&
      !Facts.carriesEpsilon(Arg))
    return;
  auto Diag = diag(Call->getBeginLoc(),
                   "%0 of a difference that may round below 0 is NaN")
              << getMathCall(Call)->Name << Call->getSourceRange();
  // rsqrt(var + eps): the clamp belongs on var, not on the sum; no fix.
  if (!Rsqrt && canFix(Call, Ctx))
    addClampBelowFix(Diag, Call, Arg, "0.0", Ctx); // sqrt(max(v, 0))
}

} // namespace nanguard
