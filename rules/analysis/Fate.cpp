//===- Fate.cpp - Where a non-finite value goes ---------------------------===//

#include "Fate.h"
#include "ExprHelpers.h"
#include "FlowState.h"
#include "ValueFacts.h"
#include "Summaries.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include <cmath>
#include <functional>
#include <optional>
#include <tuple>

using namespace clang;
using namespace llvm;

namespace nanguard {

namespace {

/// Steps of one question (an expression visited, a variable's use).
constexpr unsigned StepBudget = 4000;
/// Functions entered (callees and callers) on top of the first.
constexpr unsigned MaxDepth = 3;

unsigned negated(unsigned K) {
  unsigned R = K & NaNs;
  if (K & PosInf)
    R |= NegInf;
  if (K & NegInf)
    R |= PosInf;
  return R;
}

/// K times a finite factor of sign \p Sign (0: unknown, maybe 0).
unsigned scaled(unsigned K, int Sign) {
  if (!(K & Infinities))
    return K;
  if (Sign > 0)
    return K;
  if (Sign < 0)
    return negated(K);
  return AnyNonFinite; // inf * 0 is a NaN
}

/// K times itself: an infinity squared is +inf.
unsigned squared(unsigned K) {
  return (K & Infinities ? PosInf : 0) | (K & NaNs);
}

/// The sign of a constant: 1, -1, or 0 when it is 0 or not a constant.
int signOf(const Expr *E, const ASTContext &Ctx) {
  Expr::EvalResult R;
  if (!typed(E) || E->isValueDependent() || !E->EvaluateAsRValue(R, Ctx) ||
      R.HasSideEffects)
    return 0;
  double V;
  if (R.Val.isFloat())
    V = R.Val.getFloat().convertToDouble();
  else if (R.Val.isInt())
    V = R.Val.getInt().getSExtValue();
  else
    return 0;
  if (!std::isfinite(V))
    return 0;
  return V > 0 ? 1 : V < 0 ? -1 : 0;
}

bool isStdFunction(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD && FD->isInStdNamespace();
}

bool exits(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && exits(CS->body_back());
  if (const auto *E = dyn_cast<Expr>(S))
    return isa<CXXThrowExpr>(E->IgnoreParenImpCasts());
  return isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S);
}

const VarDecl *referencedVar(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
}

/// What a condition that is \p Truth rules out of \p VD's values.
unsigned excludedWhen(const Expr *Cond, bool Truth, const VarDecl *VD,
                      const ASTContext &Ctx) {
  if (!Cond)
    return 0;
  Cond = Cond->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(Cond))
    return UO->getOpcode() == UO_LNot
               ? excludedWhen(UO->getSubExpr(), !Truth, VD, Ctx)
               : 0;
  if (const auto *Call = dyn_cast<CallExpr>(Cond)) {
    const MathFunctionInfo *F = getMathCall(Call);
    if (!F || Call->getNumArgs() != 1 || referencedVar(Call->getArg(0)) != VD)
      return 0;
    switch (F->Kind) {
    case MathKind::IsNan:
      return Truth ? 0 : NaNs;
    case MathKind::IsInf:
      return Truth ? 0 : Infinities;
    case MathKind::IsFinite:
      return Truth ? AnyNonFinite : 0;
    default:
      return 0;
    }
  }
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO)
    return 0;
  BinaryOperatorKind Op = BO->getOpcode();
  if (Op == BO_LAnd)
    return Truth ? excludedWhen(BO->getLHS(), true, VD, Ctx) |
                       excludedWhen(BO->getRHS(), true, VD, Ctx)
                 : 0;
  if (Op == BO_LOr)
    return Truth ? 0
                 : excludedWhen(BO->getLHS(), false, VD, Ctx) |
                       excludedWhen(BO->getRHS(), false, VD, Ctx);
  if (!BO->isComparisonOp())
    return 0;
  const Expr *Other = BO->getRHS();
  if (referencedVar(BO->getLHS()) != VD) {
    if (referencedVar(BO->getRHS()) != VD)
      return 0;
    Other = BO->getLHS();
    Op = BinaryOperator::reverseComparisonOp(Op);
  }
  if (readsDecl(Other, VD))
    return 0;
  // A true ordered test rules out a NaN; against a finite constant it
  // rules out the infinity on the other side too (a variable bound may
  // itself be infinite: `v <= hi` with hi = +inf).
  Expr::EvalResult R;
  bool InfiniteOther =
      !typed(Other) || Other->isValueDependent() ||
      !Other->EvaluateAsRValue(R, Ctx) || R.HasSideEffects ||
      (R.Val.isFloat() && !R.Val.getFloat().isFinite()) ||
      !(R.Val.isFloat() || R.Val.isInt());
  if (!Truth) {
    // !(v < c) holds for a NaN v: only the infinity on the other side goes.
    switch (Op) {
    case BO_LT:
    case BO_LE:
      return InfiniteOther ? 0 : NegInf;
    case BO_GT:
    case BO_GE:
      return InfiniteOther ? 0 : PosInf;
    case BO_NE:
      return InfiniteOther ? NaNs : AnyNonFinite;
    default:
      return 0;
    }
  }
  switch (Op) {
  case BO_LT:
  case BO_LE:
    return InfiniteOther ? NaNs : NaNs | PosInf;
  case BO_GT:
  case BO_GE:
    return InfiniteOther ? NaNs : NaNs | NegInf;
  case BO_EQ:
    return InfiniteOther ? NaNs : AnyNonFinite;
  default:
    return 0;
  }
}

