//===- Fate.h - Where a non-finite value goes -------------------*- C++ -*-===//
//
// An operation that may produce an infinity or a NaN is a hazard only when
// that value can leave the code that made it: returned, stored, handed to a
// function nothing here can see. Code often maps it back to a number on
// the way: `1 / (1 + exp(x))` is 0 when exp(x) overflows, `1 - exp(-w)` is
// 1 when w is +inf, `fmax(v, eps)` drops a NaN, a comparison only compares,
// `isinf(w) ? 0 : f(w)` never lets an infinite w into f.
//
// This follows the non-finite kinds (+inf, -inf, NaN) an operation may
// produce forward through the expressions that use it, the local variables
// that keep it (at each use, less what the conditions around the use rule
// out), the functions of the translation unit it is passed to (their
// returns, with the kinds their own bodies give back) and, when the
// function returns it, every call of the function in the translation unit.
// It answers whether every kind is turned into a finite value on every way
// out. Bounded in steps and depth; anything it cannot follow is a way out.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_FATE_H
#define NANGUARD_RULES_ANALYSIS_FATE_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace nanguard {

/// The non-finite values an operation may produce, as a set.
constexpr unsigned PosInf = 1u << 0;
constexpr unsigned NegInf = 1u << 1;
constexpr unsigned NaNs = 1u << 2;
constexpr unsigned Infinities = PosInf | NegInf;
constexpr unsigned AnyNonFinite = PosInf | NegInf | NaNs;

/// Whether every value of \p Kinds that \p Op may produce becomes a finite
/// value before it leaves the function (or, when the function returns it,
/// in every caller of the translation unit).
bool nonFiniteIsAbsorbed(const clang::Expr *Op, unsigned Kinds,
                         clang::ASTContext &Ctx);

/// Forgets what was gathered about the last translation unit.
void forgetFates();

} // namespace nanguard

#endif
