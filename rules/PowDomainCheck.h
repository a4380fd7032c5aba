//===- PowDomainCheck.h - nanguard-pow-domain ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_POWDOMAINCHECK_H
#define NANGUARD_RULES_POWDOMAINCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags pow(b, e) with a base that may be negative and an exponent that
/// may not be an integer (NaN), or a base that may be 0 and an exponent that
/// may be negative (inf).
class PowDomainCheck : public NanGuardCheck {
public:
  PowDomainCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
