//===- Interval.h - Ranges of real values -----------------------*- C++ -*-===//
//
// The value lattice of the flow analysis: a closed or open interval of real
// values (with -inf and +inf as bounds), "known to be non-zero", and an
// empty value for a value that cannot exist (a contradiction).
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_INTERVAL_H
#define NANGUARD_RULES_ANALYSIS_INTERVAL_H

#include "llvm/ADT/APFloat.h"
#include <limits>

namespace nanguard {

struct Interval {
  double Lo = -std::numeric_limits<double>::infinity();
  double Hi = std::numeric_limits<double>::infinity();
  bool LoOpen = false;
  bool HiOpen = false;
  bool NonZero = false;

  static Interval all() { return {}; }
  /// No value at all: the meet of contradicting facts.
  static Interval empty();
  /// What a guard function returns: safe for every rule (in (0, 1]).
  static Interval trusted() { return {0, 1, true, false, true}; }
  static Interval point(double V);
  static Interval atLeast(double V, bool Open = false);
  static Interval atMost(double V, bool Open = false);

  bool isEmpty() const;
  bool isPositive() const { return Lo > 0 || (Lo == 0 && LoOpen); }
  bool isNegative() const { return Hi < 0 || (Hi == 0 && HiOpen); }
  bool isNonNegative() const { return Lo >= 0; }
  bool isNonPositive() const { return Hi <= 0; }
  bool isNonZero() const { return NonZero || isPositive() || isNegative(); }
  /// Every value is > C.
  bool isAbove(double C) const { return Lo > C || (Lo == C && LoOpen); }
  /// Every value is <= C.
  bool isAtMost(double C) const { return Hi <= C; }
  bool isBoundedAbove() const {
    return Hi < std::numeric_limits<double>::infinity();
  }
  bool isPoint() const { return Lo == Hi && !isEmpty(); }

  /// The values in both (empty when they do not overlap).
  Interval meet(const Interval &O) const;
  /// The smallest interval holding both.
  Interval join(const Interval &O) const;
  bool operator==(const Interval &O) const;
  bool operator!=(const Interval &O) const { return !(*this == O); }
};

Interval negate(const Interval &A);
Interval add(const Interval &A, const Interval &B);
Interval multiply(const Interval &A, const Interval &B);
Interval reciprocal(const Interval &A);
/// A range converted to a floating format: positive values below half its
/// smallest subnormal round to 0 (1e-8 in _Float16).
Interval roundedTo(Interval R, const llvm::fltSemantics &Sem);
/// The result of an integer division whose real quotient lies in \p R:
/// rounded toward zero (in `for (o = 16; o > 0; o /= 2)`, 1 / 2 is 0).
Interval truncatedToInteger(Interval R);
/// The join, with every bound that moved pushed to infinity: what a loop
/// head keeps so that the analysis of a loop ends.
Interval widen(const Interval &Old, const Interval &New);

} // namespace nanguard

#endif
