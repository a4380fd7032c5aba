//===- NanGuardCheck.h - What every nanguard rule shares -------*- C++ -*-===//

#ifndef NANGUARD_RULES_NANGUARDCHECK_H
#define NANGUARD_RULES_NANGUARDCHECK_H

#include "ExpSites.h"
#include "analysis/Fate.h"
#include "Guards.h"
#include "clang-tidy/ClangTidyCheck.h"

namespace nanguard {

/// A nanguard rule: a clang-tidy check that also applies the analysis
/// settings of its configuration (MathWrappers, GuardFunctions, NameHints;
/// see AnalysisSettings) before the translation unit is analysed.
class NanGuardCheck : public clang::tidy::ClangTidyCheck {
public:
  NanGuardCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx)
      : ClangTidyCheck(Name, Ctx), TidyContext(Ctx) {
    llvm::StringRef Hints = Options.getLocalOrGlobal("NameHints", "true");
    setAnalysisSettings(Options.getLocalOrGlobal("MathWrappers", ""),
                        Options.getLocalOrGlobal("GuardFunctions", ""),
                        !Hints.equals_insensitive("false") && Hints != "0");
  }

  /// AST nodes of the last translation unit are gone: so are the cached
  /// facts about them.
  void onStartOfTranslationUnit() override {
    forgetExpSites();
    forgetFlows();
    forgetSummaries();
    forgetFates();
  }

protected:
  /// Whether another rule runs: a site two rules could claim is reported
  /// once, by the rule that owns it when that rule is on.
  bool ruleEnabled(llvm::StringRef Id) const {
    return TidyContext->isCheckEnabled(Id);
  }

private:
  clang::tidy::ClangTidyContext *TidyContext;
};

} // namespace nanguard

#endif
