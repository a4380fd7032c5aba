//===- Relations.cpp - Relations, traits and conditions of values ---------===//
//
// The part of ValueFacts that speaks of more than one value: a value as a
// slot plus an offset, the bound on a difference of two values, what a new
// value is known to satisfy against the others (the transfer of an
// assignment), the traits a value carries, and the refinement of a state
// by a condition.
//
//===----------------------------------------------------------------------===//

#include "FlowAnalysis.h"
#include "Models.h"
#include "ValueFacts.h"
#include "clang/Basic/Builtins.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <cmath>
#include <functional>

using namespace clang;
using namespace llvm;

namespace nanguard {

static constexpr double Inf = std::numeric_limits<double>::infinity();

static bool isBounded(const Interval &I) {
  return !I.isEmpty() && std::isfinite(I.Lo) && std::isfinite(I.Hi);
}

std::optional<ValueFacts::Linear> ValueFacts::linear(const Expr *E) {
  if (!slots() || !typed(E))
    return std::nullopt;
  E = stripValueCasts(E);
  std::optional<Arithmetic> A = asArithmetic(E);
  if (A && (A->Op == BO_Add || A->Op == BO_Sub)) {
    // A slot plus a constant (or a bounded value) first: `m + eps`.
    if (std::optional<SlotId> L = slot(A->LHS)) {
      Interval R = evaluate(A->RHS);
      if (isBounded(R) || !slot(A->RHS))
        return Linear{*L, A->Op == BO_Add ? R : negate(R)};
    }
    if (A->Op == BO_Add)
      if (std::optional<SlotId> R = slot(A->RHS)) {
        Interval L = evaluate(A->LHS);
        if (isBounded(L) || !slot(A->LHS))
          return Linear{*R, L};
      }
  }
  if (std::optional<SlotId> Sl = slot(E))
    return Linear{*Sl, Interval::point(0)};
  // A pointer, an iterator or a container stands for its elements.
  QualType T = E->getType().getNonReferenceType();
  if (T->isPointerType() || T->isArrayType() || T->isRecordType())
    if (std::optional<SlotId> Sum = slots()->summaryFor(E))
      return Linear{*Sum, Interval::point(0)};
  return std::nullopt;
}

std::optional<double> ValueFacts::upperDifference(const Expr *A, const Expr *B,
                                                  unsigned Depth) {
  if (Depth > 4)
    return std::nullopt;
  std::optional<double> Best;
  auto Take = [&](std::optional<double> C) {
    if (C && !std::isnan(*C) && (!Best || *C < *Best))
      Best = C;
  };
  std::optional<Linear> LA = linear(A), LB = linear(B);
  if (LA && LB) {
    std::optional<double> D = diffOf(LA->Slot, LB->Slot);
    if (D)
      Take(*D + LA->Offset.Hi - LB->Offset.Lo);
  }
  // B is the maximum of values one of which bounds A; A the minimum of
  // values one of which B bounds.
  CallModel MB = modelOf(B);
  if (MB.Effect == ModelEffect::Max || MB.Effect == ModelEffect::SameValue)
    for (const Expr *Op : MB.Operands)
      Take(upperDifference(A, Op, Depth + 1));
  CallModel MA = modelOf(A);
  if (MA.Effect == ModelEffect::Min || MA.Effect == ModelEffect::SameValue)
    for (const Expr *Op : MA.Operands)
      Take(upperDifference(Op, B, Depth + 1));
  if (Best)
    return Best;
  // The name hints: a parameter or field named as the maximum bounds what
  // is subtracted from it (x - max_val), one named as the minimum is
  // bounded by it (e - emin).
  auto NamedAs = [&](const Expr *E, bool Max) {
    const ValueDecl *D = rootDecl(E);
    if (!D || !(isa<ParmVarDecl>(D) || isa<FieldDecl>(D)))
      return false;
    return Max ? nameSaysMax(D->getName()) : nameSaysMin(D->getName());
  };
  auto NamedAny = [&](const Expr *E) {
    const ValueDecl *D = rootDecl(E);
    return D && (nameSaysMax(D->getName()) || nameSaysMin(D->getName()));
  };
  if ((NamedAs(B, true) && !NamedAny(A)) || (NamedAs(A, false) && !NamedAny(B)))
    return 0.0;
  return std::nullopt;
}

bool ValueFacts::isMaxOf(const Expr *Max, const Expr *Value) {
  std::optional<double> D = upperDifference(Value, Max);
  return D && *D <= 0;
}

namespace {
/// Bounds against other slots, merged by slot.
struct BoundSet {
  SmallVector<ValueFacts::Bound, 4> Items;
  ValueFacts::Bound &at(SlotId S) {
    for (ValueFacts::Bound &B : Items)
      if (B.Other == S)
        return B;
    Items.push_back({S, Inf, Inf});
    return Items.back();
  }
};
} // namespace

SmallVector<ValueFacts::Bound, 4> ValueFacts::relationsOf(const Expr *E) {
  BoundSet Out;
  if (!slots() || !typed(E))
    return {};
  E = stripValueCasts(E);
  // v = a + [lo, hi]: v - a <= hi, a - v <= -lo, and through a's relations.
  auto FromLinear = [&](const Linear &L, bool Above, bool Below, BoundSet &Into) {
    if (Above && std::isfinite(L.Offset.Hi))
      Into.at(L.Slot).Above = std::min(Into.at(L.Slot).Above, L.Offset.Hi);
    if (Below && std::isfinite(L.Offset.Lo))
      Into.at(L.Slot).Below = std::min(Into.at(L.Slot).Below, -L.Offset.Lo);
    // An element also satisfies what its summary does.
    SlotId Sum = slots()->summaryOf(L.Slot);
    for (const auto &[Pair, C] : S->Diff) {
      bool FromSlot = Pair.first == L.Slot ||
                      (Pair.first == Sum && Pair.second != L.Slot);
      bool ToSlot = Pair.second == L.Slot ||
                    (Pair.second == Sum && Pair.first != L.Slot);
      if (Above && FromSlot && std::isfinite(L.Offset.Hi)) {
        double &B = Into.at(Pair.second).Above;
        B = std::min(B, C + L.Offset.Hi);
      }
      if (Below && ToSlot && std::isfinite(L.Offset.Lo)) {
        double &B = Into.at(Pair.first).Below;
        B = std::min(B, C - L.Offset.Lo);
      }
    }
  };

  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    SmallVector<Bound, 4> Sides[2];
    bool Live[2] = {false, false};
    for (int I = 0; I < 2; ++I) {
      State Branch = *S;
      ValueFacts Sub(*this, Branch);
      Sub.assume(CO->getCond(), I == 0);
      if (!Branch.Reachable)
        continue;
      Live[I] = true;
      Sides[I] = Sub.relationsOf(I == 0 ? CO->getTrueExpr() : CO->getFalseExpr());
    }
    if (!Live[0] || !Live[1])
      return Live[0] ? Sides[0] : Sides[1];
    for (const Bound &T : Sides[0])
      for (const Bound &F : Sides[1])
        if (T.Other == F.Other)
          Out.Items.push_back(
              {T.Other, std::max(T.Above, F.Above), std::max(T.Below, F.Below)});
    return Out.Items;
  }

