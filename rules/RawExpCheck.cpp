//===- RawExpCheck.cpp - nanguard-raw-exp ---------------------------------===//

#include "RawExpCheck.h"
#include "CheckSupport.h"
#include "ExpSites.h"
#include "MathMatchers.h"
#include "llvm/Support/Format.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

RawExpCheck::RawExpCheck(StringRef Name, tidy::ClangTidyContext *Ctx)
    : NanGuardCheck(Name, Ctx) {}

void RawExpCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(callsMathKind({MathKind::Exp, MathKind::Exp2,
                                             MathKind::Exp10,
                                             MathKind::Expm1}),
                              argumentCountIs(1))
                         .bind("call"),
                     this);
}

static StringRef precisionName(FPPrecision P) {
  switch (P) {
  case FPPrecision::Half:
    return "half precision";
  case FPPrecision::Float:
    return "float";
  case FPPrecision::LongDouble:
    return "long double";
  default:
    return "double";
  }
}

void RawExpCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!analysable(Call->getArg(0), *Result.Context))
    return;
  ExpSite Site = classifyExpCall(Call, *Result.Context);
  switch (Site.Kind) {
  case ExpSiteKind::Unbounded:
    break;
  case ExpSiteKind::Softmax:
  case ExpSiteKind::LogSumExp:
    // One diagnostic per site: naive-softmax owns these when it is on.
    if (ruleEnabled("nanguard-naive-softmax"))
      return;
    break;
  case ExpSiteKind::Sigmoid:
    if (ruleEnabled("nanguard-naive-sigmoid"))
      return;
    break;
  default:
    return;
  }
  diag(Call->getBeginLoc(),
       "%0 of an argument that is not bounded above may overflow to inf")
      << Site.Function->Name << Call->getSourceRange();
  std::string Threshold;
  llvm::raw_string_ostream(Threshold) << llvm::format("%.2f", Site.Threshold);
  diag(Call->getBeginLoc(),
       "in %0, %1 overflows above %2: bound the argument (subtract a "
       "maximum, clamp with std::min) or work in log space",
       DiagnosticIDs::Note)
      << precisionName(Site.Precision) << Site.Function->Name << Threshold;
}

} // namespace nanguard
