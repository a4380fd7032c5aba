//===- NanComparisonCheck.h - nanguard-nan-comparison ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_NANCOMPARISONCHECK_H
#define NANGUARD_RULES_NANCOMPARISONCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags comparisons with a NaN constant (NAN, quiet_NaN(), nan("")): always
/// false (!= always true). Fix: std::isnan(x).
class NanComparisonCheck : public NanGuardCheck {
public:
  NanComparisonCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