  CallModel M = modelOf(E);
  switch (M.Effect) {
  case ModelEffect::Max:
  case ModelEffect::Min: {
    bool Max = M.Effect == ModelEffect::Max;
    // Every operand bounds the result on one side; on the other side the
    // result is bounded by what bounds every operand.
    std::optional<BoundSet> Common;
    bool AcrossLanes = StringRef(M.Entry) == "reduction" ||
                       StringRef(M.Entry) == "named-reduction";
    for (const Expr *Op : M.Operands) {
      // Each lane holds one element of a shared array: the reduction over
      // the lanes takes them all (the cross-warp step of a block reduce).
      if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Op)); DRE && AcrossLanes)
        for (const auto &[Var, Array] : S->Gathers)
          if (Var == DRE->getDecl())
            if (std::optional<SlotId> Elements = slots()->summaryForDecl(Array))
              FromLinear(Linear{*Elements, Interval::point(0)}, !Max, Max, Out);
      std::optional<Linear> L = linear(Op);
      if (!L) {
        Common = BoundSet();
        Common->Items.clear();
        continue;
      }
      FromLinear(*L, /*Above=*/!Max, /*Below=*/Max, Out);
      BoundSet Mine;
      FromLinear(*L, /*Above=*/Max, /*Below=*/!Max, Mine);
      if (!Common) {
        Common = Mine;
        continue;
      }
      BoundSet Kept;
      for (const Bound &C : Common->Items)
        for (const Bound &B : Mine.Items)
          if (C.Other == B.Other)
            Kept.Items.push_back({C.Other, std::max(C.Above, B.Above),
                                  std::max(C.Below, B.Below)});
      Common = Kept;
    }
    // The other side holds only when the operands are all the values
    // (fmaxf(a, b)); a reduction over lanes or elements (cub's Reduce,
    // warpReduceMax(v), max_element) also takes values it is not given.
    bool AllValues = StringRef(M.Entry) == "math-extreme" &&
                     llvm::none_of(M.Operands, [&](const Expr *Op) {
                       std::optional<Linear> L = linear(Op);
                       return L && slots()->info(L->Slot).Summary;
                     });
    if (Common && AllValues)
      for (const Bound &C : Common->Items) {
        Bound &B = Out.at(C.Other);
        B.Above = std::min(B.Above, C.Above);
        B.Below = std::min(B.Below, C.Below);
      }
    return Out.Items;
  }
  case ModelEffect::Clamp:
    if (std::optional<Linear> Lo = linear(M.Operands[1]))
      FromLinear(*Lo, false, true, Out);
    if (std::optional<Linear> Hi = linear(M.Operands[2]))
      FromLinear(*Hi, true, false, Out);
    return Out.Items;
  case ModelEffect::SameValue: {
    // Another lane's value of the same kind: above what the value is above
    // (a maximum, broadcast from the lane that reduced, bounds this lane's
    // values), but not below this lane's values: `if (__shfl_down_sync(..,
    // m, o) > m)` is a test, not a contradiction. What every lane shares (a
    // summary, shared memory) bounds it both ways.
    SmallVector<Bound, 4> Moved = relationsOf(M.Operands.front());
    for (Bound &B : Moved)
      if (!slots()->info(B.Other).vacuousWhenAbsent())
        B.Above = Inf;
    llvm::erase_if(Moved, [](const Bound &B) {
      return B.Above == Inf && B.Below == Inf;
    });
    return Moved;
  }
  default:
    break;
  }
  if (std::optional<Linear> L = linear(E))
    FromLinear(*L, true, true, Out);
  return Out.Items;
}

