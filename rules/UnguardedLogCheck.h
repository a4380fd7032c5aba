//===- UnguardedLogCheck.h - nanguard-unguarded-log -------------*- C++ -*-===//

#ifndef NANGUARD_RULES_UNGUARDEDLOGCHECK_H
#define NANGUARD_RULES_UNGUARDEDLOGCHECK_H

#include "CheckSupport.h"
#include "NanGuardCheck.h"

namespace nanguard {

/// Flags log, log2, log10 of a value that may be 0 or negative, and log1p of
/// one that may be -1 or less. Fix: clamp the argument from below with
/// std::max (where <algorithm> is included) or fmax, in the argument's type.
///
/// Options: Epsilon (default 1e-30), the floor the fix clamps to.
class UnguardedLogCheck : public NanGuardCheck {
public:
  UnguardedLogCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  EpsilonOption Epsilon;
};

} // namespace nanguard

#endif
