//===- FlowDomainTest.cpp - The lattice of the flow analysis --------------===//
//
// The interval lattice and the state's difference relations (the zone), on
// their own: closure, contradictions, joins with summaries not yet written,
// relations implied by ranges, and elements retired into their summary.
//
//===----------------------------------------------------------------------===//

#include "Guards.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"
#include <cmath>

using namespace clang;
using namespace clang::ast_matchers;
using namespace nanguard;

namespace {

constexpr double Inf = std::numeric_limits<double>::infinity();

TEST(IntervalTest, MeetJoinAndEmpty) {
  Interval A = Interval::atLeast(0), B = Interval::atMost(-1);
  EXPECT_TRUE(A.meet(B).isEmpty());
  EXPECT_EQ(A.join(B), Interval::all());
  Interval C = Interval::atLeast(0, /*Open=*/true).meet(Interval::atMost(2));
  EXPECT_TRUE(C.isPositive());
  EXPECT_TRUE(C.isAtMost(2));
  EXPECT_FALSE(Interval::point(0).isNonZero());
}

TEST(IntervalTest, Arithmetic) {
  Interval Pos = Interval::atLeast(1);
  EXPECT_TRUE(reciprocal(Pos).isPositive());
  EXPECT_TRUE(reciprocal(Pos).isAtMost(1));
  EXPECT_TRUE(add(Pos, Interval::point(-1)).isNonNegative());
  Interval Sq = multiply(Interval::atLeast(-2).meet(Interval::atMost(3)),
                         Interval::point(2));
  EXPECT_EQ(Sq.Lo, -4);
  EXPECT_EQ(Sq.Hi, 6);
  EXPECT_EQ(negate(Pos).Hi, -1);
}

TEST(IntervalTest, IntegerQuotientsRoundTowardZero) {
  // o in [1, 16], o / 2: the real quotient is in [0.5, 8], the integer one
  // in [0, 8].
  Interval Q = truncatedToInteger(multiply(
      Interval::atLeast(1).meet(Interval::atMost(16)), Interval::point(0.5)));
  EXPECT_EQ(Q.Lo, 0);
  EXPECT_EQ(Q.Hi, 8);
  EXPECT_FALSE(Q.isPositive());
  Interval N = truncatedToInteger(Interval::atLeast(-2.5).meet(Interval::atMost(-0.5)));
  EXPECT_EQ(N.Lo, -2);
  EXPECT_EQ(N.Hi, 0);
}

TEST(IntervalTest, WideningEnds) {
  Interval Old = Interval::atLeast(8).meet(Interval::atMost(16));
  Interval New = Interval::atLeast(4).meet(Interval::atMost(16));
  Interval W = widen(Old, New);
  EXPECT_EQ(W.Lo, -Inf);
  EXPECT_EQ(W.Hi, 16);
  EXPECT_EQ(widen(W, W.join(Interval::point(0))), W);
}

/// The slots of `f`'s variables.
class ZoneTest : public ::testing::Test {
protected:
  void SetUp() override {
    AST = tooling::buildASTFromCodeWithArgs(
        "void f(double a, double b, double c, double *x, int i) {"
        "  (void)a; (void)b; (void)c; (void)x[i]; }",
        {"-std=c++17"});
    ASSERT_TRUE(AST);
    auto Found = match(functionDecl(hasName("f")).bind("f"), AST->getASTContext());
    ASSERT_EQ(Found.size(), 1u);
    const auto *F = Found[0].getNodeAs<FunctionDecl>("f");
    Slots = std::make_unique<SlotTable>(AST->getASTContext(), F->getBody());
    A = *Slots->slotForVar(F->getParamDecl(0));
    B = *Slots->slotForVar(F->getParamDecl(1));
    C = *Slots->slotForVar(F->getParamDecl(2));
    X = *Slots->summaryForDecl(F->getParamDecl(3));
    auto Elements = match(
        arraySubscriptExpr(forFunction(functionDecl(hasName("f")))).bind("e"),
        AST->getASTContext());
    ASSERT_EQ(Elements.size(), 1u);
    Xi = *Slots->slotFor(Elements[0].getNodeAs<Expr>("e"));
    I = F->getParamDecl(4);
  }

  std::unique_ptr<ASTUnit> AST;
  std::unique_ptr<SlotTable> Slots;
  SlotId A = 0, B = 0, C = 0, X = 0, Xi = 0;
  const ValueDecl *I = nullptr;
};

TEST_F(ZoneTest, ClosedUnderAddition) {
  State S;
  S.addDiff(A, B, 1, *Slots);
  S.addDiff(B, C, 2, *Slots);
  ASSERT_TRUE(S.diff(A, C).has_value());
  EXPECT_EQ(*S.diff(A, C), 3);
  S.addDiff(A, C, 0, *Slots); // tighter: kept
  EXPECT_EQ(*S.diff(A, C), 0);
}

TEST_F(ZoneTest, ContradictionIsUnreachable) {
  State S;
  S.addDiff(A, B, -1, *Slots); // a < b
  S.addDiff(B, A, 0, *Slots);  // b <= a
  EXPECT_FALSE(S.Reachable);
}

TEST_F(ZoneTest, SummaryTestsDoNotContradict) {
  State S;
  S.addDiff(X, A, 0, *Slots);  // every element <= a
  S.addDiff(A, X, -1, *Slots); // a below "an" element: a heuristic wins
  EXPECT_TRUE(S.Reachable);
  EXPECT_EQ(*S.diff(A, X), -1);
}

TEST_F(ZoneTest, JoinKeepsWhatHoldsOnBothPathsOrOfNoElementsYet) {
  State Written, Other;
  Written.Facts[X] = {Interval::all(), 0};
  Written.addDiff(X, A, 0, *Slots);
  Written.addDiff(B, A, 0, *Slots);
  // On the other path nothing was stored into x yet, and b is unrelated.
  State J = State::join(Written, Other, *Slots);
  EXPECT_TRUE(J.diff(X, A).has_value());
  EXPECT_FALSE(J.diff(B, A).has_value());
}

TEST_F(ZoneTest, RangesImplyRelationsInJoins) {
  State Related, Masked;
  Related.addDiff(B, A, 0, *Slots);
  Masked.Facts[B] = {Interval::point(-Inf), 0}; // b = -inf: below anything
  State J = State::join(Related, Masked, *Slots);
  ASSERT_TRUE(J.diff(B, A).has_value());
  EXPECT_EQ(*J.diff(B, A), 0);
}

TEST_F(ZoneTest, ElementRetiresIntoSummaryWhenItsIndexMoves) {
  EXPECT_EQ(Slots->summaryOf(Xi), X);
  State S;
  S.addDiff(Xi, A, 0, *Slots); // x[i] <= a
  S.forgetReaders(I, *Slots, /*KeepSummary=*/true); // ++i
  EXPECT_FALSE(S.diff(Xi, A).has_value());
  ASSERT_TRUE(S.diff(X, A).has_value());
  EXPECT_EQ(*S.diff(X, A), 0);
}

} // namespace