/// The references to each variable in a body, collected in one walk of the
/// body the first time a question is asked about it in this translation
/// unit, so that following many variables costs one walk.
thread_local DenseMap<const Stmt *,
                      DenseMap<const VarDecl *, SmallVector<const DeclRefExpr *, 4>>>
    UsesByBody;

ArrayRef<const DeclRefExpr *> usesIn(const Stmt *Body, const VarDecl *VD) {
  auto It = UsesByBody.find(Body);
  if (It == UsesByBody.end()) {
    DenseMap<const VarDecl *, SmallVector<const DeclRefExpr *, 4>> Uses;
    SmallVector<const Stmt *, 64> Work{Body};
    while (!Work.empty()) {
      const Stmt *S = Work.pop_back_val();
      if (!S)
        continue;
      if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          Uses[V].push_back(DRE);
      for (const Stmt *C : S->children())
        Work.push_back(C);
    }
    It = UsesByBody.try_emplace(Body, std::move(Uses)).first;
  }
  auto Found = It->second.find(VD);
  if (Found == It->second.end())
    return {};
  return Found->second;
}

class Tracer {
public:
  explicit Tracer(ASTContext &Ctx) : Ctx(Ctx) {}

  bool absorbed(const Expr *Op, unsigned K) {
    const Decl *Owner = nullptr;
    const Stmt *Body = enclosingBody(Op, Ctx, &Owner);
    const auto *FD = dyn_cast_or_null<FunctionDecl>(Owner);
    if (!Body || !FD)
      return false;
    Frame F(Body, FD, /*Top=*/true, 0);
    Origin = Op;
    // `x /= s`: the value is kept in x.
    if (const auto *BO = dyn_cast<BinaryOperator>(Op);
        BO && BO->isAssignmentOp()) {
      const VarDecl *Target = referencedVar(BO->getLHS());
      return followable(Target, F) && followVar(Target, K, F) &&
             follow(Op, K, F);
    }
    return follow(Op, K, F);
  }

private:
  struct Frame {
    Frame(const Stmt *Body, const FunctionDecl *Function, bool Top,
          unsigned Depth)
        : Body(Body), Function(Function), Top(Top), Depth(Depth) {}
    const Stmt *Body;
    const FunctionDecl *Function;
    /// Its returns go to its callers; else they are collected.
    bool Top;
    unsigned Depth;
    unsigned Returned = 0;
    /// The kinds each local variable has been followed with.
    DenseMap<const VarDecl *, unsigned> Vars;
    /// The signs the call being followed gives its parameters.
    DenseMap<const ParmVarDecl *, int> ParamSigns;
  };

  /// Whether \p E reads a value this question follows.
  bool readsTainted(const Expr *E, const Frame &F) {
    if (!E)
      return false;
    if (E == Origin)
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        return F.Vars.lookup(VD) != 0;
    for (const Stmt *C : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(C); CE && readsTainted(CE, F))
        return true;
    return false;
  }

