//===- InverseTrigDomainCheck.h - nanguard-inverse-trig-domain ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_INVERSETRIGDOMAINCHECK_H
#define NANGUARD_RULES_INVERSETRIGDOMAINCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags acos, asin of a value that may be outside [-1, 1] and atanh of one
/// that may be outside (-1, 1). Fix: clamp into the domain.
class InverseTrigDomainCheck : public NanGuardCheck {
public:
  InverseTrigDomainCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
