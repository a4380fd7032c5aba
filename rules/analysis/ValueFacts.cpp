//===- ValueFacts.cpp - What is known about a value at a point ------------===//

#include "ValueFacts.h"
#include "Summaries.h"
#include "FlowAnalysis.h"
#include "Models.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <cmath>
#include <functional>

using namespace clang;
using namespace llvm;

namespace nanguard {

static constexpr double Inf = std::numeric_limits<double>::infinity();

ValueFacts::ValueFacts(ASTContext &Ctx, const Stmt *UsePoint) : Ctx(Ctx) {
  const Decl *Owner = nullptr;
  const Stmt *Body = enclosingBody(UsePoint, Ctx, &Owner);
  // The user's own vetted implementation (stable_softmax): trusted.
  for (const Decl *D = Owner; D;) {
    if (named(dyn_cast<FunctionDecl>(D), analysisSettings().GuardFunctions))
      InsideGuardFunction = true;
    const DeclContext *DC = D->getDeclContext();
    D = DC ? dyn_cast<Decl>(DC) : nullptr;
    if (D && !isa<FunctionDecl>(D))
      break;
  }
  Flow = Body ? flowFor(Ctx, Owner, Body) : nullptr;
  Owned = std::make_unique<State>(Flow ? Flow->stateBefore(UsePoint) : State());
  S = Owned.get();
}

ValueFacts::ValueFacts(FunctionFlow &Flow, State &St)
    : Ctx(Flow.context()), Flow(&Flow), S(&St) {}

ValueFacts::ValueFacts(const ValueFacts &Parent, State &St)
    : Ctx(Parent.Ctx), Flow(Parent.Flow), S(&St),
      InsideGuardFunction(Parent.InsideGuardFunction), Depth(Parent.Depth),
      Steps(Parent.Steps) {}

ValueFacts::~ValueFacts() = default;

SlotTable *ValueFacts::slots() { return Flow ? &Flow->slots() : nullptr; }

const SlotFact *ValueFacts::factOf(SlotId Sl) const {
  if (const SlotFact *F = S->fact(Sl))
    return F;
  if (!Flow)
    return nullptr;
  SlotId Sum = Flow->slots().summaryOf(Sl);
  return Sum == Sl ? nullptr : S->fact(Sum);
}

std::optional<double> ValueFacts::diffOf(SlotId A, SlotId B) {
  std::optional<double> Best = S->diff(A, B);
  if (!slots())
    return Best;
  SlotId SA = slots()->summaryOf(A), SB = slots()->summaryOf(B);
  // Two elements of one array are not one value: x[i] - x[j] is unknown.
  if (SA == SB)
    return Best;
  for (auto [X, Y] : {std::pair{SA, B}, std::pair{A, SB}, std::pair{SA, SB}}) {
    if (X == Y || (X == A && Y == B))
      continue;
    std::optional<double> D = S->diff(X, Y);
    if (D && (!Best || *D < *Best))
      Best = D;
  }
  return Best;
}

std::optional<SlotId> ValueFacts::slot(const Expr *E) {
  return Flow ? Flow->slots().slotFor(E) : std::nullopt;
}

Interval ValueFacts::typeRange(QualType T) const {
  if (T.isNull()) // some expressions in a template have no type yet
    return Interval::all();
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isBooleanType())
    return Interval{0, 1, false, false, false};
  if (T->isUnsignedIntegerType())
    return Interval::atLeast(0);
  return Interval::all();
}

Interval ValueFacts::declaredRange(const VarDecl *VD) const {
  Interval TypeBased = typeRange(VD->getType());
  if (nameSaysEpsilon(VD->getName()))
    return TypeBased.meet(Interval::atLeast(0, /*Open=*/true));
  if (nameSaysSpread(VD->getName()))
    return TypeBased.meet(Interval::atLeast(0));
  if (VD->getType()->isIntegerType() && nameSaysCounter(VD->getName()))
    return TypeBased.meet(Interval::atLeast(0));
  return TypeBased;
}

Interval ValueFacts::range(const Expr *E) {
  return InsideGuardFunction ? Interval::trusted() : evaluate(E);
}

