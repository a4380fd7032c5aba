//===- Interval.cpp - Ranges of real values -------------------------------===//

#include "Interval.h"
#include <algorithm>
#include <cmath>
#include <iterator>

namespace nanguard {

static constexpr double Inf = std::numeric_limits<double>::infinity();

Interval Interval::empty() {
  Interval I;
  I.Lo = Inf;
  I.Hi = -Inf;
  return I;
}

Interval Interval::point(double V) {
  Interval I;
  I.Lo = I.Hi = V;
  I.NonZero = V != 0;
  return I;
}

Interval Interval::atLeast(double V, bool Open) {
  Interval I;
  I.Lo = V;
  I.LoOpen = Open;
  return I;
}

Interval Interval::atMost(double V, bool Open) {
  Interval I;
  I.Hi = V;
  I.HiOpen = Open;
  return I;
}

bool Interval::isEmpty() const {
  if (Lo > Hi)
    return true;
  if (Lo == Hi)
    return LoOpen || HiOpen || (Lo == 0 && NonZero);
  return false;
}

Interval Interval::meet(const Interval &O) const {
  if (isEmpty() || O.isEmpty())
    return empty();
  Interval R = *this;
  if (O.Lo > R.Lo || (O.Lo == R.Lo && O.LoOpen)) {
    R.Lo = O.Lo;
    R.LoOpen = O.LoOpen;
  }
  if (O.Hi < R.Hi || (O.Hi == R.Hi && O.HiOpen)) {
    R.Hi = O.Hi;
    R.HiOpen = O.HiOpen;
  }
  R.NonZero = NonZero || O.NonZero;
  if (R.NonZero && R.Lo == 0 && R.Hi > 0)
    R.LoOpen = true; // [0, x] without 0
  if (R.NonZero && R.Hi == 0 && R.Lo < 0)
    R.HiOpen = true;
  return R.isEmpty() ? empty() : R;
}

Interval Interval::join(const Interval &O) const {
  if (isEmpty())
    return O;
  if (O.isEmpty())
    return *this;
  Interval R = *this;
  if (O.Lo < R.Lo || (O.Lo == R.Lo && !O.LoOpen)) {
    R.Lo = O.Lo;
    R.LoOpen = O.LoOpen;
  }
  if (O.Hi > R.Hi || (O.Hi == R.Hi && !O.HiOpen)) {
    R.Hi = O.Hi;
    R.HiOpen = O.HiOpen;
  }
  R.NonZero = isNonZero() && O.isNonZero();
  return R;
}

bool Interval::operator==(const Interval &O) const {
  if (isEmpty() || O.isEmpty())
    return isEmpty() == O.isEmpty();
  return Lo == O.Lo && Hi == O.Hi && LoOpen == O.LoOpen &&
         HiOpen == O.HiOpen && NonZero == O.NonZero;
}

Interval negate(const Interval &A) {
  if (A.isEmpty())
    return A;
  Interval R;
  R.Lo = -A.Hi;
  R.LoOpen = A.HiOpen;
  R.Hi = -A.Lo;
  R.HiOpen = A.LoOpen;
  R.NonZero = A.NonZero;
  return R;
}

Interval add(const Interval &A, const Interval &B) {
  if (A.isEmpty() || B.isEmpty())
    return Interval::empty();
  Interval R;
  R.Lo = A.Lo + B.Lo;
  R.LoOpen = A.LoOpen || B.LoOpen;
  R.Hi = A.Hi + B.Hi;
  R.HiOpen = A.HiOpen || B.HiOpen;
  if (std::isnan(R.Lo))
    R.Lo = -Inf, R.LoOpen = false;
  if (std::isnan(R.Hi))
    R.Hi = Inf, R.HiOpen = false;
  return R;
}

static double mulBound(double A, double B) {
  if (A == 0 || B == 0)
    return 0;
  return A * B;
}

Interval multiply(const Interval &A, const Interval &B) {
  if (A.isEmpty() || B.isEmpty())
    return Interval::empty();
  double C[] = {mulBound(A.Lo, B.Lo), mulBound(A.Lo, B.Hi),
                mulBound(A.Hi, B.Lo), mulBound(A.Hi, B.Hi)};
  Interval R;
  R.Lo = *std::min_element(std::begin(C), std::end(C));
  R.Hi = *std::max_element(std::begin(C), std::end(C));
  bool SameSign = (A.isPositive() && B.isPositive()) ||
                  (A.isNegative() && B.isNegative());
  bool OppositeSign = (A.isPositive() && B.isNegative()) ||
                      (A.isNegative() && B.isPositive());
  if (SameSign && R.Lo == 0)
    R.LoOpen = true;
  if (OppositeSign && R.Hi == 0)
    R.HiOpen = true;
  R.NonZero = A.isNonZero() && B.isNonZero();
  return R;
}

Interval reciprocal(const Interval &A) {
  if (A.isEmpty())
    return A;
  if (A.isPositive()) {
    Interval R = Interval::atLeast(0, /*Open=*/true);
    if (A.Lo > 0)
      R.Hi = 1 / A.Lo;
    return R;
  }
  if (A.isNegative()) {
    Interval R = Interval::atMost(0, /*Open=*/true);
    if (A.Hi < 0)
      R.Lo = 1 / A.Hi;
    return R;
  }
  if (A.isNonNegative())
    return Interval::atLeast(0); // 1/+0 is +inf: still not negative.
  if (A.isNonPositive())
    return Interval::atMost(0);
  return Interval::all();
}

Interval truncatedToInteger(Interval R) {
  if (R.isEmpty())
    return R;
  // Truncation is monotone: the quotients lie between the truncated bounds.
  R.Lo = std::trunc(R.Lo);
  R.Hi = std::trunc(R.Hi);
  R.LoOpen = R.HiOpen = false;
  if (R.Lo <= 0 && R.Hi >= 0)
    R.NonZero = false;
  return R;
}

Interval roundedTo(Interval R, const llvm::fltSemantics &Sem) {
  if (R.isEmpty())
    return R;
  double Tiny = llvm::APFloat::getSmallest(Sem).convertToDouble() / 2;
  if (R.Lo >= 0 && R.Lo <= Tiny) {
    R.Lo = 0;
    R.LoOpen = false;
    R.NonZero = false;
  }
  if (R.Hi <= 0 && R.Hi >= -Tiny) {
    R.Hi = 0;
    R.HiOpen = false;
    R.NonZero = false;
  }
  return R;
}

Interval widen(const Interval &Old, const Interval &New) {
  if (Old.isEmpty())
    return New;
  Interval R = Old.join(New);
  bool Moved = false;
  if (New.Lo < Old.Lo)
    R.Lo = -Inf, R.LoOpen = false, Moved = true;
  if (New.Hi > Old.Hi)
    R.Hi = Inf, R.HiOpen = false, Moved = true;
  // A bound that moves may move across 0.
  if (Moved)
    R.NonZero = false;
  return R;
}

} // namespace nanguard
