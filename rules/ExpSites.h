//===- ExpSites.h - What an exp call is part of -----------------*- C++ -*-===//
//
// raw-exp and naive-softmax look at the same calls; this decides which of
// them owns a call, so that a site gets one diagnostic, not two.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_EXPSITES_H
#define NANGUARD_RULES_EXPSITES_H

#include "MathFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

namespace nanguard {

enum class ExpSiteKind {
  NotExp,    ///< Not a call of the exp family.
  Bounded,   ///< The argument is bounded above: no overflow.
  Harmless,  ///< Overflow to inf is absorbed: 1 / (1 + exp(-x)) -> 0.
  Unbounded, ///< May overflow to inf.
  Sigmoid,   ///< exp(x) / (1 + exp(x)): inf / inf for large x.
  Softmax,   ///< Unbounded, and normalised by a sum of exps.
  LogSumExp, ///< Unbounded, and summed under a log.
};

struct ExpSite {
  ExpSiteKind Kind = ExpSiteKind::NotExp;
  const MathFunctionInfo *Function = nullptr;
  FPPrecision Precision = FPPrecision::Double;
  double Threshold = 0; ///< The largest argument with a finite result.
};

/// A sum of exps: an accumulator of exps (`s += exp(x[i])`) or an additive
/// expression with exp terms. Its log is log-sum-exp, naive-softmax's site.
bool isSumOfExps(const clang::Expr *E, clang::ASTContext &Ctx);

/// p * log(p), -p * log(p / q): the factor multiplying a log that is (the
/// numerator of) its argument; null when the call is not such a site.
const clang::Expr *plogpFactor(const clang::CallExpr *LogCall,
                               clang::ASTContext &Ctx);

/// exp(x) / (1 + exp(x)) (or exp(x) + 1): the division, when \p ExpCall is
/// one of its two exps; null otherwise.
const clang::BinaryOperator *naiveSigmoid(const clang::CallExpr *ExpCall,
                                          clang::ASTContext &Ctx);

/// The exp-family call an expression is (through parentheses and casts).
const clang::CallExpr *asExpCallForSigmoid(const clang::Expr *E);

/// The non-finite values of \p Kinds (Fate.h) an operation (an exp, a
/// division, a log) may produce are handled: its value is kept in a local
/// variable that the function tests after it with isinf, isnan or isfinite
/// (`g = n / d; if (isnan(g) || isinf(g)) g = limit;`), or every way it
/// can go turns them into finite values (`1 - exp(-w)`, `fmax(v, eps)`).
bool nonFiniteResultIsHandled(const clang::Expr *Op, unsigned Kinds,
                              clang::ASTContext &Ctx);

/// Forgets the classifications of the last translation unit.
void forgetExpSites();

/// Classifies a call; cached, so cheap to call again on the same call.
ExpSite classifyExpCall(const clang::CallExpr *Call, clang::ASTContext &Ctx);

} // namespace nanguard

#endif