//===----------------------------------------------------------------------===//
// Traits
//===----------------------------------------------------------------------===//

static bool isExpFamilyCall(const Expr *E) {
  return asMathCall(E, {MathKind::Exp, MathKind::Exp2, MathKind::Exp10});
}

bool ValueFacts::isShiftedExp(const Expr *E, unsigned Depth) {
  E = stripValueCasts(E); // (double)expf(v): the same value
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Assign)
    return isShiftedExp(BO->getRHS(), Depth);
  if (std::optional<SlotId> Sl = slot(E))
    if (const SlotFact *F = factOf(*Sl))
      return F->Traits & ShiftedExp;
  if (!isExpFamilyCall(E))
    return false;
  const Expr *Arg = strip(cast<CallExpr>(E)->getArg(0));
  for (unsigned Peel = 0; Peel < 3; ++Peel) {
    // A value kept from x - max x: `val = x[i] - max; exp(val)`.
    if (std::optional<SlotId> Held = slot(Arg))
      if (const SlotFact *F = factOf(*Held); F && (F->Traits & MaxShifted))
        return true;
    std::optional<Arithmetic> Op = asArithmetic(Arg);
    if (!Op)
      return false;
    if (Op->Op == BO_Sub)
      return isMaxOf(Op->RHS, Op->LHS);
    // A positive factor, or a scale (see isScaledNonPositive).
    auto Scale = [&](const Expr *X) {
      if (isProvablyPositive(X))
        return true;
      X = strip(X);
      return isa<DeclRefExpr, MemberExpr>(X) &&
             X->getType()->isRealFloatingType() &&
             !evaluate(X).isNonPositive();
    };
    if (Op->Op == BO_Mul && Scale(Op->RHS))
      Arg = strip(Op->LHS);
    else if (Op->Op == BO_Mul && Scale(Op->LHS))
      Arg = strip(Op->RHS);
    else if (Op->Op == BO_Div && Scale(Op->RHS))
      Arg = strip(Op->LHS);
    else
      return false;
  }
  return false;
}

