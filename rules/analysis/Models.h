//===- Models.h - Library and CUDA idioms as table entries ------*- C++ -*-===//
//
// What a call does to the values the analysis follows, for the calls whose
// body it cannot see: each entry of the table in Models.cpp is a matcher
// (which calls it covers) paired with the effect the flow analysis applies
// (its result is the maximum of its operands, the same value seen from
// another lane, a sum over lanes, ...). Adding an idiom is one entry and
// one lit test (test/rules/models-*.cpp).
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_MODELS_H
#define NANGUARD_RULES_ANALYSIS_MODELS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

namespace nanguard {

enum class ModelEffect {
  None,
  Max,        ///< The result is >= every operand (an operand that is a
              ///< pointer or container stands for its elements).
  Min,        ///< The result is <= every operand.
  Clamp,      ///< clamp(x, lo, hi): between its second and third operand.
  SameValue,  ///< The operand's value, seen from another lane.
  Sum,        ///< A sum of the operand over lanes: >= it when it is >= 0.
  Accumulate, ///< std::accumulate(b, e, init, op): op folded over [b, e).
};

struct CallModel {
  ModelEffect Effect = ModelEffect::None;
  llvm::SmallVector<const clang::Expr *, 3> Operands;
  /// Which entry of the table matched (for diagnostics and tests).
  const char *Entry = nullptr;
};

/// The model of a call (looking through `*` for an iterator a call
/// returns), or one with Effect None.
CallModel modelOf(const clang::Expr *E);

/// A parameter of a function object that an algorithm calls with the
/// elements of a range: the `x` of std::accumulate(b, e, 0.0,
/// [m](double s, double x) { ... }), whose Range is `b`.
struct ElementParameter {
  unsigned Param;
  const clang::Expr *Range;
};

/// The parameters of the function object passed as argument \p Arg of
/// \p Call that the algorithm binds to the elements of its ranges (std::accumulate,
/// for_each, transform, transform_reduce, count_if, find_if, any_of,
/// all_of, none_of, max_element and sort with a comparison, ...).
llvm::SmallVector<ElementParameter, 2>
elementParameters(const clang::CallExpr *Call, unsigned Arg);

} // namespace nanguard

#endif
