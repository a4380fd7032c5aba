//===- UnguardedDivisionCheck.cpp - nanguard-unguarded-division -----------===//

#include "UnguardedDivisionCheck.h"
#include "CheckSupport.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void UnguardedDivisionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(binaryOperator(hasAnyOperatorName("/", "/="),
                                    hasType(realFloatingPointType()))
                         .bind("div"),
                     this);
}

void UnguardedDivisionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Div = Result.Nodes.getNodeAs<BinaryOperator>("div");
  const Expr *Den = Div->getRHS();
  if (Den->isTypeDependent() || Den->isValueDependent())
    return;
  ASTContext &Ctx = *Result.Context;
  // A standard deviation or a norm is div-by-variance's, when it is on.
  if (Context->isCheckEnabled("nanguard-div-by-variance") &&
      involvesSpread(Den, enclosingBody(Div, Ctx)))
    return;
  ValueFacts Facts(Ctx, Div);
  if (Facts.isProvablyNonZero(Den) || Facts.carriesEpsilon(Den))
    return;
  diag(Div->getOperatorLoc(), "division by a value that may be 0 "
                              "(0/0 is NaN, x/0 is inf); guard the divisor")
      << Den->getSourceRange();
}

} // namespace nanguard
