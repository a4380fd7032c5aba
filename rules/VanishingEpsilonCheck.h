//===- VanishingEpsilonCheck.h - nanguard-vanishing-epsilon ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_VANISHINGEPSILONCHECK_H
#define NANGUARD_RULES_VANISHINGEPSILONCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags a positive constant that becomes 0, or subnormal, in the type it is
/// converted to: 1e-8 into _Float16, 1e-50 into float; and a literal that is
/// already subnormal in its own type (1e-40f).
class VanishingEpsilonCheck : public NanGuardCheck {
public:
  VanishingEpsilonCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : NanGuardCheck(Name, Ctx) {}
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
  void report(const clang::Expr *Where, const llvm::APFloat &Value,
              const llvm::APFloat &Converted, clang::QualType To);
};

} // namespace nanguard

#endif
