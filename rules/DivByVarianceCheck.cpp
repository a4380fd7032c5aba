//===- DivByVarianceCheck.cpp - nanguard-div-by-variance ------------------===//

#include "DivByVarianceCheck.h"
#include "analysis/Fate.h"
#include "CheckSupport.h"
#include "ExpSites.h"
#include "MathMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

DivByVarianceCheck::DivByVarianceCheck(StringRef Name,
                                       tidy::ClangTidyContext *Ctx)
    : NanGuardCheck(Name, Ctx), Epsilon{Options.get("Epsilon", "1e-5").str(),
              Options.get("FloatEpsilon", "").str(),
              Options.get("DoubleEpsilon", "").str(),
              Options.get("LongDoubleEpsilon", "").str()} {}

void DivByVarianceCheck::storeOptions(
    tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "Epsilon", Epsilon.Default);
  Options.store(Opts, "FloatEpsilon", Epsilon.Float);
  Options.store(Opts, "DoubleEpsilon", Epsilon.Double);
  Options.store(Opts, "LongDoubleEpsilon", Epsilon.LongDouble);
}

void DivByVarianceCheck::registerMatchers(MatchFinder *Finder) {
  addDivisionMatchers(Finder, this);
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Rsqrt}), argumentCountIs(1))
          .bind("rsqrt"),
      this);
}

void DivByVarianceCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("rsqrt"))
    checkRsqrt(Call, Result);
  else if (std::optional<Division> D = divisionOf(Result))
    checkDivision(*D, Result);
}

void DivByVarianceCheck::checkDivision(const Division &D,
                                       const MatchFinder::MatchResult &Result) {
  const Expr *Den = D.Divisor;
  if (!analysable(Den, *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  ValueFacts Facts(Ctx, D.Site);
  if (!Facts.involvesSpread(Den))
    return;
  if (Facts.isProvablyNonZero(Den) || Facts.carriesEpsilon(Den))
    return;
  const CallExpr *Sqrt = asMathCall(Den, {MathKind::Sqrt});
  if (Sqrt && Facts.carriesEpsilon(Sqrt->getArg(0)))
    return;
  // g = n / d; if (isnan(g) || isinf(g)) g = limit;
  if (nonFiniteResultIsHandled(D.Site, AnyNonFinite, Ctx) || infinityIsClipped(D, Facts, Ctx))
    return;
  // A division by an rsqrt is a multiplication by the spread; rsqrt's own
  // argument is checked at the call.
  if (asMathCall(Den, {MathKind::Rsqrt}))
    return;

  // At the operator, as clang's own division warnings and the debug
  // location of the division (so the instrumented build's sites= mode
  // matches), with the divisor underlined; at the call for an intrinsic.
  auto Diag = diag(D.Loc, "%select{division|%1}0 by a standard deviation, "
                          "variance or norm that may be 0 (no epsilon)")
              << (D.Intrinsic != nullptr)
              << (D.Intrinsic ? D.Intrinsic->Name : StringRef())
              << Den->getSourceRange();
  // Fixes for the built-in operator; a half's `+ eps` is not plain C++.
  if (!isa<BinaryOperator>(D.Site) || !canFix(D.Site, Ctx))
    return;
  if (Sqrt) {
    // x / sqrt(var) -> x / sqrt(var + 1e-5f)
    addEpsilon(Diag, Sqrt->getArg(0), Ctx);
    return;
  }
  // x / std -> x / (std + 1e-5f)
  std::optional<std::string> Eps = typedLiteral(Epsilon.forType(Den), Den);
  if (!Eps)
    return;
  Diag << FixItHint::CreateInsertion(Den->getBeginLoc(), "(")
       << FixItHint::CreateInsertion(endOf(Den, Ctx), " + " + *Eps + ")");
}

void DivByVarianceCheck::checkRsqrt(const CallExpr *Call,
                                    const MatchFinder::MatchResult &Result) {
  const Expr *Arg = Call->getArg(0);
  if (!analysable(Arg, *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  ValueFacts Facts(Ctx, Call);
  if (Facts.carriesEpsilon(Arg))
    return;
  auto Diag = diag(Call->getBeginLoc(),
                   "%0 of a variance that may be 0 (no epsilon)")
              << getMathCall(Call)->Name << Call->getSourceRange();
  if (canFix(Call, Ctx))
    addEpsilon(Diag, Arg, Ctx); // rsqrt(var) -> rsqrt(var + 1e-5f)
}

void DivByVarianceCheck::addEpsilon(DiagnosticBuilder &Diag, const Expr *E,
                                    const ASTContext &Ctx) const {
  std::optional<std::string> Eps = typedLiteral(Epsilon.forType(E), E);
  if (!Eps)
    return;
  bool Parens = needsParensForAdd(E);
  if (Parens)
    Diag << FixItHint::CreateInsertion(E->getBeginLoc(), "(");
  Diag << FixItHint::CreateInsertion(endOf(E, Ctx),
                                     (Parens ? ") + " : " + ") + *Eps);
}

} // namespace nanguard