bool ValueFacts::isSumOfShiftedExps(const Expr *E, unsigned Depth) {
  if (Depth > 6)
    return false;
  E = stripValueCasts(E); // (double)expf(v): the same value
  if (std::optional<SlotId> Sl = slot(E))
    if (const SlotFact *F = factOf(*Sl))
      return F->Traits & SumOfShiftedExps;
  if (std::optional<Arithmetic> A = asArithmetic(E); A && A->Op == BO_Add) {
    auto Term = [&](const Expr *X) {
      return isShiftedExp(X) || isSumOfShiftedExps(X, Depth + 1);
    };
    return (Term(A->RHS) && evaluate(A->LHS).isNonNegative()) ||
           (Term(A->LHS) && evaluate(A->RHS).isNonNegative());
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    CallModel M = modelOf(Call);
    if (M.Effect == ModelEffect::Sum || M.Effect == ModelEffect::SameValue)
      return isSumOfShiftedExps(M.Operands.front(), Depth + 1);
    return accumulatesShiftedExps(Call);
  }
  return false;
}

unsigned ValueFacts::traits(const Expr *E) {
  unsigned T = 0;
  if (!typed(E))
    return T;
  if (carriesEpsilon(E))
    T |= CarriesEpsilon;
  if (involvesSpread(E))
    T |= Spread;
  if (involvesDifference(E))
    T |= Difference;
  if (isShiftedExp(E))
    T |= ShiftedExp;
  if (isSumOfShiftedExps(E))
    T |= SumOfShiftedExps;
  if (std::optional<Arithmetic> A = asArithmetic(stripConversions(E));
      A && A->Op == BO_Sub && isMaxOf(A->RHS, A->LHS))
    T |= MaxShifted;
  return T;
}

bool ValueFacts::carriesEpsilon(const Expr *E, unsigned Depth) {
  if (isProvablyPositive(E))
    return true;
  E = stripConversions(E);
  if (std::optional<Arithmetic> A = asArithmetic(E)) // v + eps, __hadd(v, eps)
    return A->Op == BO_Add &&
           (isProvablyPositive(A->LHS) || isProvablyPositive(A->RHS));
  if (Depth > 4)
    return false;
  // sqrt(var + eps), and a variable every value of which carries one:
  // `float rms = std::sqrt(ss / n + eps); x / rms`.
  if (const CallExpr *Sqrt = asMathCall(E, {MathKind::Sqrt}))
    return carriesEpsilon(Sqrt->getArg(0), Depth + 1);
  if (std::optional<SlotId> Sl = slot(E))
    if (const SlotFact *F = factOf(*Sl))
      return F->Traits & CarriesEpsilon;
  return false;
}

