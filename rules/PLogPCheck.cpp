//===- PLogPCheck.cpp - nanguard-plogp ------------------------------------===//

#include "PLogPCheck.h"
#include "CheckSupport.h"
#include "ExpSites.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void PLogPCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Log}), argumentCountIs(1)).bind("call"),
      this);
}

void PLogPCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const Expr *Arg = Call->getArg(0);
  if (!analysable(Arg, *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  const Expr *Factor = plogpFactor(Call, Ctx);
  if (!Factor)
    return;
  ValueFacts Facts(Ctx, Call);
  // Safe: p > 0 where the term is computed, or a log that cannot be -inf.
  if (Facts.isProvablyPositive(Factor) || Facts.isProvablyPositive(Arg) ||
      Facts.carriesEpsilon(Arg))
    return;
  diag(Call->getBeginLoc(),
       "x * log(x) is NaN at x = 0 (0 * -inf = NaN); the term's limit is 0: "
       "guard it (x > 0 ? x * log(x) : 0) or use an xlogy helper")
      << Call->getSourceRange() << Factor->getSourceRange();
}

} // namespace nanguard
