//===- SqrtDomainCheck.h - nanguard-sqrt-domain ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_SQRTDOMAINCHECK_H
#define NANGUARD_RULES_SQRTDOMAINCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags sqrt of a difference that may be negative (E[x^2] - E[x]^2 rounds
/// below 0). Fix: clamp at 0.
class SqrtDomainCheck : public NanGuardCheck {
public:
  SqrtDomainCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