bool ValueFacts::involvesSpread(const Expr *E, unsigned Depth) {
  if (Depth > 8)
    return false;
  E = stripConversions(E);
  if (std::optional<Arithmetic> A = asArithmetic(E))
    return involvesSpread(A->LHS, Depth + 1) ||
           involvesSpread(A->RHS, Depth + 1);
  if (const CallExpr *Root = asMathCall(E, {MathKind::Sqrt, MathKind::Rsqrt})) {
    // sqrt(dim), sqrt((double)n), sqrtf(float(n_embd) / n_head): the root
    // of a count is a scale, not a spread (a division by it is
    // unguarded-division's).
    std::function<bool(const Expr *)> Count = [&](const Expr *X) {
      X = X->IgnoreParenCasts();
      if (X->getType()->isIntegerType())
        return true;
      std::optional<Arithmetic> A = asArithmetic(X);
      return A && A->Op != BO_Sub && Count(A->LHS) && Count(A->RHS);
    };
    return !Count(Root->getArg(0));
  }
  if (isa<BinaryOperator>(E))
    return false;
  if (std::optional<SlotId> Sl = slot(E))
    if (const SlotFact *F = factOf(*Sl); F && (F->Traits & Spread))
      return true;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return nameSaysSpread(ME->getMemberDecl()->getName());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return nameSaysSpread(DRE->getDecl()->getName());
  return false;
}

bool ValueFacts::involvesDifference(const Expr *E, unsigned Depth) {
  if (Depth > 6)
    return false;
  E = stripConversions(E);
  if (std::optional<Arithmetic> A = asArithmetic(E)) {
    if (A->Op == BO_Sub)
      return true;
    if (A->Op == BO_Div)
      return involvesDifference(A->LHS, Depth + 1);
    // A weight `(1 - beta) * g * g` scales a value without cancelling it:
    // a constant minus a variable, as a factor, is no difference.
    auto Factor = [&](const Expr *F) {
      std::optional<Arithmetic> W = asArithmetic(stripConversions(F));
      if (A->Op == BO_Mul && W && W->Op == BO_Sub &&
          !W->LHS->isValueDependent() &&
          W->LHS->isEvaluatable(Ctx) && !involvesDifference(W->RHS, Depth + 1))
        return false;
      return involvesDifference(F, Depth + 1);
    };
    return Factor(A->LHS) || Factor(A->RHS);
  }
  // A negation is not a cancellation: sqrt(-2 * log(u)) is as safe as the
  // log's argument, which unguarded-log checks.
  if (isa<DeclRefExpr>(E))
    if (std::optional<SlotId> Sl = slot(E))
      if (const SlotFact *F = factOf(*Sl))
        return F->Traits & Difference;
  return false;
}

bool ValueFacts::isScaledNonPositive(const Expr *E) {
  SmallVector<const Expr *, 6> Factors;
  bool Negative = false;
  std::function<void(const Expr *)> Flatten = [&](const Expr *F) {
    F = strip(F);
    if (const auto *BO = dyn_cast<BinaryOperator>(F))
      if (BO->getOpcode() == BO_Mul ||
          (BO->getOpcode() == BO_Div && BO->getType()->isRealFloatingType())) {
        Flatten(BO->getLHS());
        Flatten(BO->getRHS());
        return;
      }
    if (const Expr *Negated = negatedOperand(F)) {
      Negative = !Negative;
      Flatten(Negated);
      return;
    }
    Factors.push_back(F);
  };
  Flatten(E);
  bool Data = false; // a non-constant factor whose sign is known
  unsigned Scales = 0;
  for (const Expr *F : Factors) {
    Interval R = evaluate(F);
    bool Constant = R.Lo == R.Hi;
    if (R.isNonNegative()) {
      Data |= !Constant;
    } else if (R.isNonPositive()) {
      Data |= !Constant;
      Negative = !Negative;
    } else if (isa<DeclRefExpr, MemberExpr>(F) && F->getType()->isRealFloatingType()) {
      ++Scales; // kT, temperature, scale: taken to be positive
    } else {
      return false;
    }
  }
  return Data && Scales > 0 && Negative;
}

//===----------------------------------------------------------------------===//
// Conditions
//===----------------------------------------------------------------------===//

static BinaryOperatorKind negateComparison(BinaryOperatorKind Op) {
  switch (Op) {
  case BO_LT:
    return BO_GE;
  case BO_GE:
    return BO_LT;
  case BO_GT:
    return BO_LE;
  case BO_LE:
    return BO_GT;
  case BO_EQ:
    return BO_NE;
  case BO_NE:
    return BO_EQ;
  default:
    return Op;
  }
}

