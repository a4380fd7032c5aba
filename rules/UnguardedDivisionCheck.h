//===- UnguardedDivisionCheck.h - nanguard-unguarded-division ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_UNGUARDEDDIVISIONCHECK_H
#define NANGUARD_RULES_UNGUARDEDDIVISIONCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags a floating-point division by a value that may be 0 (a count, a sum,
/// a difference) with no guard. Off by default.
class UnguardedDivisionCheck : public NanGuardCheck {
public:
  UnguardedDivisionCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
private:
};

} // namespace nanguard

#endif
