//===- UnguardedDivisionCheck.cpp - nanguard-unguarded-division -----------===//

#include "UnguardedDivisionCheck.h"
#include "analysis/Fate.h"
#include "CheckSupport.h"
#include "ExpSites.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void UnguardedDivisionCheck::registerMatchers(MatchFinder *Finder) {
  addDivisionMatchers(Finder, this);
}

void UnguardedDivisionCheck::check(const MatchFinder::MatchResult &Result) {
  std::optional<Division> D = divisionOf(Result);
  if (!D)
    return;
  const Expr *Den = D->Divisor;
  if (!analysable(Den, *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  // A standard deviation or a norm is div-by-variance's, when it is on.
  ValueFacts Facts(Ctx, D->Site);
  if (ruleEnabled("nanguard-div-by-variance") && Facts.involvesSpread(Den))
    return;
  if (Facts.isProvablyNonZero(Den) || Facts.carriesEpsilon(Den) ||
      nonFiniteResultIsHandled(D->Site, AnyNonFinite, Ctx) || infinityIsClipped(*D, Facts, Ctx))
    return;
  diag(D->Loc, "division by a value that may be 0 (0/0 is NaN, x/0 is inf); "
               "guard the divisor")
      << Den->getSourceRange();
}

} // namespace nanguard
