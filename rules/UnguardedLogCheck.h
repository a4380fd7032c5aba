//===- UnguardedLogCheck.h - nanguard-unguarded-log -------------*- C++ -*-===//

#ifndef NANGUARD_RULES_UNGUARDEDLOGCHECK_H
#define NANGUARD_RULES_UNGUARDEDLOGCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/utils/IncludeInserter.h"

namespace nanguard {

/// Flags log, log2, log10 of a value that may be 0 or negative, and log1p of
/// one that may be -1 or less. Fix: clamp the argument from below.
///
/// Options: Epsilon (default 1e-30), the floor the fix clamps to.
class UnguardedLogCheck : public clang::tidy::ClangTidyCheck {
public:
  UnguardedLogCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void registerPPCallbacks(const clang::SourceManager &SM,
                           clang::Preprocessor *PP,
                           clang::Preprocessor *ModuleExpanderPP) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  std::string Epsilon;
  clang::tidy::utils::IncludeInserter Inserter;
};

} // namespace nanguard

#endif