  /// A local variable (or parameter) of the frame's function that a value
  /// can be kept in and followed.
  bool followable(const VarDecl *VD, const Frame &F) const {
    if (!VD || !VD->hasLocalStorage() || VD->getType()->isReferenceType() ||
        VD->getType()->isPointerType())
      return false;
    const auto *DC = dyn_cast<FunctionDecl>(VD->getDeclContext());
    return DC && DC == F.Function;
  }

  int signOf(const Expr *E, const Frame &F, unsigned Depth = 0);
  bool follow(const Expr *E, unsigned K, Frame &F);
  bool followVar(const VarDecl *VD, unsigned K, Frame &F);
  bool throughCall(const CallExpr *Call, unsigned Index, unsigned K, Frame &F);
  std::optional<unsigned> returnedKinds(const FunctionDecl *Def,
                                        unsigned Index, unsigned K,
                                        ArrayRef<int> Signs, unsigned Depth);
  bool returned(unsigned K, Frame &F);
  unsigned excludedAt(const DeclRefExpr *Use, const VarDecl *VD,
                      const Stmt *Body);

  ASTContext &Ctx;
  const Expr *Origin = nullptr;
  unsigned Steps = 0;
  /// What a function returns when its parameter has the given kinds (none:
  /// it lets them out some other way, or it is being computed).
  DenseMap<std::tuple<const FunctionDecl *, unsigned, unsigned, uint64_t>,
           std::optional<unsigned>>
      Summaries;
};

/// The sign of a factor: a constant's, a parameter's as the call being
/// followed gives it, or what the flow knows where it is; 0 when unknown
/// or possibly 0.
int Tracer::signOf(const Expr *E, const Frame &F, unsigned Depth) {
  if (!typed(E))
    return 0;
  E = E->IgnoreParenImpCasts();
  if (int Constant = nanguard::signOf(E, Ctx))
    return Constant;
  if (Depth > 4)
    return 0;
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Minus ? -signOf(UO->getSubExpr(), F, Depth + 1)
                                       : 0;
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && (BO->getOpcode() == BO_Mul || BO->getOpcode() == BO_Div))
    return signOf(BO->getLHS(), F, Depth + 1) *
           signOf(BO->getRHS(), F, Depth + 1);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *P = dyn_cast<ParmVarDecl>(DRE->getDecl()))
      if (int Bound = F.ParamSigns.lookup(P))
        return Bound;
  if (E->isTypeDependent() || E->isValueDependent() ||
      !E->getType()->isArithmeticType())
    return 0;
  ValueFacts Facts(Ctx, E);
  Interval I = Facts.range(E);
  return I.isPositive() ? 1 : I.isNegative() ? -1 : 0;
}

