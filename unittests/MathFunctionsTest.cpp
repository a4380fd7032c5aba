//===- MathFunctionsTest.cpp - The math table's lookups --------------------===//

#include "MathFunctions.h"
#include "gtest/gtest.h"

using namespace nanguard;

namespace {

struct SymbolCase {
  const char *Symbol;
  const char *Expected; ///< The table's C name, or null: not a math function.
};

TEST(MathFunctions, CNamesAndBuiltins) {
  const MathFunctionInfo *F = lookupMathFunction("expf");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Kind, MathKind::Exp);
  EXPECT_EQ(F->Precision, FPPrecision::Float);
  F = lookupMathFunction("__builtin_logl");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Kind, MathKind::Log);
  EXPECT_EQ(F->Precision, FPPrecision::LongDouble);
  F = lookupMathFunction("__hdiv");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Kind, MathKind::Div);
  EXPECT_EQ(F->Precision, FPPrecision::Half);
  EXPECT_EQ(lookupMathFunction("expo"), nullptr);
}

TEST(MathFunctions, IRSymbols) {
  const SymbolCase Cases[] = {
      {"llvm.exp.f32", "llvm.exp"},
      {"llvm.log.v4f32", "llvm.log"},
      {"llvm.exp2.f64", "llvm.exp2"},
      {"llvm.fma.f32", nullptr},
      {"__nv_expf", "expf"},              // libdevice
      {"__nv_fast_expf", "__expf"},       // the intrinsic __expf
      {"__nv_fast_fdividef", "__fdividef"},
      {"__nv_fdiv_rn", "__fdiv_rn"},
      {"__nv_saturatef", nullptr},
      {"_ZSt3logf", "log"},               // std::log(float)
      {"_ZNSt3__13expEd", "exp"},         // libc++'s std::__1::exp(double)
      {"_ZL4expff", "expf"},              // CUDA headers: static expf(float)
      {"_ZL6rsqrtff", "rsqrtf"},
      {"_Z4expff", nullptr},              // a user's own ::expf overload
      {"_ZN2my3logEd", nullptr},          // my::log(double)
      {"logf", "logf"},
      {"not_a_function", nullptr},
  };
  for (const SymbolCase &C : Cases) {
    const MathFunctionInfo *F = lookupMathSymbol(C.Symbol);
    if (!C.Expected) {
      EXPECT_EQ(F, nullptr) << C.Symbol;
      continue;
    }
    ASSERT_NE(F, nullptr) << C.Symbol;
    EXPECT_EQ(F->Name, C.Expected) << C.Symbol;
  }
}

TEST(MathFunctions, NamesForFixIts) {
  EXPECT_EQ(mathFunctionName(MathKind::Max, FPPrecision::Float), "fmaxf");
  EXPECT_EQ(mathFunctionName(MathKind::Max, FPPrecision::LongDouble), "fmaxl");
  EXPECT_EQ(mathFunctionName(MathKind::Max, FPPrecision::Generic), "fmax");
  EXPECT_EQ(mathFunctionName(MathKind::IsNan, FPPrecision::Generic), "isnan");
  EXPECT_EQ(literalSuffix(FPPrecision::Float), "f");
  EXPECT_EQ(literalSuffix(FPPrecision::LongDouble), "L");
}

TEST(MathFunctions, OverflowThresholds) {
  const MathKindInfo &Exp = getMathKindInfo(MathKind::Exp);
  EXPECT_NEAR(Exp.overflowThreshold(FPPrecision::Half), 11.09, 0.01);
  EXPECT_NEAR(Exp.overflowThreshold(FPPrecision::Float), 88.72, 0.01);
  EXPECT_NEAR(Exp.overflowThreshold(FPPrecision::Double), 709.78, 0.01);
  EXPECT_EQ(getMathKindInfo(MathKind::Log).Rule, "unguarded-log");
  EXPECT_EQ(getMathKindInfo(MathKind::Div).Rule, "unguarded-division");
}

} // namespace
