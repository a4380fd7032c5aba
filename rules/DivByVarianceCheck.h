//===- DivByVarianceCheck.h - nanguard-div-by-variance ------------------------------*- C++ -*-===//

#ifndef NANGUARD_RULES_DIVBYVARIANCECHECK_H
#define NANGUARD_RULES_DIVBYVARIANCECHECK_H

#include "CheckSupport.h"
#include "NanGuardCheck.h"

namespace nanguard {

/// Flags a division by a standard deviation, variance or norm (a sqrt, an
/// rsqrt, a variable computed by one or named like one) that may be 0 because
/// no epsilon is added. Fix: add the epsilon.
///
/// Options: Epsilon (default 1e-5).
class DivByVarianceCheck : public NanGuardCheck {
public:
  DivByVarianceCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx);
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void check(const clang::ast_matchers::MatchFinder::MatchResult &R) override;
  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;

private:
  void checkDivision(const Division &D,
                     const clang::ast_matchers::MatchFinder::MatchResult &R);
  void checkRsqrt(const clang::CallExpr *Call,
                  const clang::ast_matchers::MatchFinder::MatchResult &R);
  /// Appends `+ Epsilon` (typed like \p E) to \p E, in parentheses when
  /// its precedence needs them.
  void addEpsilon(clang::DiagnosticBuilder &Diag, const clang::Expr *E,
                  const clang::ASTContext &Ctx) const;
  EpsilonOption Epsilon;
};

} // namespace nanguard

#endif
