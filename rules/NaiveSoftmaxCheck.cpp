//===- NaiveSoftmaxCheck.cpp - nanguard-naive-softmax ---------------------===//

#include "NaiveSoftmaxCheck.h"
#include "CheckSupport.h"
#include "ExpSites.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

NaiveSoftmaxCheck::NaiveSoftmaxCheck(StringRef Name,
                                     tidy::ClangTidyContext *Ctx)
    : NanGuardCheck(Name, Ctx) {}

void NaiveSoftmaxCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(callsMathKind({MathKind::Exp, MathKind::Exp2,
                                             MathKind::Exp10}),
                              argumentCountIs(1))
                         .bind("call"),
                     this);
}

void NaiveSoftmaxCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!analysable(Call->getArg(0), *Result.Context))
    return;
  ExpSite Site = classifyExpCall(Call, *Result.Context);
  if (Site.Kind == ExpSiteKind::Softmax) {
    diag(Call->getBeginLoc(),
         "softmax normalises by a sum of exps without subtracting the "
         "maximum: %0 overflows to inf and inf/inf is NaN")
        << Site.Function->Name << Call->getSourceRange();
    diag(Call->getBeginLoc(),
         "subtract the maximum first: %0(x[i] - max) / sum over j of "
         "%0(x[j] - max)",
         DiagnosticIDs::Note)
        << Site.Function->Name;
  } else if (Site.Kind == ExpSiteKind::LogSumExp) {
    diag(Call->getBeginLoc(),
         "log-sum-exp without subtracting the maximum: %0 overflows to inf")
        << Site.Function->Name << Call->getSourceRange();
    diag(Call->getBeginLoc(),
         "compute max + log(sum of %0(x[i] - max)) instead",
         DiagnosticIDs::Note)
        << Site.Function->Name;
  }
}

} // namespace nanguard
