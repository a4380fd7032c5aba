//===- SqrtDomainCheck.cpp - nanguard-sqrt-domain -------------------------===//

#include "SqrtDomainCheck.h"
#include "analysis/Fate.h"
#include "CheckSupport.h"
#include "ExpSites.h"
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

void SqrtDomainCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const Expr *Arg = Call->getArg(0);
  if (!analysable(Arg, *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  ValueFacts Facts(Ctx, Call);
  if (Facts.range(Arg).isNonNegative())
    return;
  // An unknown value is not flagged: a difference is what rounds below 0.
  if (!Facts.involvesDifference(Arg))
    return;
  if (nonFiniteResultIsHandled(Call, NaNs, Ctx))
    return; // s = sqrt(d); if (isnan(s)) ...
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
