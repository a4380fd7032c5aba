//===- NaiveSoftmaxCheck.h - nanguard-naive-softmax ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_NAIVESOFTMAXCHECK_H
#define NANGUARD_RULES_NAIVESOFTMAXCHECK_H

#include "NanGuardCheck.h"

namespace nanguard {

/// Flags the exps of a softmax (normalised by their sum) or a log-sum-exp
/// whose arguments are not shifted by their maximum.
class NaiveSoftmaxCheck : public NanGuardCheck {
public:
  NaiveSoftmaxCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
};

} // namespace nanguard

#endif