void ValueFacts::refine(const Expr *Subject, const Interval &I,
                        unsigned Depth) {
  if (I == Interval::all() || !S->Reachable)
    return;
  refineOne(Subject, I);
  if (S->Reachable && Depth < 4)
    refineOperands(Subject, I, Depth + 1);
}

/// What a range of a sum, difference or product says of its operands, and
/// the range of a variable of what it holds: `d = a * b - c * c; if (d > 0)`
/// makes a * b > c * c >= 0, so neither a nor b is 0.
void ValueFacts::refineOperands(const Expr *E, const Interval &I,
                                unsigned Depth) {
  E = strip(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    for (const auto &[Var, Held] : S->Held)
      if (Var == DRE->getDecl() && !Var->getType()->isBooleanType()) {
        const Expr *Value = Held; // refine() may change the list
        return refine(Value, I, Depth);
      }
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Minus)
      refine(UO->getSubExpr(), negate(I), Depth);
    return;
  }
  const auto *BO = dyn_cast<BinaryOperator>(E);
  if (!BO || !BO->getType()->isArithmeticType())
    return;
  const Expr *L = BO->getLHS(), *R = BO->getRHS();
  switch (BO->getOpcode()) {
  case BO_Add: { // L = E - R, R = E - L
    Interval LR = evaluate(L), RR = evaluate(R);
    refine(L, add(I, negate(RR)), Depth);
    refine(R, add(I, negate(LR)), Depth);
    return;
  }
  case BO_Sub: { // L = E + R, R = L - E
    Interval LR = evaluate(L), RR = evaluate(R);
    refine(L, add(I, RR), Depth);
    refine(R, add(LR, negate(I)), Depth);
    return;
  }
  case BO_Mul:
    // A product that is not 0 has no factor that is 0.
    if (I.isNonZero()) {
      Interval NZ;
      NZ.NonZero = true;
      refine(L, NZ, Depth);
      refine(R, NZ, Depth);
    }
    return;
  default:
    return;
  }
}

void ValueFacts::refineOne(const Expr *Subject, const Interval &I) {
  Interval Met = evaluate(Subject).meet(I);
  std::optional<SlotId> Sl = slot(Subject);
  bool Plain = Sl && !slots()->info(*Sl).Summary && !slots()->info(*Sl).Compound;
  if (Met.isEmpty()) {
    // A summary stands for many values: a test on one of them does not
    // contradict what is known of the others (nor of an element known
    // only through its summary).
    if (!Sl || (Plain && S->fact(*Sl)) ||
        (Plain && !slots()->info(*Sl).ElementOf))
      S->Reachable = false;
    return;
  }
  if (Plain) {
    S->Facts[*Sl].Range = Met;
    return;
  }
  for (auto &[E, Range] : S->Assumed)
    if (sameValue(E, Subject, Ctx)) {
      Range = Range.meet(I);
      if (Range.isEmpty())
        S->Reachable = false;
      return;
    }
  S->Assumed.push_back({Subject, I});
}

