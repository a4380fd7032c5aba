//===- RawExpCheck.h - nanguard-raw-exp ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_RAWEXPCHECK_H
#define NANGUARD_RULES_RAWEXPCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags exp, exp2, exp10, expm1 whose argument is not bounded above, so the
/// result can overflow to inf. Sums of exps under a division or a log belong
/// to naive-softmax when that rule is enabled.
class RawExpCheck : public NanGuardCheck {
public:
  RawExpCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;

private:
};

} // namespace nanguard

#endif
