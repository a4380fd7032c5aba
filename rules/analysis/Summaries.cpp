//===- Summaries.cpp - What small functions of the TU do with values ------===//

#include "Summaries.h"
#include "ExprHelpers.h"
#include "FlowAnalysis.h"
#include "ValueFacts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <optional>

using namespace clang;
using namespace llvm;

namespace nanguard {

namespace {
/// The clamp summary of a function: which parameter it clamps (-1: it is
/// no clamp).
thread_local DenseMap<const FunctionDecl *, int> ClampParams;
/// The return-range summaries (none: in progress, or none to give).
thread_local DenseMap<const FunctionDecl *, std::optional<Interval>> Returned;

/// The calls of the translation unit by the name they call, templates'
/// dependent calls included.
struct CallIndex {
  StringMap<SmallVector<const CallExpr *, 4>> ByName;
  /// The functions defined in it by name, instantiations included.
  StringMap<SmallVector<const FunctionDecl *, 2>> Definitions;
  /// References to a function, and those of them that are a call's callee.
  DenseMap<const FunctionDecl *, unsigned> Refs, Callees;
  bool Built = false;
};
thread_local CallIndex Calls;

class CallCollector : public RecursiveASTVisitor<CallCollector> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    if (StringRef Name = calleeName(Call); !Name.empty())
      Calls.ByName[Name].push_back(Call);
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Call->getCallee()->IgnoreParenImpCasts()))
      if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
        ++Calls.Callees[FD->getCanonicalDecl()];
    return true;
  }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    if (FD->getIdentifier() && FD->doesThisDeclarationHaveABody())
      Calls.Definitions[FD->getName()].push_back(FD);
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    if (const auto *FD = dyn_cast<FunctionDecl>(DRE->getDecl()))
      ++Calls.Refs[FD->getCanonicalDecl()];
    return true;
  }
};

void buildCallIndex(ASTContext &Ctx) {
  if (Calls.Built)
    return;
  CallCollector Collector;
  Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
  Calls.Built = true;
}

const Expr *user(const Expr *E, ASTContext &Ctx, const Expr **Child) {
  return dyn_cast_or_null<Expr>(userOf(E, Ctx, Child));
}

int clampParam(const FunctionDecl *FD, ASTContext &Ctx);

/// Whether \p Use, an operand of the call that uses it, is clamped there.
bool clampedAt(const Expr *Use, ASTContext &Ctx, unsigned Depth) {
  const Expr *Child = nullptr;
  const auto *Call = dyn_cast_or_null<CallExpr>(user(Use, Ctx, &Child));
  if (!Call || Depth > 2)
    return false;
  unsigned Index = 0;
  for (; Index < Call->getNumArgs(); ++Index)
    if (Call->getArg(Index) == Child)
      break;
  if (Index == Call->getNumArgs())
    return false;
  if (const MathFunctionInfo *F = getMathCall(Call)) {
    if (F->Kind == MathKind::Clamp)
      return Index == 0 && Call->getNumArgs() == 3;
    // min(max(v, lo), hi) and max(min(v, hi), lo).
    if (F->Kind != MathKind::Max && F->Kind != MathKind::Min)
      return false;
    const Expr *OuterChild = nullptr;
    const auto *Outer = dyn_cast_or_null<CallExpr>(user(Call, Ctx, &OuterChild));
    const MathFunctionInfo *G = Outer ? getMathCall(Outer) : nullptr;
    return G && ((F->Kind == MathKind::Max && G->Kind == MathKind::Min) ||
                 (F->Kind == MathKind::Min && G->Kind == MathKind::Max));
  }
  const FunctionDecl *FD = Call->getDirectCallee();
  return FD && clampParam(FD, Ctx) == int(Index);
}

