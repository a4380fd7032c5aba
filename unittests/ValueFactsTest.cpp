//===- ValueFactsTest.cpp - What the analysis knows about a value ----------===//
//
// Each case is a function `probe` whose last return statement's value is
// asked about: its range, as every rule would see it.
//
//===----------------------------------------------------------------------===//

#include "Guards.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

using namespace clang;
using namespace clang::ast_matchers;
using namespace nanguard;

namespace {

class ValueFactsTest : public ::testing::Test {
protected:
  /// The range of the value `probe` returns last.
  Interval rangeOf(llvm::StringRef Code) {
    const Expr *E = returned(Code);
    if (!E)
      return Interval::all();
    ValueFacts Facts(AST->getASTContext(), E);
    return Facts.range(E);
  }

  bool scaledNonPositive(llvm::StringRef Code) {
    const Expr *E = returned(Code);
    if (!E)
      return false;
    ValueFacts Facts(AST->getASTContext(), E);
    return Facts.isScaledNonPositive(E);
  }

private:
  const Expr *returned(llvm::StringRef Code) {
    AST = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++17", "-fsyntax-only"});
    if (!AST || AST->getDiagnostics().hasErrorOccurred()) {
      ADD_FAILURE() << "the snippet does not compile:\n" << Code.str();
      return nullptr;
    }
    auto Found = match(
        returnStmt(forFunction(functionDecl(hasName("probe")))).bind("ret"),
        AST->getASTContext());
    if (Found.empty()) {
      ADD_FAILURE() << "no return in probe";
      return nullptr;
    }
    // The last in the source.
    const ReturnStmt *Last = nullptr;
    const SourceManager &SM = AST->getSourceManager();
    for (const BoundNodes &N : Found) {
      const auto *R = N.getNodeAs<ReturnStmt>("ret");
      if (!Last || SM.isBeforeInTranslationUnit(Last->getBeginLoc(), R->getBeginLoc()))
        Last = R;
    }
    return Last->getRetValue();
  }

  std::unique_ptr<ASTUnit> AST;
};

TEST_F(ValueFactsTest, SquaresAndSums) {
  EXPECT_TRUE(rangeOf("double probe(double x) { return x * x; }").isNonNegative());
  EXPECT_TRUE(rangeOf("double probe(double x, double y) { return (x - y) * (x - y) + 1e-9; }")
                  .isPositive());
  EXPECT_FALSE(rangeOf("double probe(double x, double y) { return x * y; }").isNonNegative());
}

TEST_F(ValueFactsTest, ClampsAndTableFunctions) {
  Interval R = rangeOf(
      "double probe(double p) { return __builtin_fmin(__builtin_fmax(p, 1e-7), 1.0); }");
  EXPECT_EQ(R.Lo, 1e-7);
  EXPECT_EQ(R.Hi, 1.0);
  EXPECT_TRUE(rangeOf("double probe(double x) { return __builtin_sqrt(x * x + 1.0); }")
                  .isPositive());
  EXPECT_TRUE(rangeOf("float probe(float x) { return __builtin_expf(-__builtin_fabsf(x)); }")
                  .isAtMost(1.0));
}

TEST_F(ValueFactsTest, LogRangesHoldForEveryBase) {
  // -log(u) for u clamped into (0, 1) is positive: Gumbel noise.
  EXPECT_TRUE(rangeOf("double probe(double u) {"
                      "  u = __builtin_fmin(__builtin_fmax(u, 1e-12), 1.0 - 1e-12);"
                      "  return -__builtin_log(u); }")
                  .isPositive());
  // log2 of [2, 4] is [1, 2]: the bounds must contain it.
  Interval R = rangeOf("double probe(double x) {"
                       "  return __builtin_log2(__builtin_fmin(__builtin_fmax(x, 2.0), 4.0)); }");
  EXPECT_LE(R.Lo, 1.0);
  EXPECT_GE(R.Hi, 2.0);
  EXPECT_TRUE(R.isPositive());
}

TEST_F(ValueFactsTest, DominatingConditionsAndRepairs) {
  EXPECT_TRUE(rangeOf("double probe(double v) { if (v <= 0) return 1; return v; }")
                  .isPositive());
  EXPECT_TRUE(rangeOf("double probe(double u) { u = 1.0 - u; if (u <= 0) u = 1e-300; return u; }")
                  .isPositive());
  // A repair that does not satisfy the negated condition proves nothing.
  EXPECT_FALSE(rangeOf("double probe(double u) { if (u <= 0) u = -1.0; return u; }")
                   .isPositive());
  // A definition evaluated under the condition where it is made: c > 0,
  // and a division by an unsigned is never a division by +inf.
  Interval Q = rangeOf("double probe(unsigned c, unsigned n) {"
                       "  if (c == 0) return 1.0;"
                       "  double q = (double)c / n;"
                       "  return q; }");
  EXPECT_TRUE(Q.isPositive()) << Q.Lo << (Q.LoOpen ? " open" : " closed") << " " << Q.Hi;
}

TEST_F(ValueFactsTest, ConversionsRoundToZero) {
  EXPECT_FALSE(rangeOf("_Float16 probe() { return (_Float16)1e-8; }").isPositive());
  EXPECT_TRUE(rangeOf("_Float16 probe() { return (_Float16)1e-4; }").isPositive());
  EXPECT_FALSE(rangeOf("float probe() { return (float)1e-50; }").isPositive());
}

TEST_F(ValueFactsTest, MaximaAndMinima) {
  const char *MaxShifted = "double probe(const double *x, int n, int i) {"
                           "  double m = x[0];"
                           "  for (int j = 1; j < n; ++j) m = __builtin_fmax(m, x[j]);"
                           "  return x[i] - m; }";
  EXPECT_TRUE(rangeOf(MaxShifted).isNonPositive());
  EXPECT_TRUE(rangeOf("double probe(double a, double b) {"
                      "  double hi = __builtin_fmax(a, b), lo = __builtin_fmin(a, b);"
                      "  return lo - hi; }")
                  .isNonPositive());
  EXPECT_TRUE(rangeOf("double probe(const double *e, int i, double emin) { return e[i] - emin; }")
                  .isNonNegative());
}

TEST_F(ValueFactsTest, NameHints) {
  EXPECT_TRUE(rangeOf("int probe(int global_step) { return global_step; }").isNonNegative());
  EXPECT_FALSE(rangeOf("int probe(int offset) { return offset; }").isNonNegative());
  EXPECT_TRUE(rangeOf("double probe(double running_var) { return running_var; }")
                  .isNonNegative());
  EXPECT_TRUE(rangeOf("float probe(float eps) { return eps; }").isPositive());
}

TEST_F(ValueFactsTest, ScaleHeuristic) {
  EXPECT_TRUE(scaledNonPositive("double probe(double d, double t) {"
                                "  if (d <= 0) return 0; return -d / t; }"));
  EXPECT_TRUE(scaledNonPositive("double probe(double r, double l) {"
                                "  return -__builtin_fabs(r) / l; }"));
  // Two unknowns and a constant: nothing of known sign but the constant.
  EXPECT_FALSE(scaledNonPositive("double probe(double beta, double e) { return -beta * e; }"));
  // The scale must be a plain variable.
  EXPECT_FALSE(scaledNonPositive("double probe(double r, const double *t) {"
                                 "  return -__builtin_fabs(r) / t[0]; }"));
}

} // namespace
