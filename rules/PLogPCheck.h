//===- PLogPCheck.h - nanguard-plogp ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_PLOGPCHECK_H
#define NANGUARD_RULES_PLOGPCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags p * log(p) and p * log(p / q) (entropy, KL divergence) where p may
/// be 0: 0 * -inf is NaN. Fix: guard the term, p > 0 ? p * log(p) : 0.
class PLogPCheck : public NanGuardCheck {
public:
  PLogPCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