/// `return x_min;`, `return x_max;` or `return x;` where the flow knows
/// x_min <= x <= x_max.
int clampParamUncached(const FunctionDecl *FD, ASTContext &Ctx) {
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = FD->getBody(Def);
  if (!Body || !Def || Def->getNumParams() < 3 || Def->getNumParams() > 4 ||
      !Def->getReturnType()->isRealFloatingType())
    return -1;
  SmallVector<const ReturnStmt *, 4> Returns;
  collectReturns(Body, Returns);
  FunctionFlow *Flow = flowFor(Ctx, Def, Body);
  if (Returns.empty() || !Flow || !Flow->complete())
    return -1;
  auto ParamOf = [&](const ReturnStmt *R) -> const ParmVarDecl * {
    const auto *DRE = R->getRetValue()
                          ? dyn_cast<DeclRefExpr>(strip(R->getRetValue()))
                          : nullptr;
    return DRE ? dyn_cast<ParmVarDecl>(DRE->getDecl()) : nullptr;
  };
  // Each return's parameter and the state there, computed once.
  SmallVector<std::pair<const ParmVarDecl *, State>, 4> At;
  for (const ReturnStmt *R : Returns) {
    const ParmVarDecl *P = ParamOf(R);
    if (!P)
      return -1;
    At.push_back({P, Flow->stateBefore(R)});
  }
  SlotTable &Slots = Flow->slots();
  unsigned N = Def->getNumParams();
  for (unsigned V = 0; V < N; ++V)
    for (unsigned Lo = 0; Lo < N; ++Lo)
      for (unsigned Hi = 0; Hi < N; ++Hi) {
        if (V == Lo || V == Hi || Lo == Hi)
          continue;
        const ParmVarDecl *PV = Def->getParamDecl(V), *PL = Def->getParamDecl(Lo),
                          *PH = Def->getParamDecl(Hi);
        std::optional<SlotId> SV = Slots.slotForVar(PV), SL = Slots.slotForVar(PL),
                              SH = Slots.slotForVar(PH);
        if (!SV || !SL || !SH)
          continue;
        // Every return gives a bound, or the value between the bounds.
        bool ReturnsValue = false;
        bool Clamps = llvm::all_of(At, [&](const auto &PS) {
          const auto &[P, St] = PS;
          if (P == PL || P == PH || !St.Reachable)
            return P == PL || P == PH || P == PV;
          if (P != PV)
            return false;
          ReturnsValue = true;
          std::optional<double> Up = St.diff(*SV, *SH), Down = St.diff(*SL, *SV);
          return Up && *Up <= 0 && Down && *Down <= 0;
        });
        if (Clamps && ReturnsValue)
          return int(V);
      }
  return -1;
}

int clampParam(const FunctionDecl *FD, ASTContext &Ctx) {
  FD = FD->getCanonicalDecl();
  auto It = ClampParams.find(FD);
  if (It != ClampParams.end())
    return It->second;
  ClampParams[FD] = -1; // a recursive clamp is none
  int P = clampParamUncached(FD, Ctx);
  ClampParams[FD] = P;
  return P;
}

bool callerClamps(const CallExpr *Call, ASTContext &Ctx) {
  if (clampedAt(Call, Ctx, 0))
    return true;
  const VarDecl *Kept = keptInLocal(Call, Ctx);
  const Stmt *Body = Kept ? enclosingBody(Call, Ctx) : nullptr;
  // Through a local whose every later use is clamped.
  return Body && everyUseOf(Body, Kept, Call->getEndLoc(), Ctx,
                            [&](const DeclRefExpr *DRE) {
                              return clampedAt(DRE, Ctx, 0);
                            });
}
} // namespace

bool everyCallerClamps(const FunctionDecl *F, ASTContext &Ctx) {
  if (!F || !F->getIdentifier())
    return false;
  buildCallIndex(Ctx);
  auto It = Calls.ByName.find(F->getName());
  if (It == Calls.ByName.end() || It->second.empty())
    return false;
  return llvm::all_of(It->second, [&](const CallExpr *Call) {
    return callerClamps(Call, Ctx);
  });
}

const FunctionDecl *returnedBy(const Expr *E, ASTContext &Ctx) {
  const Expr *Child = nullptr;
  const Stmt *S = userOf(E, Ctx, &Child);
  // An arm of `?:`, up to the return.
  for (unsigned Up = 0; Up < 4; ++Up) {
    const auto *CO = dyn_cast_or_null<ConditionalOperator>(S);
    if (!CO || CO->getCond() == Child)
      break;
    S = userOf(CO, Ctx, &Child);
  }
  const auto *Ret = dyn_cast_or_null<ReturnStmt>(S);
  const Decl *Owner = nullptr;
  if (!Ret || !enclosingBody(Ret, Ctx, &Owner))
    return nullptr;
  return dyn_cast_or_null<FunctionDecl>(Owner);
}

