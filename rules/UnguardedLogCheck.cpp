//===- UnguardedLogCheck.cpp - nanguard-unguarded-log ---------------------===//

#include "UnguardedLogCheck.h"
#include "analysis/Fate.h"
#include "CheckSupport.h"
#include "ExpSites.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

UnguardedLogCheck::UnguardedLogCheck(StringRef Name,
                                     tidy::ClangTidyContext *Ctx)
    : NanGuardCheck(Name, Ctx), Epsilon{Options.get("Epsilon", "1e-30").str(),
              Options.get("FloatEpsilon", "").str(),
              Options.get("DoubleEpsilon", "").str(),
              Options.get("LongDoubleEpsilon", "").str()} {}

void UnguardedLogCheck::storeOptions(tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Epsilon", Epsilon.Default);
  Options.store(Opts, "FloatEpsilon", Epsilon.Float);
  Options.store(Opts, "DoubleEpsilon", Epsilon.Double);
  Options.store(Opts, "LongDoubleEpsilon", Epsilon.LongDouble);
}

void UnguardedLogCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Log, MathKind::Log1p}),
               argumentCountIs(1))
          .bind("call"),
      this);
}

void UnguardedLogCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const Expr *Arg = Call->getArg(0);
  if (!analysable(Arg, *Result.Context))
    return;
  const MathFunctionInfo *F = getMathCall(Call);
  bool IsLog1p = F->Kind == MathKind::Log1p;

  ValueFacts Facts(*Result.Context, Call);
  Interval Range = Facts.range(Arg);
  if (IsLog1p ? Range.isAbove(-1) : Range.isPositive())
    return;
  if (!IsLog1p && Facts.carriesEpsilon(Arg))
    return; // log(p + eps): the documented epsilon idiom.
  // A sum of exps is >= 0 and is 0 only when every term underflows; its log
  // is log-sum-exp, which naive-softmax reports (or the max is subtracted
  // and the sum is >= 1).
  // log(s / n) is a log-mean-exp: the same.
  const Expr *Sum = Arg->IgnoreParenImpCasts();
  if (const auto *Div = dyn_cast<BinaryOperator>(Sum);
      Div && Div->getOpcode() == BO_Div)
    Sum = Div->getLHS();
  if (Facts.range(Sum).isNonNegative() && isSumOfExps(Sum, *Result.Context))
    return;
  // l = log(x); if (isnan(l) || isinf(l)) ...: handled where it is born.
  if (nonFiniteResultIsHandled(Call, NegInf | NaNs, *Result.Context))
    return;
  // p * log(p) is plogp's site when that rule is on: one diagnostic.
  if (ruleEnabled("nanguard-plogp") &&
      plogpFactor(Call, *Result.Context))
    return;

  auto Diag = diag(Call->getBeginLoc(),
                   "%0 of a value that may be %select{0 or negative|-1 or "
                   "less}1")
              << F->Name << IsLog1p << Call->getSourceRange();
  if (IsLog1p || !canFix(Call, *Result.Context))
    return;

  // log(p) -> log(std::max(p, 1e-30f)): clamp from below, keeping the type.
  addClampBelowFix(Diag, Call, Arg, Epsilon.forType(Arg), *Result.Context);
}

} // namespace nanguard
