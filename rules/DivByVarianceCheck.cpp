//===- DivByVarianceCheck.cpp - nanguard-div-by-variance ------------------===//

#include "DivByVarianceCheck.h"
#include "CheckSupport.h"
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
  Finder->addMatcher(binaryOperator(hasAnyOperatorName("/", "/="),
                                    hasType(realFloatingPointType()))
                         .bind("div"),
                     this);
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Rsqrt}), argumentCountIs(1))
          .bind("rsqrt"),
      this);
  // __fdividef(x, norm), __hdiv(x, stddev).
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Div}), argumentCountIs(2)).bind("fdiv"),
      this);
  // a / b on CUDA's __half and __nv_bfloat16 (overloaded operators).
  Finder->addMatcher(cxxOperatorCallExpr(hasOverloadedOperatorName("/"),
                                         argumentCountIs(2))
                         .bind("fdiv"),
                     this);
}

void DivByVarianceCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Div = Result.Nodes.getNodeAs<BinaryOperator>("div"))
    checkDivision(Div, Result);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("rsqrt"))
    checkRsqrt(Call, Result);
  else if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("fdiv"))
    checkDivisionCall(Call, Result);
}

/// Whether a divisor needs div-by-variance's epsilon: a spread with none.
static bool unguardedSpread(const Expr *Den, const Stmt *Site, ASTContext &Ctx) {
  if (!involvesSpread(Den, enclosingBody(Site, Ctx)))
    return false;
  ValueFacts Facts(Ctx, Site);
  if (Facts.isProvablyNonZero(Den) || Facts.carriesEpsilon(Den))
    return false;
  if (const CallExpr *Sqrt = asMathCall(Den, {MathKind::Sqrt});
      Sqrt && Facts.carriesEpsilon(Sqrt->getArg(0)))
    return false;
  // A division by an rsqrt is a multiplication by the spread; rsqrt's own
  // argument is checked at the call.
  return !asMathCall(Den, {MathKind::Rsqrt});
}

void DivByVarianceCheck::checkDivisionCall(
    const CallExpr *Call, const MatchFinder::MatchResult &Result) {
  std::optional<Arithmetic> A = asArithmetic(Call);
  if (!A || A->Op != BO_Div)
    return;
  const Expr *Den = A->RHS;
  if (Den->isTypeDependent() || Den->isValueDependent() ||
      !unguardedSpread(Den, Call, *Result.Context))
    return;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(Call)) {
    diag(OC->getOperatorLoc(), "division by a standard deviation, variance "
                               "or norm that may be 0 (no epsilon)")
        << Den->getSourceRange();
    return;
  }
  diag(Call->getBeginLoc(), "%0 by a standard deviation, variance or norm "
                            "that may be 0 (no epsilon)")
      << getMathCall(Call)->Name << Den->getSourceRange();
}

void DivByVarianceCheck::checkDivision(const BinaryOperator *Div,
                                       const MatchFinder::MatchResult &Result) {
  const Expr *Den = Div->getRHS();
  if (Den->isTypeDependent() || Den->isValueDependent())
    return;
  ASTContext &Ctx = *Result.Context;
  if (!unguardedSpread(Den, Div, Ctx))
    return;
  const CallExpr *Sqrt = asMathCall(Den, {MathKind::Sqrt});

  // At the operator, as clang's own division warnings and the debug
  // location of the division (so the instrumented build's sites= mode
  // matches), with the divisor underlined.
  auto Diag = diag(Div->getOperatorLoc(), "division by a standard deviation, "
                                       "variance or norm that may be 0 (no "
                                       "epsilon)")
              << Den->getSourceRange();
  if (!canFix(Div, Ctx))
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
  if (Arg->isTypeDependent() || Arg->isValueDependent())
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