void ValueFacts::assume(const Expr *Cond, bool Truth) {
  if (!Cond || !S->Reachable)
    return;
  Cond = strip(Cond);
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(Cond))
    if (Cast->getType()->isBooleanType()) // static_cast<bool>(e), from assert
      return assume(Cast->getSubExpr(), Truth);
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond)) {
    if (UO->getOpcode() == UO_LNot)
      assume(UO->getSubExpr(), !Truth);
    return;
  }
  // A branch hint (`__builtin_expect(!(c), 0)`, LIKELY/UNLIKELY macros)
  // has the value of its first argument.
  if (const auto *Call = dyn_cast<CallExpr>(Cond)) {
    unsigned Builtin = Call->getBuiltinCallee();
    if ((Builtin == Builtin::BI__builtin_expect ||
         Builtin == Builtin::BI__builtin_expect_with_probability) &&
        Call->getNumArgs() >= 1)
      return assume(Call->getArg(0), Truth);
  }
  // A bool variable that holds a condition: `bool ok = x > 0; if (!ok)`.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond))
    for (const auto &[Var, Held] : S->Held)
      if (Var == DRE->getDecl() && Var->getType()->isBooleanType()) {
        const Expr *C = Held;
        return assume(C, Truth);
      }
  // v.empty() false: v.size() is at least 1.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Cond)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!Truth && M && M->getIdentifier() && M->getName() == "empty")
      if (const ValueDecl *Root = rootDecl(MC->getImplicitObjectArgument()))
        S->NonEmpty.push_back(Root);
    return;
  }
  std::optional<BinaryView> BO = asBinary(Cond);
  // `if (sk)` not taken: sk is null on this path.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond->IgnoreParenImpCasts());
      !BO && !Truth && DRE && DRE->getType()->isPointerType())
    S->Null.push_back(DRE->getDecl());
  if (!BO) {
    if (!Cond->getType()->isArithmeticType())
      return;
    if (Truth) {
      Interval NZ;
      NZ.NonZero = true;
      refine(Cond, NZ);
    } else {
      refine(Cond, Interval::point(0));
    }
    return;
  }
  BinaryOperatorKind Op = BO->Op;
  if (Op == BO_LAnd) {
    if (Truth) {
      assume(BO->LHS, true);
      assume(BO->RHS, true);
    }
    return;
  }
  if (Op == BO_LOr) {
    if (!Truth) {
      assume(BO->LHS, false);
      assume(BO->RHS, false);
    }
    return;
  }
  if (!BinaryOperator::isComparisonOp(Op))
    return;
  if (!Truth)
    Op = negateComparison(Op);
  const Expr *L = BO->LHS, *R = BO->RHS;
  if (Op == BO_NE || Op == BO_LT || Op == BO_GT)
    S->Distinct.push_back({L, R});
  Interval LR = evaluate(L), RR = evaluate(R);
  switch (Op) {
  case BO_GT:
    refine(L, Interval::atLeast(RR.Lo, /*Open=*/true));
    refine(R, Interval::atMost(LR.Hi, /*Open=*/true));
    break;
  case BO_GE:
    refine(L, Interval::atLeast(RR.Lo, RR.LoOpen));
    refine(R, Interval::atMost(LR.Hi, LR.HiOpen));
    break;
  case BO_LT:
    refine(L, Interval::atMost(RR.Hi, /*Open=*/true));
    refine(R, Interval::atLeast(LR.Lo, /*Open=*/true));
    break;
  case BO_LE:
    refine(L, Interval::atMost(RR.Hi, RR.HiOpen));
    refine(R, Interval::atLeast(LR.Lo, LR.LoOpen));
    break;
  case BO_EQ:
    refine(L, RR);
    refine(R, LR);
    break;
  case BO_NE: {
    Interval NZ;
    NZ.NonZero = true;
    if (RR.Lo == 0 && RR.Hi == 0)
      refine(L, NZ);
    if (LR.Lo == 0 && LR.Hi == 0)
      refine(R, NZ);
    break;
  }
  default:
    break;
  }
  // The relation between the two sides: L - R <= c (and the other way).
  if (!S->Reachable || !slots())
    return;
  std::optional<Linear> LL = linear(L), LRel = linear(R);
  if (!LL || !LRel || LL->Slot == LRel->Slot)
    return;
  auto AtMost = [&](const Linear &A, const Linear &B) { // A <= B
    double C = B.Offset.Hi - A.Offset.Lo;
    if (std::isfinite(C))
      S->addDiff(A.Slot, B.Slot, C, *slots());
  };
  if (Op == BO_LT || Op == BO_LE || Op == BO_EQ)
    AtMost(*LL, *LRel);
  if (Op == BO_GT || Op == BO_GE || Op == BO_EQ)
    AtMost(*LRel, *LL);
}

} // namespace nanguard
