//===- MathFunctions.h - The table of math knowledge ------------*- C++ -*-===//
//
// Read-only view of MathFunctions.def. Depends on LLVM's ADT only, so the IR
// pass and the AST rules can both use it.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_MATHFUNCTIONS_H
#define NANGUARD_RULES_MATHFUNCTIONS_H

#include "llvm/ADT/StringRef.h"

namespace nanguard {

enum class MathKind {
#define NANGUARD_MATH_KIND(Kind, Domain, Rule, Half, Float, Double, LongDouble) \
  Kind,
#include "MathFunctions.def"
};

/// The arguments for which a function's result is a finite real number.
enum class MathDomain { Any, Positive, NonNegative, GreaterThanMinus1, UnitInterval };

enum class FPPrecision { Generic, Half, Float, Double, LongDouble };

struct MathKindInfo {
  MathKind Kind;
  MathDomain Domain;
  /// Rule id without the "nanguard-" prefix; empty for functions that only
  /// serve as guards.
  llvm::StringRef Rule;
  /// Largest argument whose result is finite, per precision (0: none).
  double OverflowHalf, OverflowFloat, OverflowDouble, OverflowLongDouble;

  double overflowThreshold(FPPrecision P) const;
};

struct MathFunctionInfo {
  llvm::StringRef Name; ///< The C name: "logf".
  MathKind Kind;
  FPPrecision Precision;

  const MathKindInfo &kind() const;
};

/// The entry for a C name ("logf"), or a "__builtin_" spelling of one.
const MathFunctionInfo *lookupMathFunction(llvm::StringRef Name);

/// The entry for a symbol in LLVM IR: a C name, libdevice's "__nv_logf",
/// an intrinsic ("llvm.log.f32"), or a mangled C++ name of a function in
/// namespace std ("_ZSt3logf", std::log(float)).
const MathFunctionInfo *lookupMathSymbol(llvm::StringRef Symbol);

const MathKindInfo &getMathKindInfo(MathKind K);

/// The C name of a kind for a precision ("fmaxf" for Max and Float): what a
/// fix-it spells. Generic when there is no name for that precision.
llvm::StringRef mathFunctionName(MathKind K, FPPrecision P);

/// The literal suffix for a floating constant of this precision ("f", "", "L").
llvm::StringRef literalSuffix(FPPrecision P);

} // namespace nanguard

#endif
