//===- NaiveSigmoidCheck.h - nanguard-naive-sigmoid ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_NAIVESIGMOIDCHECK_H
#define NANGUARD_RULES_NAIVESIGMOIDCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags exp(x) / (1 + exp(x)), which is inf / inf = NaN for large x. Fix:
/// 1 / (1 + exp(-x)), which gives 0, not NaN, for very negative x.
class NaiveSigmoidCheck : public NanGuardCheck {
public:
  NaiveSigmoidCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