Interval ValueFacts::evaluate(const Expr *E) {
  if (!typed(E))
    return Interval::all();
  E = strip(E);
  if (!typed(E))
    return Interval::all();
  if (Depth == 0)
    *Steps = 0;
  if (Depth > 48 || ++*Steps > 20000)
    return typeRange(E->getType());
  ++Depth;
  Interval R;
  Expr::EvalResult Folded;
  if (!E->isValueDependent() && !E->isTypeDependent() &&
      (E->getType()->isRealFloatingType() || E->getType()->isIntegerType()) &&
      E->EvaluateAsRValue(Folded, Ctx) && !Folded.HasSideEffects &&
      (Folded.Val.isFloat() || Folded.Val.isInt())) {
    if (Folded.Val.isFloat())
      R = Interval::point(Folded.Val.getFloat().convertToDouble());
    else
      R = Interval::point(Folded.Val.getInt().isSigned()
                              ? double(Folded.Val.getInt().getSExtValue())
                              : double(Folded.Val.getInt().getZExtValue()));
  } else {
    R = evaluateUncached(E);
  }
  for (const auto &[Subject, Range] : S->Assumed)
    if (sameValue(Subject, E, Ctx))
      R = R.meet(Range);
  if (R.isEmpty()) // facts that contradict: know nothing rather than all
    R = typeRange(E->getType());
  --Depth;
  return R;
}

Interval ValueFacts::evaluateUncached(const Expr *E) {
  // T(v) in a template's definition: the value v, converted.
  if (const auto *UC = dyn_cast<CXXUnresolvedConstructExpr>(E))
    return UC->getNumArgs() == 1 ? evaluate(UC->getArg(0)) : Interval::all();
  if (const auto *CE = dyn_cast<CastExpr>(E)) {
    Interval Sub = evaluate(CE->getSubExpr());
    if (CE->getCastKind() == CK_FloatingCast && CE->getType()->isRealFloatingType())
      Sub = roundedTo(Sub, Ctx.getFloatTypeSemantics(CE->getType()));
    if (CE->getCastKind() == CK_FloatingToIntegral && !Sub.isEmpty()) {
      // Truncation toward zero: (0, 1) becomes 0.
      Sub.Lo = Sub.Lo > 0 ? std::floor(Sub.Lo) : std::ceil(Sub.Lo);
      Sub.Hi = Sub.Hi > 0 ? std::floor(Sub.Hi) : std::ceil(Sub.Hi);
      Sub.LoOpen = Sub.HiOpen = false;
      Sub.NonZero = false;
    }
    return Sub.meet(typeRange(CE->getType()));
  }

  if (const Expr *Negated = negatedOperand(E))
    return negate(evaluate(Negated));
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Minus:
      return negate(evaluate(UO->getSubExpr()));
    case UO_Plus:
      return evaluate(UO->getSubExpr());
    case UO_LNot:
      return Interval{0, 1, false, false, false};
    default:
      break;
    }
  }

  // Operators (built in, or overloaded on CUDA's half); the arithmetic
  // intrinsics (__hadd, __fdividef) are calls, evaluated with the table.
  if (!isa<CallExpr>(E) || isa<CXXOperatorCallExpr>(E))
    if (std::optional<Arithmetic> A = asArithmetic(E))
      return evaluateArithmetic(*A, E);

  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    switch (BO->getOpcode()) {
    case BO_Comma:
    case BO_Assign:
      return evaluate(BO->getRHS());
    default:
      return typeRange(E->getType());
    }
  }

  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    // Each branch under its condition.
    Interval Result = Interval::empty();
    for (bool Truth : {true, false}) {
      State Branch = *S;
      ValueFacts Sub(*this, Branch);
      Sub.assume(CO->getCond(), Truth);
      if (!Branch.Reachable)
        continue;
      Result = Result.join(
          Sub.evaluate(Truth ? CO->getTrueExpr() : CO->getFalseExpr()));
    }
    return Result.isEmpty() ? typeRange(E->getType()) : Result;
  }

  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() &&
        (M->getName() == "size" || M->getName() == "length") &&
        llvm::is_contained(S->NonEmpty,
                           rootDecl(MC->getImplicitObjectArgument())))
      return Interval::atLeast(1);
  }

  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return evaluateVariable(VD, DRE);
    if (const auto *ECD = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return Interval::point(double(ECD->getInitVal().getSExtValue()));
    return typeRange(E->getType());
  }

  // A field or an element the flow follows.
  if (std::optional<Interval> R = followedRange(E))
    return *R;

  if (const auto *Call = dyn_cast<CallExpr>(E))
    return evaluateCall(Call);

  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    // What every constructor of its class leaves it in, outside those.
    if (const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl())) {
      const auto *Ctor =
          Flow ? dyn_cast_or_null<CXXConstructorDecl>(Flow->owner()) : nullptr;
      if (!(Ctor && Ctor->getParent() == Field->getParent()))
        if (std::optional<Interval> R = fieldInvariant(Field, Ctx))
          return R->meet(typeRange(E->getType()));
    }
    if (nameSaysEpsilon(ME->getMemberDecl()->getName()))
      return Interval::atLeast(0, /*Open=*/true);
    if (nameSaysSpread(ME->getMemberDecl()->getName()))
      return Interval::atLeast(0);
    return typeRange(E->getType());
  }

  return typeRange(E->getType());
}