bool Tracer::follow(const Expr *E, unsigned K, Frame &F) {
  if (!K)
    return true;
  if (++Steps > StepBudget)
    return false;
  // The user of E, through parentheses and implicit casts; a conversion
  // to bool on the way tests it for truth.
  const Expr *Child = E;
  DynTypedNode Node = userNodeOf(E, Ctx, &Child);
  for (const Expr *C = Child; C && C != E;
       C = C->child_begin() == C->child_end()
               ? nullptr
               : dyn_cast_or_null<Expr>(*C->child_begin()))
    if (const auto *IC = dyn_cast<ImplicitCastExpr>(C);
        IC && IC->getType()->isBooleanType())
      return !(K & NaNs);
  if (const auto *VD = Node.get<VarDecl>())
    return followable(VD, F) && VD->getInit() && followVar(VD, K, F);
  const Stmt *P = Node.get<Stmt>();
  if (!P)
    return false;
  // A test decides as the huge number an infinity stands for would; a NaN
  // makes every comparison false, a wrong branch taken silently.
  bool Decides = !(K & NaNs);
  const Expr *Cond = nullptr;
  if (const auto *If = dyn_cast<IfStmt>(P))
    Cond = If->getCond();
  else if (const auto *W = dyn_cast<WhileStmt>(P))
    Cond = W->getCond();
  else if (const auto *D = dyn_cast<DoStmt>(P))
    Cond = D->getCond();
  else if (const auto *For = dyn_cast<ForStmt>(P))
    Cond = For->getCond();
  else if (const auto *Sw = dyn_cast<SwitchStmt>(P))
    Cond = Sw->getCond();
  if (Cond && Child == Cond)
    return Decides;
  // A statement whose value nobody uses.
  if (isa<CompoundStmt, IfStmt, WhileStmt, DoStmt, SwitchStmt, ForStmt,
          CaseStmt, DefaultStmt, LabelStmt, AttributedStmt>(P))
    return true;
  if (isa<ReturnStmt>(P))
    return enclosingBody(P, Ctx) == F.Body && returned(K, F);
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(P)) {
    QualType T = Cast->getType();
    if (T->isVoidType())
      return true;
    if (T->isBooleanType())
      return Decides;
    if (T->isRealFloatingType() || T->isDependentType())
      return follow(Cast, K, F);
    return false; // to an integer: undefined for a NaN or an infinity
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(P)) {
    switch (UO->getOpcode()) {
    case UO_Minus:
      return follow(UO, negated(K), F);
    case UO_Plus:
      return follow(UO, K, F);
    case UO_LNot:
      return Decides;
    default:
      return false;
    }
  }
  if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P))
    return Child == CO->getCond() ? Decides : follow(CO, K, F);
  if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
    BinaryOperatorKind Op = BO->getOpcode();
    if (BO->isComparisonOp() || BO->isLogicalOp())
      return Decides;
    bool Left = Child == BO->getLHS();
    if (Op == BO_Comma)
      return Left || follow(BO, K, F);
    const Expr *Other = Left ? BO->getRHS() : BO->getLHS();
    if (BO->isAssignmentOp()) {
      if (Left)
        return false;
      const VarDecl *Target = referencedVar(BO->getLHS());
      if (!followable(Target, F))
        return false;
      unsigned KT = K;
      switch (Op) {
      case BO_Assign:
      case BO_AddAssign:
        break;
      case BO_SubAssign:
        KT = negated(K);
        break;
      case BO_MulAssign:
        KT = scaled(K, 0);
        break;
      case BO_DivAssign:
        KT = K & NaNs;
        break;
      default:
        return false;
      }
      return followVar(Target, KT, F) && follow(BO, KT, F);
    }
    // x * x, -x * x: a square (negated), whatever the sign of x.
    auto Unsigned = [](const Expr *E, bool &Neg) {
      E = E->IgnoreParenImpCasts();
      while (const auto *U = dyn_cast<UnaryOperator>(E)) {
        if (U->getOpcode() != UO_Minus)
          break;
        Neg = !Neg;
        E = U->getSubExpr()->IgnoreParenImpCasts();
      }
      return E;
    };
    bool Negative = false;
    const Expr *UL = Unsigned(BO->getLHS(), Negative);
    const Expr *UR = Unsigned(BO->getRHS(), Negative);
    bool Same = Op == BO_Mul && sameValue(UL, UR, Ctx);
    unsigned R;
    switch (Op) {
    case BO_Add:
      R = K;
      break;
    case BO_Sub:
      R = Left ? K : negated(K);
      break;
    case BO_Mul:
      // A square is the same for x and -x.
      R = Same ? (Negative ? negated(squared(K)) : squared(K))
               : scaled(K, signOf(Other, F));
      break;
    case BO_Div:
      // c / inf is 0: only a NaN gets through a denominator.
      R = Left ? scaled(K, signOf(Other, F)) : K & NaNs;
      break;
    default:
      return false;
    }
    if (!Same && readsTainted(Other, F))
      R = (K & Infinities) ? AnyNonFinite : K; // inf - inf, inf / inf
    return follow(BO, R, F);
  }
  if (const auto *Call = dyn_cast<CallExpr>(P)) {
    if (Child == Call->getCallee())
      return false;
    unsigned Index = 0;
    while (Index < Call->getNumArgs() && Call->getArg(Index) != Child)
      ++Index;
    if (Index == Call->getNumArgs())
      return false;
    return throughCall(Call, Index, K, F);
  }
  return false;
}

