//===- PowDomainCheck.cpp - nanguard-pow-domain ---------------------------===//

#include "PowDomainCheck.h"
#include "analysis/Fate.h"
#include "ExpSites.h"
#include "CheckSupport.h"
#include "MathMatchers.h"
#include <cmath>

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void PowDomainCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Pow}), argumentCountIs(2)).bind("call"),
      this);
}

void PowDomainCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const Expr *Base = Call->getArg(0), *Exponent = Call->getArg(1);
  if (!analysable(Base, *Result.Context) || !analysable(Exponent, *Result.Context))
    return;
  ValueFacts Facts(*Result.Context, Call);
  Interval B = Facts.range(Base), E = Facts.range(Exponent);
  bool IntegerExponent =
      Exponent->IgnoreParenCasts()->getType()->isIntegerType() || // pow(b, (float)t)
      (E.Lo == E.Hi && std::isfinite(E.Lo) && std::floor(E.Lo) == E.Lo);
  // (-8)^(1/3) is NaN in IEEE 754; 0^(-1) is inf. An exponent whose sign
  // is unknown (Adam's pow(beta1, t)) is not taken as a negative one.
  bool NaNRisk = !B.isNonNegative() && !IntegerExponent;
  bool InfRisk = !B.isNonZero() && E.isNegative();
  if ((!NaNRisk && !InfRisk) || nonFiniteResultIsHandled(Call, NaNRisk ? NaNs : Infinities,
                                                  *Result.Context))
    return;
  diag(Call->getBeginLoc(),
       NaNRisk ? "pow of a base that may be negative with an exponent that "
                 "may not be an integer is NaN"
               : "pow of a base that may be 0 with an exponent that may be "
                 "negative is inf")
      << Call->getSourceRange();
}

} // namespace nanguard