std::optional<Interval> ValueFacts::followedRange(const Expr *E) {
  std::optional<SlotId> Sl = slot(E);
  const SlotFact *F = Sl ? factOf(*Sl) : nullptr;
  if (!F)
    return std::nullopt;
  Interval R = F->Range.meet(typeRange(E->getType()));
  if (F->Traits & SumOfShiftedExps) // the maximum's own term is exp(0)
    R = R.meet(Interval::atLeast(1));
  return R;
}

Interval ValueFacts::evaluateVariable(const VarDecl *VD, const DeclRefExpr *Use) {
  if (std::optional<Interval> R = followedRange(Use))
    return *R;
  // A constant whose initialiser is visible (a global, or a local read
  // from a lambda).
  if (VD->getType().isConstQualified() && VD->getInit() &&
      !VD->getType()->isReferenceType() && Depth < 32)
    return evaluate(VD->getInit()).meet(typeRange(VD->getType()));
  return declaredRange(VD);
}

Interval ValueFacts::evaluateArithmetic(const Arithmetic &A, const Expr *E) {
  switch (A.Op) {
  case BO_Add:
    return add(evaluate(A.LHS), evaluate(A.RHS));
  case BO_Sub: {
    Interval R = add(evaluate(A.LHS), negate(evaluate(A.RHS)));
    for (const auto &[X, Y] : S->Distinct)
      if ((sameValue(X, A.LHS, Ctx) && sameValue(Y, A.RHS, Ctx)) ||
          (sameValue(Y, A.LHS, Ctx) && sameValue(X, A.RHS, Ctx)))
        R.NonZero = true;
    if (std::optional<double> Up = upperDifference(A.LHS, A.RHS))
      R = R.meet(Interval::atMost(*Up));
    if (std::optional<double> Down = upperDifference(A.RHS, A.LHS))
      R = R.meet(Interval::atLeast(-*Down));
    return R.isEmpty() ? add(evaluate(A.LHS), negate(evaluate(A.RHS))) : R;
  }
  default:
    return evaluateProduct(E);
  }
}