bool Tracer::throughCall(const CallExpr *Call, unsigned Index, unsigned K,
                         Frame &F) {
  bool OtherTainted = false;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    if (I != Index && readsTainted(Call->getArg(I), F))
      OtherTainted = true;
  if (const MathFunctionInfo *M = getMathCall(Call)) {
    unsigned R;
    switch (M->Kind) {
    case MathKind::IsNan:
    case MathKind::IsInf:
    case MathKind::IsFinite:
      return true;
    case MathKind::Exp:
    case MathKind::Exp2:
    case MathKind::Exp10:
    case MathKind::Expm1:
      R = K & (PosInf | NaNs); // exp(-inf) is 0
      break;
    case MathKind::Log:
    case MathKind::Log1p:
    case MathKind::Sqrt:
      R = (K & PosInf) | (K & (NegInf | NaNs) ? NaNs : 0);
      break;
    case MathKind::Rsqrt:
      R = K & (NegInf | NaNs) ? NaNs : 0;
      break;
    case MathKind::Abs:
      R = (K & Infinities ? PosInf : 0) | (K & NaNs);
      break;
    case MathKind::Tanh:
    case MathKind::Erf:
    case MathKind::Atan:
      R = K & NaNs;
      break;
    case MathKind::Sin:
    case MathKind::Cos:
      R = K ? NaNs : 0;
      break;
    case MathKind::Max:
    case MathKind::Min: {
      if (Call->getNumArgs() != 2 || OtherTainted)
        return false;
      bool Max = M->Kind == MathKind::Max;
      if (!isStdFunction(Call)) // fmax, fmin: a NaN gives the other one
        R = K & (Max ? PosInf : NegInf);
      else if (Max) // std::max(a, b) is (a < b) ? b : a
        R = K & (Index == 0 ? PosInf | NaNs : PosInf);
      else // std::min(a, b) is (b < a) ? b : a
        R = K & (Index == 0 ? NegInf | NaNs : NegInf);
      break;
    }
    case MathKind::Clamp:
      if (Index != 0 || OtherTainted)
        return false;
      R = K & NaNs;
      break;
    case MathKind::Pow:
      R = (K & Infinities) ? AnyNonFinite : K;
      break;
    default:
      return false;
    }
    if (OtherTainted)
      R = AnyNonFinite;
    return follow(Call, R, F);
  }
  // A function of the translation unit: what its body gives back. A call
  // the template leaves unresolved (`Distribution::PDF(z)`) may be any
  // function of that name and arity here.
  StringRef Name = calleeName(Call);
  if (F.Depth >= MaxDepth || Name.empty())
    return false;
  SmallVector<const FunctionDecl *, 4> Candidates;
  if (const FunctionDecl *FD = Call->getDirectCallee()) {
    const FunctionDecl *Def = nullptr;
    if (!FD->getBody(Def) || !Def)
      return false;
    Candidates.push_back(Def);
  } else {
    if (!Call->getCallee()->isTypeDependent())
      return false;
    for (const FunctionDecl *Def : definitionsNamed(Name, Ctx))
      if (Def->getNumParams() == Call->getNumArgs())
        Candidates.push_back(Def);
  }
  if (Candidates.empty())
    return false;
  // The signs of the other arguments go with them (`f(label, 1.0f, h)`).
  SmallVector<int, 4> Signs;
  for (unsigned I = 0; I < Call->getNumArgs(); ++I)
    Signs.push_back(I == Index ? 0 : signOf(Call->getArg(I), F));
  unsigned R = 0;
  for (const FunctionDecl *Def : Candidates) {
    std::optional<unsigned> Kinds =
        returnedKinds(Def, Index, K, Signs, F.Depth + 1);
    if (!Kinds)
      return false;
    R |= *Kinds;
  }
  if (OtherTainted && R)
    R = AnyNonFinite;
  return follow(Call, R, F);
}

std::optional<unsigned> Tracer::returnedKinds(const FunctionDecl *Def,
                                              unsigned Index, unsigned K,
                                              ArrayRef<int> Signs,
                                              unsigned Depth) {
  uint64_t Packed = 0;
  for (unsigned I = 0; I < Signs.size() && I < 32; ++I)
    Packed |= uint64_t(Signs[I] + 1) << (2 * I);
  auto Key = std::make_tuple(Def, Index, K, Packed);
  if (auto It = Summaries.find(Key); It != Summaries.end())
    return It->second;
  Summaries[Key] = std::nullopt; // recursion: it may let them out
  if (Index >= Def->getNumParams())
    return std::nullopt;
  const ParmVarDecl *Param = Def->getParamDecl(Index);
  QualType T = Param->getType();
  if (T->isReferenceType() || T->isPointerType() ||
      !(T->isRealFloatingType() || T->isDependentType()))
    return std::nullopt;
  Frame CF(Def->getBody(), Def, /*Top=*/false, Depth);
  for (unsigned I = 0; I < Signs.size() && I < Def->getNumParams(); ++I)
    if (Signs[I])
      CF.ParamSigns[Def->getParamDecl(I)] = Signs[I];
  if (!CF.Body || !followVar(Param, K, CF))
    return std::nullopt;
  Summaries[Key] = CF.Returned;
  return CF.Returned;
}

