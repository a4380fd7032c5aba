//===- InverseTrigDomainCheck.cpp - nanguard-inverse-trig-domain ----------===//

#include "InverseTrigDomainCheck.h"
#include "CheckSupport.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void InverseTrigDomainCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Acos, MathKind::Asin, MathKind::Atanh}),
               argumentCountIs(1))
          .bind("call"),
      this);
}

void InverseTrigDomainCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  const Expr *Arg = Call->getArg(0);
  if (!analysable(Arg, *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  const MathFunctionInfo *F = getMathCall(Call);
  bool Open = F->Kind == MathKind::Atanh; // atanh(+-1) is +-inf
  Interval R = ValueFacts(Ctx, Call).range(Arg);
  bool Inside = Open ? R.isAbove(-1) && (R.Hi < 1 || (R.Hi == 1 && R.HiOpen))
                     : R.Lo >= -1 && R.Hi <= 1;
  if (Inside)
    return;
  auto Diag = diag(Call->getBeginLoc(), "%0 of a value that may be outside "
                                        "%select{[-1, 1]|(-1, 1)}1 is "
                                        "%select{NaN|NaN or inf}1")
              << F->Name << Open << Call->getSourceRange();
  // acos(c) -> acos(std::clamp(c, -1.0f, 1.0f)): a cosine that rounded to
  // 1.0000001 comes back to 1.
  StringRef Clamp = mathFunctionName(MathKind::Clamp, FPPrecision::Generic);
  if (Open || !canFix(Call, Ctx) || !Ctx.getLangOpts().CPlusPlus17 ||
      !stdDeclares(Ctx, Clamp))
    return;
  std::optional<std::string> One = typedLiteral("1.0", Arg->IgnoreImpCasts());
  if (!One)
    return;
  Diag << FixItHint::CreateInsertion(Arg->getBeginLoc(),
                                     ("std::" + Clamp + "(").str())
       << FixItHint::CreateInsertion(endOf(Arg, Ctx),
                                     ", -" + *One + ", " + *One + ")");
}

} // namespace nanguard
