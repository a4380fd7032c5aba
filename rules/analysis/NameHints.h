//===- NameHints.h - What a name says about a value -------------*- C++ -*-===//
//
// The documented heuristics for what a single function cannot show, in one
// place (docs/guards.md lists each). A name is split into its words
// (layerNorm_eps: layer, norm, eps) and only whole words count: `steps` is
// not an epsilon, `max_delta` is not a maximum. All of them are switched
// off together with the NameHints option.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_NAMEHINTS_H
#define NANGUARD_RULES_ANALYSIS_NAMEHINTS_H

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include <string>

namespace nanguard {

/// The words of an identifier, lower case: layerNorm_eps -> layer norm eps,
/// kEps -> k eps, EPSILON -> epsilon.
llvm::SmallVector<std::string, 4> identifierWords(llvm::StringRef Name);

/// eps, kEps, EPSILON, layer_norm_eps, eps_sq: a small positive number.
bool nameSaysEpsilon(llvm::StringRef Name);

/// std, stddev, sigma, var, variance, norm, rms (as a word: running_var,
/// layerNorm): a spread, taken to be >= 0; dividing by it needs an epsilon.
bool nameSaysSpread(llvm::StringRef Name);

/// An integer counting steps (step, epoch, iter, global_step): >= 0.
bool nameSaysCounter(llvm::StringRef Name);

/// The maximum of the values it is compared with or subtracted from:
/// max, row_max, maxval, max_logit, vmax, warpReduceMax, max_element; not
/// max_delta, max_iter, max_len, argmax, softmax.
bool nameSaysMax(llvm::StringRef Name);
/// The minimum, in the same way: min, row_min, emin, min_element.
bool nameSaysMin(llvm::StringRef Name);

/// A sum (warpReduceSum, block_sum, row_sum): a reduction that adds.
bool nameSaysSum(llvm::StringRef Name);

} // namespace nanguard

#endif