bool Tracer::returned(unsigned K, Frame &F) {
  if (!F.Top) {
    F.Returned |= K;
    return true;
  }
  // Every call of the function in the translation unit absorbs it.
  const FunctionDecl *Fn = F.Function;
  if (F.Depth >= MaxDepth || !Fn->getIdentifier())
    return false;
  const FunctionDecl *Canon = Fn->getCanonicalDecl();
  unsigned Seen = 0;
  for (const CallExpr *Call : callsNamed(Fn->getName(), Ctx)) {
    if (const FunctionDecl *Callee = Call->getDirectCallee()) {
      if (Callee->getCanonicalDecl() != Canon &&
          Callee->getTemplateInstantiationPattern() != Fn)
        continue;
    } else if (Call->getNumArgs() != Fn->getNumParams()) {
      continue;
    }
    const Decl *Owner = nullptr;
    const Stmt *Body = enclosingBody(Call, Ctx, &Owner);
    const auto *Caller = dyn_cast_or_null<FunctionDecl>(Owner);
    if (!Body || !Caller)
      return false;
    Frame CF(Body, Caller, /*Top=*/true, F.Depth + 1);
    if (!follow(Call, K, CF))
      return false;
    ++Seen;
  }
  return Seen > 0;
}

bool Tracer::followVar(const VarDecl *VD, unsigned K, Frame &F) {
  unsigned Old = F.Vars.lookup(VD);
  if ((Old | K) == Old)
    return true;
  K |= Old;
  F.Vars[VD] = K;
  // A copy: following a use may index another body and grow the cache.
  SmallVector<const DeclRefExpr *, 8> Uses(usesIn(F.Body, VD));
  for (const DeclRefExpr *Use : Uses) {
    if (++Steps > StepBudget)
      return false;
    // A write, not a use.
    const Expr *Child = nullptr;
    const auto *Parent = dyn_cast_or_null<BinaryOperator>(userOf(Use, Ctx, &Child));
    if (Parent && Parent->getLHS() == Child) {
      if (Parent->getOpcode() == BO_Assign)
        continue;
      if (Parent->isCompoundAssignmentOp()) {
        unsigned KT;
        switch (Parent->getOpcode()) {
        case BO_AddAssign:
        case BO_SubAssign:
          KT = K;
          break;
        case BO_MulAssign:
        case BO_DivAssign:
          KT = scaled(K, signOf(Parent->getRHS(), F));
          break;
        default:
          return false;
        }
        if (!followVar(VD, KT, F) || !follow(Parent, KT, F))
          return false;
        continue;
      }
    }
    unsigned Here = K & ~excludedAt(Use, VD, F.Body);
    if (!follow(Use, Here, F))
      return false;
  }
  return true;
}

/// Whether \p VD is declared or assigned in \p Body between \p From and
/// \p To (its references come from the body's index of uses).
static bool writesBetween(const Stmt *Body, const VarDecl *VD,
                          SourceLocation From, SourceLocation To,
                          ASTContext &Ctx) {
  const SourceManager &SM = Ctx.getSourceManager();
  auto Within = [&](SourceLocation L) {
    return SM.isBeforeInTranslationUnit(From, L) &&
           SM.isBeforeInTranslationUnit(L, To);
  };
  if (Within(VD->getLocation()))
    return true;
  for (const DeclRefExpr *Use : usesIn(Body, VD)) {
    const Expr *Child = nullptr;
    const Stmt *P = userOf(Use, Ctx, &Child);
    const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
    const auto *UO = dyn_cast_or_null<UnaryOperator>(P);
    bool Writes = (BO && BO->isAssignmentOp() && BO->getLHS() == Child) ||
                  (UO && UO->isIncrementDecrementOp());
    if (Writes && Within(Use->getLocation()))
      return true;
  }
  return false;
}

