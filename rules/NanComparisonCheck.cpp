//===- NanComparisonCheck.cpp - nanguard-nan-comparison -------------------===//

#include "NanComparisonCheck.h"
#include "CheckSupport.h"
#include "clang/ASTMatchers/ASTMatchers.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void NanComparisonCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      binaryOperator(isComparisonOperator(),
                     hasEitherOperand(hasType(realFloatingPointType())))
          .bind("cmp"),
      this);
}

/// NAN, std::numeric_limits<T>::quiet_NaN(), nan(""), __builtin_nanf(""):
/// anything that folds to a NaN.
static bool isNaNConstant(const Expr *E, const ASTContext &Ctx) {
  if (E->isValueDependent() || E->isTypeDependent() ||
      !E->getType()->isRealFloatingType())
    return false;
  // nan("") is a library call, not a constant expression.
  if (const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts()))
    if (const MathFunctionInfo *F = getMathCall(Call))
      return F->Kind == MathKind::Nan;
  Expr::EvalResult R;
  return E->EvaluateAsRValue(R, Ctx) && R.Val.isFloat() &&
         R.Val.getFloat().isNaN();
}

void NanComparisonCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Cmp = Result.Nodes.getNodeAs<BinaryOperator>("cmp");
  ASTContext &Ctx = *Result.Context;
  const Expr *L = Cmp->getLHS(), *R = Cmp->getRHS();
  const Expr *Other = isNaNConstant(R, Ctx)   ? L
                      : isNaNConstant(L, Ctx) ? R
                                              : nullptr;
  if (!Other || isNaNConstant(Other, Ctx))
    return;
  BinaryOperatorKind Op = Cmp->getOpcode();
  bool NotEqual = Op == BO_NE;
  auto Diag = diag(Cmp->getOperatorLoc(),
                   "comparison with NaN is always %select{false|true}0; "
                   "%select{use |use !}0%select{std::|}1%2(x) to test for NaN")
              << NotEqual << !Ctx.getLangOpts().CPlusPlus
              << mathFunctionName(MathKind::IsNan, FPPrecision::Generic)
              << Cmp->getSourceRange();
  if ((Op != BO_EQ && Op != BO_NE) || isInTemplateInstantiation(Cmp, Ctx))
    return;
  // x == NAN -> std::isnan(x); x != NAN -> !std::isnan(x). NAN is a macro:
  // the range is taken in the file, where the macro's use stands.
  const SourceManager &SM = Ctx.getSourceManager();
  const LangOptions &LO = Ctx.getLangOpts();
  CharSourceRange Whole = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Cmp->getSourceRange()), SM, LO);
  CharSourceRange Operand = Lexer::makeFileCharRange(
      CharSourceRange::getTokenRange(Other->getSourceRange()), SM, LO);
  if (Whole.isInvalid() || Operand.isInvalid())
    return;
  StringRef Text = Lexer::getSourceText(Operand, SM, LO);
  if (Text.empty())
    return;
  std::string Replacement =
      (Twine(NotEqual ? "!" : "") + (LO.CPlusPlus ? "std::" : "") +
       mathFunctionName(MathKind::IsNan, FPPrecision::Generic) + "(" + Text +
       ")")
          .str();
  Diag << FixItHint::CreateReplacement(Whole, Replacement);
}

} // namespace nanguard
