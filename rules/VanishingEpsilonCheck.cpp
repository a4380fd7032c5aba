//===- VanishingEpsilonCheck.cpp - nanguard-vanishing-epsilon -------------===//

#include "VanishingEpsilonCheck.h"
#include "CheckSupport.h"
#include "MathMatchers.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Lex/Lexer.h"
#include <cstdlib>
#include "llvm/ADT/SmallString.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void VanishingEpsilonCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(castExpr(hasCastKind(CK_FloatingCast)).bind("cast"), this);
  // A constant written in its own type that is already subnormal or 0 there:
  // `const float eps = 1e-40f;`.
  // __float2half(1e-8f), __float2bfloat16(1e-45f): CUDA's conversions.
  Finder->addMatcher(
      callExpr(callsMathKind({MathKind::Convert}), argumentCountIs(1))
          .bind("convert"),
      this);
  // Converted at once, the cast is what counts (`double d = 1e-40f;` is fine).
  Finder->addMatcher(floatLiteral(unless(hasParent(castExpr(
                                      hasCastKind(CK_FloatingCast)))))
                         .bind("literal"),
                     this);
}

static std::string printed(const llvm::APFloat &V) {
  bool Ignored;
  llvm::APFloat D = V;
  D.convert(llvm::APFloat::IEEEdouble(), llvm::APFloat::rmNearestTiesToEven,
            &Ignored);
  char Text[32];
  snprintf(Text, sizeof(Text), "%g", D.convertToDouble());
  return Text;
}

void VanishingEpsilonCheck::report(const Expr *Where, const llvm::APFloat &Value,
                                   const llvm::APFloat &Converted, QualType To) {
  bool Zero = Converted.isZero();
  const llvm::fltSemantics &Target = Converted.getSemantics();
  llvm::APFloat Smallest = Zero ? llvm::APFloat::getSmallest(Target)
                                : llvm::APFloat::getSmallestNormalized(Target);
  diag(Where->getBeginLoc(),
       "%0 is %select{0|subnormal}1 in %2 (its smallest %select{subnormal|"
       "normal}1 is %3)%select{: an epsilon that vanishes guards nothing|; "
       "it flushes to 0 where subnormals are disabled (-ffast-math, GPUs)}1")
      << printed(Value) << !Zero << To.getUnqualifiedType() << printed(Smallest)
      << Where->getSourceRange();
}

/// The value a literal spells (1e-40f is 9.99995e-41 as a float): what the
/// message names.
static llvm::APFloat asWritten(const Expr *E, const llvm::APFloat &Value,
                               const ASTContext &Ctx) {
  const auto *Lit = dyn_cast<FloatingLiteral>(E->IgnoreParenImpCasts());
  if (!Lit)
    return Value;
  StringRef Text = Lexer::getSourceText(
      CharSourceRange::getTokenRange(Lit->getSourceRange()),
      Ctx.getSourceManager(), Ctx.getLangOpts());
  if (Text.empty())
    return Value;
  return llvm::APFloat(std::strtod(Text.str().c_str(), nullptr));
}

void VanishingEpsilonCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("convert")) {
    const Expr *Arg = Call->getArg(0);
    ASTContext &Ctx = *Result.Context;
    Expr::EvalResult R;
    const llvm::fltSemantics *Target = floatSemantics(Call->getType(), Ctx);
    if (!Target || Arg->isValueDependent() || Arg->isTypeDependent() ||
        isInTemplateInstantiation(Call, Ctx) || !Arg->EvaluateAsRValue(R, Ctx) ||
        !R.Val.isFloat())
      return;
    llvm::APFloat Value = R.Val.getFloat();
    if (Value.isZero() || !Value.isFinite() || Value.isNegative())
      return;
    llvm::APFloat Converted = Value;
    bool LosesInfo = false;
    Converted.convert(*Target, llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
    if (Converted.isZero() || Converted.isDenormal())
      report(Arg, asWritten(Arg, Value, Ctx), Converted, Call->getType());
    return;
  }
  if (const auto *Lit = Result.Nodes.getNodeAs<FloatingLiteral>("literal")) {
    if (isInTemplateInstantiation(Lit, *Result.Context))
      return;
    llvm::APFloat V = Lit->getValue();
    if (V.isNegative() || !(V.isDenormal() || (V.isZero() && !Lit->isExact())))
      return;
    report(Lit, asWritten(Lit, V, *Result.Context), V, Lit->getType());
    return;
  }
  const auto *Cast = Result.Nodes.getNodeAs<CastExpr>("cast");
  const Expr *Sub = Cast->getSubExpr();
  if (Sub->isValueDependent() || Sub->isTypeDependent() ||
      isInTemplateInstantiation(Cast, *Result.Context))
    return;
  ASTContext &Ctx = *Result.Context;
  Expr::EvalResult R;
  if (!Sub->EvaluateAsRValue(R, Ctx) || !R.Val.isFloat())
    return;
  llvm::APFloat Value = R.Val.getFloat();
  if (Value.isZero() || Value.isNaN() || Value.isInfinity() ||
      Value.isNegative())
    return;
  QualType To = Cast->getType();
  const llvm::fltSemantics &Target = Ctx.getFloatTypeSemantics(To);
  llvm::APFloat Converted = Value;
  bool LosesInfo = false;
  Converted.convert(Target, llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
  if (!Converted.isZero() && !Converted.isDenormal())
    return;
  report(Sub, asWritten(Sub, Value, Ctx), Converted, To);
}

} // namespace nanguard
