//===- MathFunctions.cpp - The table of math knowledge --------------------===//

#include "MathFunctions.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Demangle/Demangle.h"
#include <cstdlib>

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

static const MathFunctionInfo IntrinsicTable[] = {
#define NANGUARD_MATH_INTRINSIC(Name, Kind)                                    \
  {Name, MathKind::Kind, FPPrecision::Generic},
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

const MathFunctionInfo *lookupMathSymbol(StringRef Symbol) {
  if (Symbol.starts_with("llvm.")) {
    // llvm.log.f32, llvm.log.v4f32: the name up to the type suffix.
    size_t Dot = Symbol.find('.', 5);
    StringRef Base = Symbol.substr(0, Dot);
    for (const MathFunctionInfo &F : IntrinsicTable)
      if (F.Name == Base)
        return &F;
    return nullptr;
  }
  if (Symbol.consume_front("__nv_")) {
    // libdevice: __nv_expf is expf; the intrinsics are __nv_fast_expf
    // (__expf), __nv_fdiv_rn (__fdiv_rn).
    if (const MathFunctionInfo *F = lookupMathFunction(Symbol))
      return F;
    Symbol.consume_front("fast_");
    return lookupMathFunction(("__" + Symbol.str()));
  }
  if (!Symbol.starts_with("_Z"))
    return lookupMathFunction(Symbol);
  // A C++ overload in namespace std: std::log(float) is _ZSt3logf.
  ItaniumPartialDemangler Demangler;
  if (Demangler.partialDemangle(Symbol.str().c_str()) ||
      !Demangler.isFunction())
    return nullptr;
  char *Context = Demangler.getFunctionDeclContextName(nullptr, nullptr);
  char *Base = Demangler.getFunctionBaseName(nullptr, nullptr);
  const MathFunctionInfo *Found = nullptr;
  // In namespace std, or a file-local function of the global namespace:
  // the CUDA headers' device wrappers (static expf(float), _ZL4expff).
  if (Context && Base &&
      (StringRef(Context) == "std" || StringRef(Context).starts_with("std::") ||
       (StringRef(Context).empty() && Symbol.starts_with("_ZL"))))
    Found = lookupMathFunction(Base);
  std::free(Context);
  std::free(Base);
  return Found;
}

StringRef mathFunctionName(MathKind K, FPPrecision P) {
  StringRef Generic;
  for (const MathFunctionInfo &F : FunctionTable) {
    if (F.Kind != K)
      continue;
    if (F.Precision == P)
      return F.Name;
    if (F.Precision == FPPrecision::Generic && Generic.empty())
      Generic = F.Name;
  }
  return Generic;
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