std::optional<Interval> returnedRange(const FunctionDecl *F, ASTContext &Ctx) {
  static thread_local unsigned Nesting = 0;
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = F ? F->getBody(Def) : nullptr;
  if (!Body || !Def || Def->isDependentContext() ||
      !Def->getReturnType()->isRealFloatingType())
    return std::nullopt;
  auto It = Returned.find(Def);
  if (It != Returned.end())
    return It->second;
  if (Nesting > 2)
    return std::nullopt;
  Returned[Def] = std::nullopt; // recursion: no summary
  SmallVector<const ReturnStmt *, 4> Returns;
  collectReturns(Body, Returns);
  ++Nesting;
  std::optional<Interval> Range;
  FunctionFlow *Flow = flowFor(Ctx, Def, Body);
  if (Flow && Flow->complete())
    for (const ReturnStmt *R : Returns) {
      if (!R->getRetValue()) {
        Range.reset();
        break;
      }
      ValueFacts Facts(Ctx, R->getRetValue());
      Interval I = Facts.range(R->getRetValue());
      Range = Range ? Range->join(I) : I;
    }
  --Nesting;
  Returned[Def] = Range;
  return Range;
}

std::optional<SmallVector<const CallExpr *, 4>>
callersOf(const FunctionDecl *F, ASTContext &Ctx) {
  if (!F || !F->getIdentifier() || F->isExternallyVisible() ||
      F->isDependentContext())
    return std::nullopt;
  buildCallIndex(Ctx);
  const FunctionDecl *Canon = F->getCanonicalDecl();
  // Its address taken: it has callers nobody here sees.
  if (Calls.Refs.lookup(Canon) != Calls.Callees.lookup(Canon))
    return std::nullopt;
  SmallVector<const CallExpr *, 4> Out;
  auto It = Calls.ByName.find(F->getName());
  if (It != Calls.ByName.end())
    for (const CallExpr *Call : It->second)
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->getCanonicalDecl() == Canon)
        Out.push_back(Call);
  if (Out.empty())
    return std::nullopt;
  return Out;
}

ArrayRef<const CallExpr *> callsNamed(StringRef Name, ASTContext &Ctx) {
  buildCallIndex(Ctx);
  auto It = Calls.ByName.find(Name);
  return It == Calls.ByName.end() ? ArrayRef<const CallExpr *>()
                                  : ArrayRef<const CallExpr *>(It->second);
}

ArrayRef<const FunctionDecl *> definitionsNamed(StringRef Name,
                                                ASTContext &Ctx) {
  buildCallIndex(Ctx);
  auto It = Calls.Definitions.find(Name);
  return It == Calls.Definitions.end()
             ? ArrayRef<const FunctionDecl *>()
             : ArrayRef<const FunctionDecl *>(It->second);
}

namespace {
thread_local DenseMap<const FunctionDecl *, bool> NeverReturns;

bool neverReturnsUncached(const FunctionDecl *FD, ASTContext &Ctx,
                          unsigned Depth) {
  if (FD->isNoReturn())
    return true;
  const FunctionDecl *Def = nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(FD->getBody(Def));
  if (!Body || Body->body_empty() || Depth > 3)
    return false;
  SmallVector<const ReturnStmt *, 1> Returns;
  collectReturns(Body, Returns);
  if (!Returns.empty())
    return false;
  const Stmt *Last = Body->body_back();
  if (const auto *E = dyn_cast<Expr>(Last)) {
    E = E->IgnoreParenImpCasts();
    if (const auto *EWC = dyn_cast<ExprWithCleanups>(E))
      E = EWC->getSubExpr()->IgnoreParenImpCasts();
    if (isa<CXXThrowExpr>(E))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return Callee != FD && neverReturnsUncached(Callee, Ctx, Depth + 1);
  }
  return false;
}
} // namespace

bool neverReturns(const FunctionDecl *FD, ASTContext &Ctx) {
  if (!FD)
    return false;
  FD = FD->getCanonicalDecl();
  auto It = NeverReturns.find(FD);
  if (It != NeverReturns.end())
    return It->second;
  bool R = neverReturnsUncached(FD, Ctx, 0);
  NeverReturns[FD] = R;
  return R;
}

