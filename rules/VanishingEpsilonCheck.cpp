//===- VanishingEpsilonCheck.cpp - nanguard-vanishing-epsilon -------------===//

#include "VanishingEpsilonCheck.h"
#include "CheckSupport.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/SmallString.h"

using namespace clang;
using namespace clang::ast_matchers;

namespace nanguard {

void VanishingEpsilonCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(castExpr(hasCastKind(CK_FloatingCast)).bind("cast"), this);
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

void VanishingEpsilonCheck::check(const MatchFinder::MatchResult &Result) {
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
      Value.isDenormal() || Value.isNegative())
    return;
  QualType To = Cast->getType();
  const llvm::fltSemantics &Target = Ctx.getFloatTypeSemantics(To);
  llvm::APFloat Converted = Value;
  bool LosesInfo = false;
  Converted.convert(Target, llvm::APFloat::rmNearestTiesToEven, &LosesInfo);
  bool Zero = Converted.isZero();
  if (!Zero && !Converted.isDenormal())
    return;
  llvm::APFloat Smallest = Zero ? llvm::APFloat::getSmallest(Target)
                                : llvm::APFloat::getSmallestNormalized(Target);
  diag(Sub->getBeginLoc(),
       "%0 is %select{0|subnormal}1 in %2 (its smallest %select{subnormal|"
       "normal}1 is %3)%select{: an epsilon that vanishes guards nothing|; "
       "it flushes to 0 where subnormals are disabled (-ffast-math, GPUs)}1")
      << printed(Value) << !Zero << To.getUnqualifiedType() << printed(Smallest)
      << Sub->getSourceRange();
}

} // namespace nanguard
