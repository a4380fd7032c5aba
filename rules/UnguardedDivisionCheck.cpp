//===- UnguardedDivisionCheck.cpp - nanguard-unguarded-division -----------===//

#include "UnguardedDivisionCheck.h"
#include "CheckSupport.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void UnguardedDivisionCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(binaryOperator(hasAnyOperatorName("/", "/="),
                                    hasType(realFloatingPointType()))
                         .bind("div"),
                     this);
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Div}), argumentCountIs(2)).bind("call"),
      this);
  Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("/"),
                                         argumentCountIs(2))
                         .bind("call"),
                     this);
}

void UnguardedDivisionCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Div = Result.Nodes.getNodeAs<BinaryOperator>("div");
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const Expr *Site = Div ? static_cast<const Expr *>(Div) : Call;
  std::optional<Arithmetic> A =
      Call ? asArithmetic(Call) : std::optional<Arithmetic>();
  if (Call && (!A || A->Op != BO_Div))
    return;
  const Expr *Den = Div ? Div->getRHS() : A->RHS;
  if (Den->isTypeDependent() || Den->isValueDependent())
    return;
  ASTContext &Ctx = *Result.Context;
  // A standard deviation or a norm is div-by-variance's, when it is on.
  if (Context->isCheckEnabled("nanguard-div-by-variance") &&
      involvesSpread(Den, enclosingBody(Site, Ctx)))
    return;
  ValueFacts Facts(Ctx, Site);
  if (Facts.isProvablyNonZero(Den) || Facts.carriesEpsilon(Den))
    return;
  SourceLocation Loc = Div ? Div->getOperatorLoc()
                       : isa<CXXOperatorCallExpr>(Call)
                           ? cast<CXXOperatorCallExpr>(Call)->getOperatorLoc()
                           : Call->getBeginLoc();
  diag(Loc, "division by a value that may be 0 "
                              "(0/0 is NaN, x/0 is inf); guard the divisor")
      << Den->getSourceRange();
}

} // namespace nanguard
