//===- VanishingEpsilonCheck.h - nanguard-vanishing-epsilon ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_VANISHINGEPSILONCHECK_H
#define NANGUARD_RULES_VANISHINGEPSILONCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags a positive constant that becomes 0, or subnormal, in the type it is
/// converted to: 1e-8 into _Float16, 1e-50 into float.
class VanishingEpsilonCheck : public NanGuardCheck {
public:
  VanishingEpsilonCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