namespace {
/// The uses of fields that may change them (anything but a read of the
/// value), with the function they are in; and every use on `this`.
struct FieldUses {
  DenseMap<const FieldDecl *, SmallVector<const MemberExpr *, 2>> Writes;
  bool Built = false;
};
thread_local FieldUses Fields;
thread_local DenseMap<const FieldDecl *, std::optional<Interval>> Invariants;

class FieldUseCollector : public RecursiveASTVisitor<FieldUseCollector> {
public:
  explicit FieldUseCollector(ASTContext &Ctx) : Ctx(Ctx) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitMemberExpr(MemberExpr *ME) {
    const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!FD || !FD->getType()->isArithmeticType())
      return true;
    // A read: the value is loaded (through parentheses).
    DynTypedNode Node = DynTypedNode::create(*ME);
    while (true) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.empty())
        break;
      Node = Parents[0];
      if (const auto *P = Node.get<ParenExpr>()) {
        (void)P;
        continue;
      }
      if (const auto *IC = Node.get<ImplicitCastExpr>();
          IC && IC->getCastKind() == CK_LValueToRValue)
        return true;
      break;
    }
    Fields.Writes[FD].push_back(ME);
    return true;
  }

private:
  ASTContext &Ctx;
};

const MemberExpr *fieldOnThis(const Stmt *S, const FieldDecl *Field) {
  if (!S)
    return nullptr;
  if (const auto *ME = dyn_cast<MemberExpr>(S);
      ME && ME->getMemberDecl() == Field &&
      isa<CXXThisExpr>(ME->getBase()->IgnoreParenImpCasts()))
    return ME;
  for (const Stmt *C : S->children())
    if (const MemberExpr *ME = fieldOnThis(C, Field))
      return ME;
  return nullptr;
}

std::optional<Interval> fieldInvariantUncached(const FieldDecl *Field,
                                               ASTContext &Ctx) {
  const auto *RD = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!RD || RD->isUnion() || !RD->hasUserDeclaredConstructor() ||
      Field->isMutable() ||
      (Field->getAccess() != AS_private && Field->getAccess() != AS_protected))
    return std::nullopt;
  if (!Fields.Built) {
    FieldUseCollector Collector(Ctx);
    Collector.TraverseDecl(Ctx.getTranslationUnitDecl());
    Fields.Built = true;
  }
  // Only its class's constructors change it.
  auto It = Fields.Writes.find(Field);
  if (It != Fields.Writes.end())
    for (const MemberExpr *ME : It->second) {
      const Decl *Owner = nullptr;
      enclosingBody(ME, Ctx, &Owner);
      const auto *Ctor = dyn_cast_or_null<CXXConstructorDecl>(Owner);
      if (!Ctor || Ctor->getParent() != RD)
        return std::nullopt;
    }
  std::optional<Interval> Range;
  for (const CXXConstructorDecl *Ctor : RD->ctors()) {
    if (Ctor->isCopyOrMoveConstructor() || Ctor->isDeleted())
      continue;
    const FunctionDecl *Def = nullptr;
    const Stmt *Body = Ctor->getBody(Def);
    const MemberExpr *Use = fieldOnThis(Body, Field);
    FunctionFlow *Flow = Use ? flowFor(Ctx, Def, Body) : nullptr;
    if (!Flow || !Flow->complete())
      return std::nullopt;
    State Exit = Flow->exitState();
    if (!Exit.Reachable)
      continue; // it makes no object
    ValueFacts Facts(*Flow, Exit);
    Interval I = Facts.range(Use);
    if (I == Interval::all())
      return std::nullopt;
    Range = Range ? Range->join(I) : I;
  }
  return Range;
}
} // namespace

std::optional<Interval> fieldInvariant(const FieldDecl *Field,
                                       ASTContext &Ctx) {
  if (!Field)
    return std::nullopt;
  auto It = Invariants.find(Field);
  if (It != Invariants.end())
    return It->second;
  Invariants[Field] = std::nullopt; // a constructor reading it: none yet
  std::optional<Interval> R = fieldInvariantUncached(Field, Ctx);
  Invariants[Field] = R;
  return R;
}

void forgetSummaries() {
  Fields.Writes.clear();
  Fields.Built = false;
  Invariants.clear();
  NeverReturns.clear();
  Calls.Definitions.clear();
  Calls.Refs.clear();
  Calls.Callees.clear();
  Returned.clear();
  ClampParams.clear();
  Calls.ByName.clear();
  Calls.Built = false;
}

} // namespace nanguard
