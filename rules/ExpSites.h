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

/// Classifies a call; cheap to call again on the same call.
ExpSite classifyExpCall(const clang::CallExpr *Call, clang::ASTContext &Ctx);

} // namespace nanguard

#endif
