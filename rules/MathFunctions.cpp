//===- MathFunctions.cpp - The table of math knowledge --------------------===//

#include "MathFunctions.h"
#include "llvm/ADT/StringMap.h"

using namespace llvm;

namespace nanguard {

static const MathKindInfo KindTable[] = {
#define NANGUARD_MATH_KIND(Kind, Domain, Rule, Half, Float, Double, LongDouble) \
  {MathKind::Kind, MathDomain::Domain, Rule, Half, Float, Double, LongDouble},
#include "MathFunctions.def"
};

static const MathFunctionInfo FunctionTable[] = {
#define NANGUARD_MATH_FUNCTION(Name, Kind, Precision)                          \
  {#Name, MathKind::Kind, FPPrecision::Precision},
#include "MathFunctions.def"
};

const MathKindInfo &getMathKindInfo(MathKind K) {
  return KindTable[static_cast<unsigned>(K)];
}

const MathKindInfo &MathFunctionInfo::kind() const {
  return getMathKindInfo(Kind);
}

double MathKindInfo::overflowThreshold(FPPrecision P) const {
  switch (P) {
  case FPPrecision::Half:
    return OverflowHalf;
  case FPPrecision::Float:
    return OverflowFloat;
  case FPPrecision::Generic:
  case FPPrecision::Double:
    return OverflowDouble;
  case FPPrecision::LongDouble:
    return OverflowLongDouble;
  }
  return OverflowDouble;
}

const MathFunctionInfo *lookupMathFunction(StringRef Name) {
  static const StringMap<const MathFunctionInfo *> ByName = [] {
    StringMap<const MathFunctionInfo *> M;
    for (const MathFunctionInfo &F : FunctionTable)
      M[F.Name] = &F;
    return M;
  }();
  Name.consume_front("__builtin_");
  auto It = ByName.find(Name);
  return It == ByName.end() ? nullptr : It->second;
}

StringRef literalSuffix(FPPrecision P) {
  switch (P) {
  case FPPrecision::Float:
    return "f";
  case FPPrecision::LongDouble:
    return "L";
  default:
    return "";
  }
}

} // namespace nanguard
