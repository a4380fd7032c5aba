//===- NaiveSigmoidCheck.cpp - nanguard-naive-sigmoid ---------------------===//

#include "NaiveSigmoidCheck.h"
#include "CheckSupport.h"
#include "ExpSites.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void NaiveSigmoidCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr(callsMathKind({MathKind::Exp}), argumentCountIs(1))
                         .bind("call"),
                     this);
}

void NaiveSigmoidCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call");
  if (!analysable(Call->getArg(0), *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  const BinaryOperator *Div = naiveSigmoid(Call, Ctx);
  // One diagnostic per sigmoid: at its numerator.
  if (!Div || asExpCallForSigmoid(Div->getLHS()) != Call)
    return;
  ExpSite Site = classifyExpCall(Call, Ctx);
  if (Site.Kind != ExpSiteKind::Sigmoid)
    return; // The argument is bounded: no overflow.
  auto Diag = diag(Call->getBeginLoc(),
                   "exp(x) / (1 + exp(x)) is inf / inf = NaN for large x; "
                   "write 1 / (1 + exp(-x))")
              << Div->getSourceRange();
  if (!canFix(Div, Ctx))
    return;
  // exp(x) / (1 + exp(x)) -> 1 / (1 + exp(-(x))), with the call as written.
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  StringRef Callee = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Call->getCallee()->getSourceRange()), SM,
      LO);
  StringRef ArgText = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Call->getArg(0)->getSourceRange()), SM,
      LO);
  std::optional<std::string> One = typedLiteral("1.0", Call);
  if (Callee.empty() || ArgText.empty() || !One)
    return;
  const Expr *A = Call->getArg(0)->IgnoreImpCasts();
  bool Simple = isa<DeclRefExpr, ParenExpr, CallExpr, ArraySubscriptExpr,
                    MemberExpr>(A);
  std::string Negated =
      Simple ? ("-" + ArgText).str() : ("-(" + ArgText + ")").str();
  Diag << FixItHint::CreateReplacement(
      Div->getSourceRange(),
      (*One + " / (" + *One + " + " + Callee + "(" + Negated + "))").str());
}

} // namespace nanguard