/// The one variable a variable that is never assigned after its
/// initialiser is built from with constants, sums, differences and
/// products: w for `const double d = 1 + w;`.
static const VarDecl *sourceOf(const VarDecl *VD) {
  if (!VD->getType().isConstQualified() || !VD->getInit())
    return nullptr;
  const VarDecl *Source = nullptr;
  std::function<bool(const Expr *)> Built = [&](const Expr *E) {
    E = E->IgnoreParenImpCasts();
    if (isa<IntegerLiteral, FloatingLiteral>(E))
      return true;
    if (const VarDecl *V = referencedVar(E)) {
      if (Source && Source != V)
        return false;
      Source = V;
      return true;
    }
    if (const auto *UO = dyn_cast<UnaryOperator>(E))
      return UO->getOpcode() == UO_Minus && Built(UO->getSubExpr());
    const auto *BO = dyn_cast<BinaryOperator>(E);
    return BO && (BO->isAdditiveOp() || BO->getOpcode() == BO_Mul) &&
           Built(BO->getLHS()) && Built(BO->getRHS());
  };
  return Built(VD->getInit()) && Source != VD ? Source : nullptr;
}

unsigned Tracer::excludedAt(const DeclRefExpr *Use, const VarDecl *VD,
                            const Stmt *Body) {
  // What a condition says of VD holds at the use when nothing assigns VD
  // between the two.
  // A variable built from one other by sums and products with constants
  // (`const double d = 1 + w;`) is finite, and a number, where that one is.
  const VarDecl *Source = sourceOf(VD);
  auto Holds = [&](const Expr *Cond, bool Truth) -> unsigned {
    unsigned Ex = 0;
    for (const VarDecl *V : {VD, Source}) {
      if (!V)
        continue;
      unsigned E = excludedWhen(Cond, Truth, V, Ctx);
      if (E && !writesBetween(Body, V, Cond->getEndLoc(), Use->getLocation(), Ctx))
        Ex |= E;
    }
    return Ex;
  };
  unsigned Ex = 0;
  DynTypedNode Node = DynTypedNode::create(*Use);
  const Stmt *Child = Use;
  for (unsigned Up = 0; Up < 64; ++Up) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    const Stmt *P = Node.get<Stmt>();
    if (!P) {
      if (Node.get<VarDecl>() || Node.get<DeclStmt>())
        continue;
      break;
    }
    if (const auto *If = dyn_cast<IfStmt>(P)) {
      if (Child == If->getThen())
        Ex |= Holds(If->getCond(), true);
      else if (Child == If->getElse())
        Ex |= Holds(If->getCond(), false);
    } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(P)) {
      if (Child == CO->getTrueExpr())
        Ex |= Holds(CO->getCond(), true);
      else if (Child == CO->getFalseExpr())
        Ex |= Holds(CO->getCond(), false);
    } else if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (BO->getOpcode() == BO_LAnd && Child == BO->getRHS())
        Ex |= Holds(BO->getLHS(), true);
      else if (BO->getOpcode() == BO_LOr && Child == BO->getRHS())
        Ex |= Holds(BO->getLHS(), false);
    } else if (const auto *W = dyn_cast<WhileStmt>(P)) {
      if (Child == W->getBody())
        Ex |= Holds(W->getCond(), true);
    } else if (const auto *CS = dyn_cast<CompoundStmt>(P)) {
      // `if (isinf(w)) return 0;` before the use.
      for (const Stmt *S : CS->body()) {
        if (S == Child)
          break;
        if (const auto *If = dyn_cast<IfStmt>(S);
            If && !If->getElse() && exits(If->getThen()))
          Ex |= Holds(If->getCond(), false);
      }
    }
    if (P == Body)
      break;
    Child = P;
  }
  return Ex;
}

} // namespace

void forgetFates() { UsesByBody.clear(); }

bool nonFiniteIsAbsorbed(const Expr *Op, unsigned Kinds, ASTContext &Ctx) {
  if (!Op || !Kinds)
    return !Kinds;
  Tracer T(Ctx);
  return T.absorbed(Op, Kinds);
}

} // namespace nanguard