Interval ValueFacts::evaluateProduct(const Expr *E) {
  // Flatten a chain of * and / (and unary minus) into factors, so that
  // squares are seen wherever they stand: -0.5 * x * x, (x - mu) * (x - mu) / s.
  SmallVector<const Expr *, 8> Num, Den;
  bool Negative = false;
  std::function<void(const Expr *, bool)> Flatten = [&](const Expr *F,
                                                         bool InDen) {
    F = stripConversions(F);
    if (std::optional<Arithmetic> A = asArithmetic(F)) {
      if (A->Op == BO_Mul) {
        Flatten(A->LHS, InDen);
        Flatten(A->RHS, InDen);
        return;
      }
      if (A->Op == BO_Div) {
        Flatten(A->LHS, InDen);
        Flatten(A->RHS, !InDen);
        return;
      }
    }
    if (const Expr *Negated = negatedOperand(F)) {
      Negative = !Negative;
      Flatten(Negated, InDen);
      return;
    }
    (InDen ? Den : Num).push_back(F);
  };
  Flatten(E, false);

  Interval R = Interval::point(Negative ? -1 : 1);
  auto TakeSquares = [&](SmallVectorImpl<const Expr *> &Factors, bool InDen) {
    for (size_t I = 0; I < Factors.size(); ++I) {
      if (!Factors[I])
        continue;
      for (size_t J = I + 1; J < Factors.size(); ++J) {
        if (!Factors[J] || !sameValue(Factors[I], Factors[J], Ctx))
          continue;
        Interval Square = Interval::atLeast(0);
        if (InDen || evaluate(Factors[I]).isNonZero())
          Square.LoOpen = true, Square.NonZero = true;
        R = multiply(R, Square);
        Factors[I] = Factors[J] = nullptr;
        break;
      }
    }
  };
  TakeSquares(Num, false);
  TakeSquares(Den, true);
  for (const Expr *F : Num)
    if (F)
      R = multiply(R, evaluate(F));
  for (const Expr *F : Den) {
    if (!F)
      continue;
    Interval D = evaluate(F);
    Interval Rec = reciprocal(D);
    // An integer is finite: 1/n for n >= 0 is in (0, +inf], never 0.
    if (D.isNonNegative() && F->IgnoreParenImpCasts()->getType()->isIntegerType())
      Rec = Interval::atLeast(0, /*Open=*/true);
    R = multiply(R, Rec);
  }
  // An integer quotient is rounded toward zero.
  if (!Den.empty() && E->getType()->isIntegerType())
    R = truncatedToInteger(R);
  return R;
}

/// The expression a lambda returns, when its body is one return statement.
static const LambdaExpr *lambdaOf(const Expr *E) {
  E = E->IgnoreParenImpCasts()->IgnoreImplicit();
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E))
    E = MTE->getSubExpr()->IgnoreImplicit();
  return dyn_cast<LambdaExpr>(E);
}

static const Expr *lambdaResult(const LambdaExpr *Lambda) {
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Lambda->getBody());
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  return Ret ? Ret->getRetValue() : nullptr;
}

/// std::accumulate(b, e, 0.0, [m](T acc, T x) { return acc + exp(x - m); })
/// with m bounding the elements of [b, e): a sum of shifted exps. The
/// lambda's element parameter is read as the elements of the range.
bool ValueFacts::accumulatesShiftedExps(const CallExpr *Call) {
  CallModel M = modelOf(Call);
  if (M.Effect != ModelEffect::Accumulate || !slots() ||
      !evaluate(M.Operands[2]).isNonNegative())
    return false;
  const LambdaExpr *Lambda = lambdaOf(M.Operands[3]);
  const CXXMethodDecl *Op = Lambda ? Lambda->getCallOperator() : nullptr;
  const Expr *Result = Lambda ? lambdaResult(Lambda) : nullptr;
  std::optional<SlotId> Elements = slots()->summaryFor(M.Operands[0]);
  if (!Result || !Op || Op->getNumParams() != 2 || !Elements)
    return false;
  std::optional<Arithmetic> Add = asArithmetic(Result);
  if (!Add || Add->Op != BO_Add)
    return false;
  slots()->bind(Op->getParamDecl(1), *Elements);
  bool Shifted = isShiftedExp(Add->RHS) || isShiftedExp(Add->LHS);
  slots()->unbindAll();
  return Shifted;
}

Interval ValueFacts::evaluateCall(const CallExpr *Call) {
  if (named(Call->getDirectCallee(), analysisSettings().GuardFunctions))
    return Interval::trusted(); // clamp_prob(p)
  const MathFunctionInfo *F = getMathCall(Call);
  if (!F || Call->getNumArgs() == 0) {
    if (accumulatesShiftedExps(Call))
      return Interval::atLeast(1);
    CallModel M = modelOf(Call);
    switch (M.Effect) {
    case ModelEffect::SameValue:
      return evaluate(M.Operands.front());
    case ModelEffect::Max:
    case ModelEffect::Min: {
      // Over other lanes or elements: bounded on one side by the operands.
      Interval R = typeRange(Call->getType());
      for (const Expr *Op : M.Operands) {
        if (!Op->getType()->isRealFloatingType())
          continue;
        Interval O = evaluate(Op);
        if (M.Effect == ModelEffect::Max && O.Lo > R.Lo)
          R.Lo = O.Lo, R.LoOpen = O.LoOpen;
        if (M.Effect == ModelEffect::Min && O.Hi < R.Hi)
          R.Hi = O.Hi, R.HiOpen = O.HiOpen;
      }
      return R;
    }
    case ModelEffect::Sum: {
      Interval O = evaluate(M.Operands.front());
      if (isSumOfShiftedExps(M.Operands.front()))
        return Interval::atLeast(1);
      return O.isNonNegative() ? Interval::atLeast(O.Lo, O.LoOpen)
                               : typeRange(Call->getType());
    }
    default:
      // sqr(x), softplus(x): what the function returns, whatever x.
      if (std::optional<Interval> R = returnedRange(Call->getDirectCallee(), Ctx))
        return R->meet(typeRange(Call->getType()));
      return typeRange(Call->getType());
    }
  }
  auto Arg = [&](unsigned I) { return evaluate(Call->getArg(I)); };
  FPPrecision P = precisionOf(Call->getType());
  switch (F->Kind) {
  case MathKind::Exp:
  case MathKind::Exp2:
  case MathKind::Exp10:
  case MathKind::Expm1: {
    Interval X = Arg(0);
    double Overflow = F->kind().overflowThreshold(P);
    if (F->Kind == MathKind::Expm1) {
      // Increasing, in (-1, inf), with the sign of its argument.
      Interval R = Interval::atLeast(-1);
      if (std::isfinite(X.Lo))
        R.Lo = std::expm1(X.Lo);
      if (X.isAtMost(Overflow))
        R.Hi = std::expm1(X.Hi), R.HiOpen = X.HiOpen;
      R.NonZero = X.isNonZero();
      if (X.isPositive())
        R.LoOpen = true;
      return R;
    }
    Interval R = Interval::atLeast(0);
    // exp(x) underflows to 0 far below -overflow; above that it is positive.
    if (X.Lo > -Overflow)
      R.LoOpen = true, R.NonZero = true;
    if (X.isAtMost(Overflow))
      R.Hi = F->Kind == MathKind::Exp2    ? std::exp2(X.Hi)
             : F->Kind == MathKind::Exp10 ? std::pow(10.0, X.Hi)
                                          : std::exp(X.Hi);
    return R;
  }
  case MathKind::Sqrt: {
    Interval X = Arg(0);
    Interval R = Interval::atLeast(X.Lo > 0 ? std::sqrt(X.Lo) : 0);
    if (X.isPositive())
      R.LoOpen = true, R.NonZero = true;
    if (X.Hi >= 0 && X.isBoundedAbove())
      R.Hi = std::sqrt(X.Hi);
    return R;
  }
  case MathKind::Rsqrt: {
    Interval X = Arg(0);
    if (X.isPositive()) {
      Interval R = Interval::atLeast(0, /*Open=*/true);
      if (X.Lo > 0)
        R.Hi = 1 / std::sqrt(X.Lo);
      return R;
    }
    return Interval::atLeast(0);
  }
  case MathKind::Abs: {
    Interval X = Arg(0);
    if (X.isNonNegative())
      return X;
    if (X.isNonPositive())
      return negate(X);
    Interval R = Interval::atLeast(0);
    R.Hi = std::max(-X.Lo, X.Hi);
    if (X.isNonZero())
      R.LoOpen = true, R.NonZero = true;
    return R;
  }
  case MathKind::Max:
  case MathKind::Min: {
    if (Call->getNumArgs() < 2)
      return typeRange(Call->getType());
    Interval A = Arg(0), B = Arg(1);
    bool IsMax = F->Kind == MathKind::Max;
    Interval R;
    const Interval &LoSrc =
        (IsMax ? (A.Lo > B.Lo || (A.Lo == B.Lo && A.LoOpen))
               : (A.Lo < B.Lo || (A.Lo == B.Lo && !A.LoOpen)))
            ? A
            : B;
    const Interval &HiSrc =
        (IsMax ? (A.Hi > B.Hi || (A.Hi == B.Hi && !A.HiOpen))
               : (A.Hi < B.Hi || (A.Hi == B.Hi && A.HiOpen)))
            ? A
            : B;
    R.Lo = LoSrc.Lo;
    R.LoOpen = LoSrc.LoOpen;
    R.Hi = HiSrc.Hi;
    R.HiOpen = HiSrc.HiOpen;
    return R;
  }
  case MathKind::Clamp: {
    if (Call->getNumArgs() < 3)
      return typeRange(Call->getType());
    Interval Lo = Arg(1), Hi = Arg(2);
    Interval R;
    R.Lo = Lo.Lo;
    R.LoOpen = Lo.LoOpen;
    R.Hi = Hi.Hi;
    R.HiOpen = Hi.HiOpen;
    return R;
  }
  case MathKind::Pow: {
    if (Call->getNumArgs() < 2)
      return typeRange(Call->getType());
    Interval Base = Arg(0), Exponent = Arg(1);
    if (Base.isPositive())
      return Interval::atLeast(0, /*Open=*/true);
    if (Exponent.Lo == Exponent.Hi && std::isfinite(Exponent.Lo) &&
        std::fmod(Exponent.Lo, 2.0) == 0)
      return Interval::atLeast(0);
    if (Base.isNonNegative())
      return Interval::atLeast(0);
    return Interval::all();
  }
  case MathKind::Log:
  case MathKind::Log1p: {
    // Monotone: the image of the argument's range where the log is defined.
    // The bounds hold for every base of the family (log, log2, log10 differ
    // by a positive factor between 1/ln(10) and 1/ln(2)).
    Interval X = Arg(0);
    bool Plus1 = F->Kind == MathKind::Log1p;
    double Shift = Plus1 ? 1 : 0;
    // The base, by name: log2, log10, or e.
    double Factor = F->Name.starts_with("log2")    ? 1 / std::log(2.0)
                    : F->Name.starts_with("log10") ? 1 / std::log(10.0)
                                                   : 1;
    auto Bound = [&](double V) {
      return V + Shift <= 0 ? -Inf : std::log(V + Shift) * Factor;
    };
    // A finite argument has a log at most that of the largest finite value
    // of its type (88.72 for a float), whatever its sign.
    double Largest = Inf;
    if (const llvm::fltSemantics *Sem =
            floatSemantics(Call->getArg(0)->IgnoreParenImpCasts()->getType(), Ctx))
      Largest = llvm::APFloat::getLargest(*Sem).convertToDouble();
    if (!(X.Lo + Shift >= 0))
      return Interval::atMost(Bound(std::min(X.Hi, Largest)));
    Interval R;
    R.Lo = Bound(X.Lo);
    R.LoOpen = X.LoOpen;
    R.Hi = Bound(std::min(X.Hi, Largest));
    R.HiOpen = X.HiOpen;
    R.NonZero = X.Lo + Shift > 1 || X.Hi + Shift < 1;
    return R;
  }
  case MathKind::Add:
  case MathKind::Sub:
  case MathKind::Mul:
  case MathKind::Div:
    if (std::optional<Arithmetic> A = asArithmetic(Call))
      return evaluateArithmetic(*A, Call);
    return typeRange(Call->getType());
  case MathKind::Convert: {
    // __float2half(1e-8f) is 0: a positive bound below half the smallest
    // subnormal of the destination rounds to 0.
    Interval R = Arg(0);
    const llvm::fltSemantics *Sem = floatSemantics(Call->getType(), Ctx);
    return Sem ? roundedTo(R, *Sem) : R;
  }
  case MathKind::Tanh:
  case MathKind::Sin:
  case MathKind::Cos:
    return Interval{-1, 1, false, false, false};
  default:
    return typeRange(Call->getType());
  }
}

} // namespace nanguard
