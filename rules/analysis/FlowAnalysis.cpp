//===- FlowAnalysis.cpp - One forward analysis per function ---------------===//

#include "FlowAnalysis.h"
#include "Summaries.h"
#include "ExprHelpers.h"
#include "Models.h"
#include "ValueFacts.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/BitVector.h"
#include <cmath>
#include <functional>
#include <set>

using namespace clang;
using namespace llvm;

namespace nanguard {

/// Visits of one block after which its incoming states are widened.
static constexpr unsigned JoinsBeforeWidening = 2;
static constexpr double Inf = std::numeric_limits<double>::infinity();

FunctionFlow::FunctionFlow(ASTContext &Ctx, const Decl *Owner, const Stmt *Body)
    : Ctx(Ctx), Owner(Owner), Slots(Ctx, Body) {
  CFG::BuildOptions Options;
  Options.setAllAlwaysAdd();
  // Where a local's lifetime ends: an element at an index declared in a
  // loop's body is taken into its summary there, before the loop's head.
  Options.AddLifetime = true;
  Cfg = CFG::buildCFG(Owner, const_cast<Stmt *>(Body), &Ctx, Options);
  if (!Cfg)
    return;
  for (const CFGBlock *B : *Cfg) {
    unsigned Index = 0;
    for (const CFGElement &E : *B) {
      if (auto S = E.getAs<CFGStmt>())
        Positions.try_emplace(S->getStmt(), B->getBlockID(), Index);
      ++Index;
    }
  }
  State Start = lambdaEntry(Owner, Body);
  seedFromCallers(Owner, Start);
  run(std::move(Start));
}

/// Whether the flows of callers are being computed to seed a callee's.
static thread_local bool Seeding = false;

void FunctionFlow::seedFromCallers(const Decl *Owner, State &Start) {
  // What every caller passes a helper only this translation unit calls:
  // `if (!(norm > 0)) continue; update(v, norm);`. One level deep: the
  // callers' own flows are computed without seeds of theirs, and a flow
  // computed for them without its seeds is provisional: it is computed
  // again when asked for outside.
  const auto *FD = dyn_cast_or_null<FunctionDecl>(Owner);
  if (!FD || isa<CXXMethodDecl>(FD) || FD->isExternallyVisible())
    return;
  if (Seeding) {
    Provisional = true;
    return;
  }
  std::optional<SmallVector<const CallExpr *, 4>> Callers = callersOf(FD, Ctx);
  if (!Callers || Callers->size() > 16)
    return;
  SmallVector<std::pair<unsigned, SlotId>, 4> Params;
  for (unsigned I = 0; I < FD->getNumParams(); ++I) {
    const ParmVarDecl *P = FD->getParamDecl(I);
    if (std::optional<SlotId> Slot = Slots.slotForVar(P);
        Slot && P->getType()->isArithmeticType())
      Params.push_back({I, *Slot});
  }
  if (Params.empty() ||
      llvm::any_of(*Callers, [&](const CallExpr *Call) {
        return Call->getNumArgs() != FD->getNumParams();
      }))
    return;
  Seeding = true;
  SmallVector<std::optional<Interval>, 4> Joined(Params.size());
  for (const CallExpr *Call : *Callers) {
    ValueFacts Facts(Ctx, Call); // one state per call, for every parameter
    for (unsigned K = 0; K < Params.size(); ++K) {
      Interval R = Facts.range(Call->getArg(Params[K].first));
      Joined[K] = Joined[K] ? Joined[K]->join(R) : R;
    }
  }
  Seeding = false;
  for (unsigned K = 0; K < Params.size(); ++K)
    if (Joined[K] && !Joined[K]->isEmpty())
      Start.Facts[Params[K].second] = SlotFact{*Joined[K], 0};
}

FunctionFlow::~FunctionFlow() = default;

State FunctionFlow::exitState() {
  if (!Complete || !Cfg)
    return State();
  // The paths that end normally, not by a throw.
  State Exit;
  Exit.Reachable = false;
  for (const CFGBlock *Pred : Cfg->getExit().preds()) {
    if (!Pred)
      continue;
    bool Throws = false;
    for (const CFGElement &E : *Pred)
      if (auto S = E.getAs<CFGStmt>())
        Throws |= isa<CXXThrowExpr>(S->getStmt());
    if (Throws)
      continue;
    const std::unique_ptr<State> &In = Entry[Pred->getBlockID()];
    if (!In)
      continue;
    State Out = *In;
    transferBlock(*Pred, Out, Pred->size());
    if (!Out.Reachable)
      continue;
    unsigned Index = 0;
    for (const CFGBlock::AdjacentBlock &Succ : Pred->succs()) {
      if (Succ.getReachableBlock() == &Cfg->getExit())
        Exit = State::join(Exit, refineEdge(*Pred, Index, Out), Slots);
      ++Index;
    }
  }
  return Exit;
}

/// The call a lambda is passed to directly, and the argument it is.
static const CallExpr *callTakingLambda(ASTContext &Ctx, const LambdaExpr *LE,
                                    unsigned &Arg) {
  DynTypedNode Node = DynTypedNode::create(*LE);
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.size() != 1)
      return nullptr;
    Node = Parents[0];
    const auto *E = Node.get<Expr>();
    if (!E)
      return nullptr;
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      for (unsigned I = 0; I < Call->getNumArgs(); ++I) {
        const Expr *A = Call->getArg(I);
        for (unsigned Peel = 0; Peel < 4 && A != LE; ++Peel) {
          if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(A))
            A = MTE->getSubExpr();
          else if (const auto *C = dyn_cast<CXXConstructExpr>(A);
                   C && C->getNumArgs() == 1)
            A = C->getArg(0);
          else
            A = A->IgnoreImplicit()->IgnoreParens();
        }
        if (A == LE) {
          Arg = I;
          return Call;
        }
      }
      return nullptr;
    }
    if (!isa<ImplicitCastExpr, MaterializeTemporaryExpr, CXXBindTemporaryExpr,
             CXXConstructExpr, ParenExpr, ExprWithCleanups>(E))
      return nullptr;
  }
  return nullptr;
}

State FunctionFlow::lambdaEntry(const Decl *Owner, const Stmt *Body) {
  State Seed;
  const auto *Op = dyn_cast_or_null<CXXMethodDecl>(Owner);
  if (!Op || !Op->getParent()->isLambda())
    return Seed;
  // The body's parent is the lambda expression (or its call operator).
  const LambdaExpr *LE = nullptr;
  DynTypedNode Node = DynTypedNode::create(*Body);
  for (unsigned Depth = 0; Depth < 3 && !LE; ++Depth) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      break;
    Node = Parents[0];
    LE = Node.get<LambdaExpr>();
  }
  const Decl *OuterOwner = nullptr;
  const Stmt *OuterBody = LE ? enclosingBody(LE, Ctx, &OuterOwner) : nullptr;
  if (!OuterBody || OuterBody == Body)
    return Seed;
  FunctionFlow *Outer = flowFor(Ctx, OuterOwner, OuterBody);
  State Before = Outer->stateBefore(LE);
  SlotTable &From = Outer->slots();
  unsigned Arg = 0;
  const CallExpr *Call = callTakingLambda(Ctx, LE, Arg);

  // Which of the enclosing function's slots mean the same here: those of
  // captured variables that cannot change between the lambda's creation
  // and its calls, and the ranges whose elements an algorithm passes to
  // the lambda's parameters.
  DenseMap<SlotId, SlotId> Map;
  DenseSet<const ValueDecl *> Stable;
  for (const LambdaCapture &C : LE->captures()) {
    const auto *VD = C.capturesVariable()
                         ? dyn_cast<VarDecl>(C.getCapturedVar())
                         : nullptr;
    if (!VD)
      continue;
    QualType T = VD->getType().getNonReferenceType();
    bool Unchanged =
        C.getCaptureKind() == LCK_ByCopy
            ? !LE->isMutable()
            : Call && (T.isConstQualified() ||
                       (T->isScalarType() && !T->isPointerType() &&
                        onlyReads(LE->getBody(), VD)));
    if (Unchanged && T->isPointerType() &&
        !T->getPointeeType().isConstQualified())
      Unchanged = false; // the elements may change
    if (Unchanged)
      Stable.insert(VD);
  }
  for (const auto &[S, F] : Before.Facts) {
    const SlotInfo &Info = From.info(S);
    if (Info.Compound || Info.Roots.empty() ||
        !llvm::all_of(Info.Roots,
                      [&](const ValueDecl *D) { return Stable.count(D); }))
      continue;
    if (std::optional<SlotId> Here = Slots.import(Info))
      Map[S] = *Here;
  }
  if (Call)
    for (const ElementParameter &P : elementParameters(Call, Arg))
      if (P.Param < Op->getNumParams())
        if (std::optional<SlotId> Elements = From.summaryFor(P.Range))
          if (std::optional<SlotId> Param =
                  Slots.slotForVar(Op->getParamDecl(P.Param)))
            Map[*Elements] = *Param;
  // Summaries without a fact take part through their relations.
  for (const auto &[Pair, Bound] : Before.Diff)
    for (SlotId S : {Pair.first, Pair.second})
      if (!Map.count(S)) {
        const SlotInfo &Info = From.info(S);
        if (!Info.Compound && !Info.Roots.empty() &&
            llvm::all_of(Info.Roots,
                         [&](const ValueDecl *D) { return Stable.count(D); }))
          if (std::optional<SlotId> Here = Slots.import(Info))
            Map[S] = *Here;
      }
  for (const auto &[S, F] : Before.Facts)
    if (auto It = Map.find(S); It != Map.end())
      Seed.Facts[It->second] = F;
  // The relations among the slots kept stay closed.
  for (const auto &[Pair, Bound] : Before.Diff) {
    auto A = Map.find(Pair.first), B = Map.find(Pair.second);
    if (A != Map.end() && B != Map.end() && A->second != B->second)
      Seed.Diff[{A->second, B->second}] = Bound;
  }
  return Seed;
}

void FunctionFlow::run(State Start) {
  unsigned N = Cfg->getNumBlockIDs();
  ById.assign(N, nullptr);
  for (const CFGBlock *B : *Cfg)
    ById[B->getBlockID()] = B;
  // Reverse post-order from the entry.
  std::vector<unsigned> Rank(N, ~0u);
  {
    std::vector<unsigned> Post;
    BitVector Seen(N);
    // Successors are visited last to first, so that a loop's body ranks
    // before its exit and converges before the code after the loop runs.
    std::vector<std::pair<const CFGBlock *, CFGBlock::const_succ_reverse_iterator>>
        Stack;
    const CFGBlock *EntryBlock = &Cfg->getEntry();
    Seen.set(EntryBlock->getBlockID());
    Stack.push_back({EntryBlock, EntryBlock->succ_rbegin()});
    while (!Stack.empty()) {
      auto &[B, It] = Stack.back();
      if (It == B->succ_rend()) {
        Post.push_back(B->getBlockID());
        Stack.pop_back();
        continue;
      }
      const CFGBlock *Next = It->getReachableBlock();
      ++It;
      if (Next && !Seen.test(Next->getBlockID())) {
        Seen.set(Next->getBlockID());
        Stack.push_back({Next, Next->succ_rbegin()});
      }
    }
    for (unsigned I = 0; I < Post.size(); ++I)
      Rank[Post[Post.size() - 1 - I]] = I;
  }

  Entry.clear();
  Entry.resize(N);
  std::vector<unsigned> Visits(N, 0);
  std::set<std::pair<unsigned, unsigned>> Work; // (rank, block id)
  unsigned First = Cfg->getEntry().getBlockID();
  Entry[First] = std::make_unique<State>(std::move(Start));
  Work.insert({Rank[First], First});
  // Widening ends every loop; the budget is a guard against a state that
  // keeps changing anyway.
  size_t Budget = 64 * size_t(N) + 1024;
  while (!Work.empty()) {
    unsigned Id = Work.begin()->second;
    Work.erase(Work.begin());
    if (Budget-- == 0) {
      Entry.clear();
      Entry.resize(N);
      return;
    }
    const CFGBlock &B = *ById[Id];
    State Out = *Entry[Id];
    transferBlock(B, Out, B.size());
    if (!Out.Reachable)
      continue;
    unsigned SuccIndex = 0;
    for (const CFGBlock::AdjacentBlock &Succ : B.succs()) {
      unsigned I = SuccIndex++;
      const CFGBlock *To = Succ.getReachableBlock();
      if (!To)
        continue;
      State Edge = refineEdge(B, I, Out);
      if (!Edge.Reachable)
        continue;
      unsigned T = To->getBlockID();
      std::unique_ptr<State> &In = Entry[T];
      if (!In) {
        In = std::make_unique<State>(std::move(Edge));
      } else {
        State Merged = ++Visits[T] > JoinsBeforeWidening
                           ? State::widen(*In, Edge, Slots)
                           : State::join(*In, Edge, Slots);
        if (Merged == *In)
          continue;
        *In = std::move(Merged);
      }
      Work.insert({Rank[T], T});
    }
  }
  Complete = true;
}

State FunctionFlow::refineEdge(const CFGBlock &From, unsigned SuccIndex,
                               const State &Out) {
  State Edge = Out;
  // `continue`: this path reads nothing more of this iteration's elements.
  Edge.Skipped = isa_and_nonnull<ContinueStmt>(From.getTerminatorStmt());
  if (From.succ_size() != 2 || SuccIndex > 1)
    return Edge;
  const Stmt *T = From.getTerminatorStmt();
  if (!T)
    return Edge;
  if (const auto *For = dyn_cast<ForStmt>(T); For && !For->getCond())
    return Edge;
  bool Branch = isa<IfStmt, WhileStmt, ForStmt, DoStmt, ConditionalOperator>(T);
  if (const auto *BO = dyn_cast<BinaryOperator>(T))
    Branch = BO->isLogicalOp();
  const Expr *Cond = Branch ? From.getLastCondition() : nullptr;
  if (!Cond)
    return Edge;
  ValueFacts Facts(*this, Edge);
  Facts.assume(Cond, SuccIndex == 0);
  return Edge;
}

void FunctionFlow::transferBlock(const CFGBlock &B, State &St, unsigned Upto) {
  St.Skipped = false;
  unsigned Index = 0;
  for (const CFGElement &E : B) {
    if (Index++ >= Upto || !St.Reachable)
      return;
    if (auto S = E.getAs<CFGStmt>())
      transfer(S->getStmt(), St);
    else if (auto L = E.getAs<CFGLifetimeEnds>())
      St.forgetReaders(L->getVarDecl(), Slots, /*KeepSummary=*/true);
  }
}

/// Whether \p VD, assigned \p Value, is said to hold it: sums, differences
/// and products of variables the analysis follows (and constants) that do
/// not read \p VD itself, so that nothing but an assignment the analysis
/// sees (and then forgets the pair on) changes what they read.
static bool holdsArithmetic(const Expr *Value, const VarDecl *VD,
                            const SlotTable &Slots) {
  if (!VD->getType()->isArithmeticType())
    return false;
  const auto *BO = dyn_cast<BinaryOperator>(strip(Value));
  if (!BO || (BO->getOpcode() != BO_Add && BO->getOpcode() != BO_Sub &&
              BO->getOpcode() != BO_Mul))
    return false;
  std::function<bool(const Expr *, unsigned)> Leaves =
      [&](const Expr *E, unsigned Depth) {
        E = strip(E);
        if (isa<IntegerLiteral, FloatingLiteral>(E))
          return true;
        if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
          const auto *Var = dyn_cast<VarDecl>(DRE->getDecl());
          return Var && Var != VD && Slots.isTracked(Var) &&
                 Var->getType()->isArithmeticType();
        }
        if (const auto *UO = dyn_cast<UnaryOperator>(E))
          return UO->getOpcode() == UO_Minus && Leaves(UO->getSubExpr(), Depth);
        const auto *Op = dyn_cast<BinaryOperator>(E);
        return Op && Depth < 4 &&
               (Op->isAdditiveOp() || Op->getOpcode() == BO_Mul) &&
               Leaves(Op->getLHS(), Depth + 1) &&
               Leaves(Op->getRHS(), Depth + 1);
      };
  return Leaves(BO, 0);
}

/// A condition a bool variable can hold.
static bool isCondition(const Expr *E) {
  E = strip(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BO->isComparisonOp() || BO->isLogicalOp();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_LNot;
  return false;
}

void FunctionFlow::transfer(const Stmt *S, State &St) {
  // A call that never returns (`Log::Fatal(...)`, a function whose every
  // path throws), or a temporary whose destructor never returns
  // (`LogMessageFatal(__FILE__, __LINE__).stream() << ...`, what a CHECK
  // macro expands to): the path ends here.
  if (const auto *Call = dyn_cast<CallExpr>(S))
    if (const FunctionDecl *FD = Call->getDirectCallee();
        FD && !FD->isNoReturn() && neverReturns(FD, Ctx)) {
      St.Reachable = false;
      return;
    }
  if (const auto *Temp = dyn_cast<CXXTemporaryObjectExpr>(S))
    if (const CXXRecordDecl *RD = Temp->getConstructor()->getParent())
      if (const CXXDestructorDecl *Dtor = RD->getDestructor();
          Dtor && neverReturns(Dtor, Ctx)) {
        St.Reachable = false;
        return;
      }
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->isAssignmentOp())
      assign(BO->getLHS(), BO->getRHS(), BO->getOpcode(), St);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
    if (UO->isIncrementDecrementOp())
      assign(UO->getSubExpr(), nullptr,
             UO->isIncrementOp() ? BO_AddAssign : BO_SubAssign, St);
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls()) {
      const auto *VD = dyn_cast<VarDecl>(D);
      if (!VD)
        continue;
      // for (float x : v): x is one of v's elements.
      if (const ValueDecl *Source = Slots.rangeSource(VD)) {
        std::optional<SlotId> X = Slots.slotForVar(VD);
        std::optional<SlotId> Elements = Slots.summaryForDecl(Source);
        St.forgetReaders(VD, Slots, false);
        if (!X || !Elements)
          continue;
        // A copy: inserting into Facts may move what F points at.
        if (const SlotFact *F = St.fact(*Elements)) {
          SlotFact Copy = *F;
          St.Facts[*X] = Copy;
        }
        St.addDiff(*X, *Elements, 0, Slots);
        St.addDiff(*Elements, *X, 0, Slots);
        continue;
      }
      QualType T = VD->getType();
      if (T->isArrayType() || T->isPointerType() ||
          (T->isRecordType() && !cudaFloatClass(T))) {
        // A new array or pointer has no elements touched yet.
        St.forgetReaders(VD, Slots, false);
        std::optional<SlotId> Elements = Slots.summaryForDecl(VD);
        // A row of an array read through this pointer: its elements are
        // some of the array's, so what holds of all of those holds of them.
        // (A row written through starts with no element touched.)
        if (const ValueDecl *Array = Slots.readRowOf(VD); Array && Elements)
          if (std::optional<SlotId> All = Slots.summaryForDecl(Array);
              All && *All != *Elements) {
            if (const SlotFact *F = St.fact(*All)) {
              SlotFact Copy = *F; // inserting may move what F points at
              St.Facts[*Elements] = Copy;
            }
            SmallVector<std::pair<std::pair<SlotId, SlotId>, double>, 8> Copied;
            for (const auto &[Pair, C] : St.Diff) {
              if (Pair.first == *All && Pair.second != *Elements)
                Copied.push_back({{*Elements, Pair.second}, C});
              else if (Pair.second == *All && Pair.first != *Elements)
                Copied.push_back({{Pair.first, *Elements}, C});
            }
            for (const auto &[Pair, C] : Copied)
              St.addDiff(Pair.first, Pair.second, C, Slots);
          }
        if (const auto *List = dyn_cast_or_null<InitListExpr>(
                VD->getInit() ? VD->getInit()->IgnoreImplicit() : nullptr);
            List && Elements && T->isArrayType())
          for (const Expr *Init : List->inits())
            store(*Elements, Init, St);
        if (T->isRecordType() && VD->getInit()) {
          if (const auto *Call = dyn_cast<CallExpr>(strip(VD->getInit())))
            returnedFields(VD, Call, St);
          if (const auto *CO = dyn_cast<ConditionalOperator>(strip(VD->getInit())))
            selectedFields(VD, CO, St);
        }
        continue;
      }
      std::optional<SlotId> X = Slots.slotForVar(VD);
      if (!X)
        continue;
      St.forgetReaders(VD, Slots, false);
      if (const Expr *Init = VD->getInit();
          Init && !isa<CXXConstructExpr>(strip(Init))) {
        ValueFacts Facts(*this, St);
        SlotFact F{Facts.range(Init), Facts.traits(Init)};
        SmallVector<ValueFacts::Bound, 4> Rel = Facts.relationsOf(Init);
        St.Facts[*X] = F;
        for (const ValueFacts::Bound &B : Rel) {
          St.addDiff(*X, B.Other, B.Above, Slots);
          St.addDiff(B.Other, *X, B.Below, Slots);
        }
        if (T->isBooleanType() ? isCondition(Init)
                               : holdsArithmetic(Init, VD, Slots))
          St.Held.push_back({VD, strip(Init)});
        if (const ValueDecl *Array = gatheredArray(Init, Ctx))
          St.Gathers.push_back({VD, Array});
      }
    }
    return;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(S)) {
    // Assignments of classes that stand for numbers (CUDA's __half).
    if (OC->getNumArgs() == 2 && OC->isAssignmentOp()) {
      BinaryOperatorKind Op;
      switch (OC->getOperator()) {
      case OO_Equal:
        Op = BO_Assign;
        break;
      case OO_PlusEqual:
        Op = BO_AddAssign;
        break;
      case OO_MinusEqual:
        Op = BO_SubAssign;
        break;
      case OO_StarEqual:
        Op = BO_MulAssign;
        break;
      case OO_SlashEqual:
        Op = BO_DivAssign;
        break;
      default:
        Op = BO_OrAssign;
        break;
      }
      assign(OC->getArg(0), OC->getArg(1), Op, St);
      return;
    }
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    // v.push_back(x): a store into v's elements.
    if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
      const CXXMethodDecl *M = MC->getMethodDecl();
      StringRef Name = M && M->getIdentifier() ? M->getName() : "";
      const Expr *Object = MC->getImplicitObjectArgument();
      if ((Name == "push_back" || Name == "emplace_back") &&
          MC->getNumArgs() == 1) {
        if (std::optional<SlotId> Elements = Slots.summaryFor(Object))
          store(*Elements, MC->getArg(0), St);
        if (const ValueDecl *Root = rootDecl(Object))
          St.NonEmpty.push_back(Root);
        return;
      }
      static const char *const ReadOnly[] = {
          "size",  "length", "empty", "begin",  "end",  "cbegin", "cend",
          "rbegin", "rend",  "data",  "front",  "back", "at",     "Reduce",
          "Sum",   "sync",   "thread_rank", "size_t"};
      if (M && !M->isConst() && Object &&
          !llvm::any_of(ReadOnly, [&](const char *R) { return Name == R; }))
        invalidate(Object, St);
    }
    const FunctionDecl *FD = Call->getDirectCallee();
    // vec_at(v, k): a read of an element (a write is an assignment to it).
    if (accessedArgument(Call))
      return;
    if (getMathCall(Call) || modelOf(Call).Effect != ModelEffect::None) {
      // frexp(x, &e), sincos(x, &s, &c): what they are given the address
      // of, they write.
      for (const Expr *Arg : Call->arguments())
        if (const auto *UO = dyn_cast<UnaryOperator>(strip(Arg));
            UO && UO->getOpcode() == UO_AddrOf)
          invalidate(Arg, St);
      return;
    }
    unsigned Offset = isa<CXXOperatorCallExpr>(Call) && FD && isa<CXXMethodDecl>(FD) ? 1 : 0;
    for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
      const Expr *Arg = Call->getArg(I);
      unsigned P = I - Offset;
      QualType PT = FD && P < FD->getNumParams() ? FD->getParamDecl(P)->getType()
                                                  : Arg->getType();
      bool Writable =
          (PT->isReferenceType() && !PT.getNonReferenceType().isConstQualified()) ||
          (PT->isPointerType() && !PT->getPointeeType().isConstQualified());
      if (Writable)
        invalidate(Arg, St);
    }
    return;
  }
}

void FunctionFlow::selectedFields(const VarDecl *VD, const ConditionalOperator *CO,
                                  State &St) {
  // `SumMax bigger = a_bigger ? a : b;`: each field is that of the struct
  // the condition selects, with what the condition says of it on that arm
  // (the online-softmax merge: bigger.maxval bounds both).
  auto VarOf = [](const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(strip(E));
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  };
  const VarDecl *Arms[2] = {VarOf(CO->getTrueExpr()), VarOf(CO->getFalseExpr())};
  const RecordDecl *RD = VD->getType()->getAsRecordDecl();
  if (!Arms[0] || !Arms[1] || !RD)
    return;
  for (const FieldDecl *Field : RD->fields()) {
    std::optional<SlotId> Target = Slots.slotForField(VD, Field);
    if (!Target || !Field->getType()->isRealFloatingType())
      continue;
    // Per arm: Other -> (Target - Other <= Above, Other - Target <= Below).
    std::optional<DenseMap<SlotId, std::pair<double, double>>> Common;
    std::optional<Interval> Range;
    for (int I = 0; I < 2; ++I) {
      std::optional<SlotId> Source = Slots.slotForField(Arms[I], Field);
      if (!Source) {
        Common.emplace();
        Range = Interval::all();
        break;
      }
      State Branch = St;
      ValueFacts Facts(*this, Branch);
      Facts.assume(CO->getCond(), I == 0);
      if (!Branch.Reachable)
        continue;
      DenseMap<SlotId, std::pair<double, double>> Here;
      Here[*Source] = {0, 0};
      for (const auto &[Pair, C] : Branch.Diff) {
        if (Pair.first == *Source && Pair.second != *Target)
          Here.try_emplace(Pair.second, Inf, Inf).first->second.first = C;
        if (Pair.second == *Source && Pair.first != *Target)
          Here.try_emplace(Pair.first, Inf, Inf).first->second.second = C;
      }
      const SlotFact *F = Branch.fact(*Source);
      Interval R = F ? F->Range : Interval::all();
      Range = Range ? Range->join(R) : R;
      if (!Common) {
        Common = std::move(Here);
        continue;
      }
      DenseMap<SlotId, std::pair<double, double>> Kept;
      for (const auto &[Other, B] : *Common)
        if (auto It = Here.find(Other); It != Here.end())
          Kept[Other] = {std::max(B.first, It->second.first),
                         std::max(B.second, It->second.second)};
      Common = std::move(Kept);
    }
    St.forget(*Target);
    if (Range)
      St.Facts[*Target] = SlotFact{*Range, 0};
    if (Common)
      for (const auto &[Other, B] : *Common) {
        St.addDiff(*Target, Other, B.first, Slots);
        St.addDiff(Other, *Target, B.second, Slots);
      }
  }
}

/// The fields of a struct a function returns, initialised in each return
/// statement (`return Params{norm, maxval};`).
static const InitListExpr *returnedList(const ReturnStmt *Ret) {
  const Expr *V = Ret->getRetValue();
  if (!V)
    return nullptr;
  V = V->IgnoreImplicit();
  if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(V))
    V = Cast->getSubExpr()->IgnoreImplicit();
  if (const auto *Lit = dyn_cast<CompoundLiteralExpr>(V))
    V = Lit->getInitializer()->IgnoreImplicit();
  return dyn_cast<InitListExpr>(V);
}

void FunctionFlow::returnedFields(const VarDecl *VD, const CallExpr *Call,
                                  State &St) {
  // What a function of this translation unit returns in a struct's fields,
  // against the elements of the arrays it is given: a row maximum returned
  // as `Params{norm, maxval}` bounds the row it was taken over.
  static thread_local unsigned Nesting = 0;
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  const Stmt *Body = Callee ? Callee->getBody(Def) : nullptr;
  if (!Body || !Def || Nesting > 2 || Def->getNumParams() != Call->getNumArgs())
    return;
  ++Nesting;
  FunctionFlow *F = flowFor(Ctx, Def, Body);
  --Nesting;
  if (!F || F == this || !F->complete())
    return;
  SmallVector<const ReturnStmt *, 4> Returns;
  collectReturns(Body, Returns);
  // (field, parameter) -> bounds: [param] - field <= Up, field - [param] <= Down.
  struct Known {
    unsigned Field, Param;
    double Up, Down;
  };
  std::optional<SmallVector<Known, 4>> Common;
  for (const ReturnStmt *Ret : Returns) {
    const InitListExpr *List = returnedList(Ret);
    if (!List) {
      Common = SmallVector<Known, 4>();
      break;
    }
    State At = F->stateBefore(Ret);
    SmallVector<Known, 4> Here;
    for (unsigned I = 0; I < List->getNumInits(); ++I) {
      std::optional<SlotId> Value = F->slots().slotFor(List->getInit(I));
      if (!Value)
        continue;
      // Relations with the elements of a parameter, or of a pointer set
      // once from one (`const float *x = inp + idx * P;`).
      for (const auto &[Pair, C] : At.Diff) {
        bool Up = Pair.second == *Value, Down = Pair.first == *Value;
        if (!Up && !Down)
          continue;
        const SlotInfo &Other = F->slots().info(Up ? Pair.first : Pair.second);
        if (!Other.Summary || Other.Roots.empty())
          continue;
        const auto *Param =
            dyn_cast_or_null<ParmVarDecl>(F->slots().arrayOf(Other.Roots.front()));
        if (!Param || Param->getFunctionScopeIndex() >= Def->getNumParams() ||
            Def->getParamDecl(Param->getFunctionScopeIndex()) != Param)
          continue;
        Here.push_back({I, Param->getFunctionScopeIndex(), Up ? C : Inf,
                        Down ? C : Inf});
      }
    }
    if (!Common) {
      Common = Here;
      continue;
    }
    SmallVector<Known, 4> Kept;
    for (const Known &A : *Common)
      for (const Known &B : Here)
        if (A.Field == B.Field && A.Param == B.Param)
          Kept.push_back({A.Field, A.Param, std::max(A.Up, B.Up),
                          std::max(A.Down, B.Down)});
    Common = Kept;
  }
  if (!Common)
    return;
  const RecordDecl *RD = VD->getType()->getAsRecordDecl();
  if (!RD)
    return;
  SmallVector<const FieldDecl *, 8> Fields(RD->fields());
  for (const Known &K : *Common) {
    if (K.Field >= Fields.size())
      continue;
    std::optional<SlotId> Field = Slots.slotForField(VD, Fields[K.Field]);
    std::optional<SlotId> Elements = Slots.summaryFor(Call->getArg(K.Param));
    if (!Field || !Elements)
      continue;
    if (std::isfinite(K.Up))
      St.addDiff(*Elements, *Field, K.Up, Slots);
    if (std::isfinite(K.Down))
      St.addDiff(*Field, *Elements, K.Down, Slots);
  }
}

void FunctionFlow::invalidate(const Expr *Arg, State &St) {
  const Expr *E = strip(Arg);
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_AddrOf)
    E = strip(UO->getSubExpr());
  const ValueDecl *Root = rootDecl(E);
  if (!Root)
    return;
  St.forgetReaders(Root, Slots, false);
  // Its elements are now whatever the callee left there.
  if (std::optional<SlotId> Elements = Slots.summaryForDecl(Root))
    St.Facts[*Elements] = SlotFact{Interval::all(), 0};
}

void FunctionFlow::store(SlotId Elements, const Expr *Value, State &St) {
  ValueFacts Facts(*this, St);
  SlotFact New{Facts.range(Value), Facts.traits(Value)};
  SmallVector<ValueFacts::Bound, 4> Rel = Facts.relationsOf(Value);
  for (const ValueDecl *Root : Slots.info(Elements).Roots)
    St.forgetReaders(Root, Slots, /*KeepSummary=*/true);
  const SlotFact *Old = St.fact(Elements);
  if (!Old) {
    // The first element stored: the summary is that value.
    St.Facts[Elements] = New;
    for (const ValueFacts::Bound &B : Rel) {
      if (B.Other == Elements)
        continue;
      St.addDiff(Elements, B.Other, B.Above, Slots);
      St.addDiff(B.Other, Elements, B.Below, Slots);
    }
    return;
  }
  // An element mapped in place (`x[i] = exp(x[i] - m)`, also through a
  // local: `float e = exp(x[i] - m); x[i] = e;`): the elements the map has
  // not reached yet keep their relations, and they are the ones the map
  // reads.
  unsigned Through = 0;
  std::function<bool(const Expr *)> ReadsOwnElement = [&](const Expr *E) {
    if (!E)
      return false;
    std::optional<SlotId> Sl = Slots.slotFor(E);
    if (Sl && !Slots.info(*Sl).Compound && Slots.summaryOf(*Sl) == Elements)
      return true;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
          VD && VD->hasLocalStorage() && VD->getInit() && Through < 2) {
        ++Through;
        bool Reads = ReadsOwnElement(VD->getInit());
        --Through;
        return Reads;
      }
    for (const Stmt *Child : E->children())
      if (const auto *CE = dyn_cast_or_null<Expr>(Child))
        if (ReadsOwnElement(CE))
          return true;
    return false;
  };
  bool InPlace = ReadsOwnElement(Value);
  // Another element: what held of every element before and holds of this
  // one too.
  SlotFact Joined;
  Joined.Range = Old->Range.join(New.Range);
  Joined.Traits = (Old->Traits & New.Traits & MustTraits) |
                  ((Old->Traits | New.Traits) & ~MustTraits);
  SmallVector<std::pair<std::pair<SlotId, SlotId>, double>, 8> Kept;
  for (const auto &[Pair, C] : St.Diff) {
    bool Up = Pair.first == Elements, Down = Pair.second == Elements;
    if (!Up && !Down)
      continue;
    SlotId Other = Up ? Pair.second : Pair.first;
    // The new value against Other: from its relations, or from the two
    // ranges (`x[i] = -INFINITY` is below any maximum).
    constexpr double Inf = std::numeric_limits<double>::infinity();
    double NewC = Inf;
    for (const ValueFacts::Bound &B : Rel)
      if (B.Other == Other)
        NewC = std::min(NewC, Up ? B.Above : B.Below);
    if (NewC == Inf && InPlace) {
      Kept.push_back({Pair, C});
      continue;
    }
    Interval O = St.fact(Other) ? St.fact(Other)->Range : Interval::all();
    double FromRanges = Up ? New.Range.Hi - O.Lo : O.Hi - New.Range.Lo;
    if (!std::isnan(FromRanges))
      NewC = std::min(NewC, FromRanges);
    if (NewC < Inf)
      Kept.push_back({Pair, std::max(C, NewC)});
  }
  St.forget(Elements);
  St.Facts[Elements] = Joined;
  for (const auto &[Pair, C] : Kept)
    St.Diff[Pair] = C;
}

void FunctionFlow::assign(const Expr *Target, const Expr *Value,
                          BinaryOperatorKind Op, State &St) {
  std::optional<SlotId> X = Slots.slotFor(Target);
  if (!X) {
    // Something the analysis does not follow changes: forget what read it.
    if (const ValueDecl *Root = rootDecl(Target))
      St.forgetReaders(Root, Slots, true);
    return;
  }
  const SlotInfo &Info = Slots.info(*X);
  ValueFacts Facts(*this, St);
  if (Info.ElementOf && Op == BO_Assign && Value) {
    // One element: the summary takes the value weakly (which forgets every
    // element of the array, as the index may be any), the element strongly.
    SlotFact New{Facts.range(Value), Facts.traits(Value)};
    SmallVector<ValueFacts::Bound, 4> Rel = Facts.relationsOf(Value);
    SlotId Sum = *Info.ElementOf;
    const ValueDecl *Array = Info.Array;
    store(Sum, Value, St);
    New.Range = New.Range.meet(Facts.typeRange(Target->getType()));
    if (New.Range.isEmpty())
      New.Range = Facts.typeRange(Target->getType());
    St.Facts[*X] = New;
    for (const ValueFacts::Bound &B : Rel) {
      const SlotInfo &Other = Slots.info(B.Other);
      if (B.Other == *X || llvm::is_contained(Other.Roots, Array))
        continue;
      St.addDiff(*X, B.Other, B.Above, Slots);
      St.addDiff(B.Other, *X, B.Below, Slots);
    }
    return;
  }
  if (Info.ElementOf)
    X = *Info.ElementOf; // an element updated in place: its summary
  if (Slots.info(*X).Summary) {
    const SlotInfo &Info = Slots.info(*X);
    if (Op == BO_Assign && Value) {
      store(*X, Value, St);
      return;
    }
    // An element updated in place.
    Interval Old = St.fact(*X) ? St.fact(*X)->Range : Interval::all();
    Interval RHS = Value ? Facts.range(Value) : Interval::point(1);
    Interval New = Op == BO_AddAssign   ? add(Old, RHS)
                   : Op == BO_SubAssign ? add(Old, negate(RHS))
                   : Op == BO_MulAssign ? multiply(Old, RHS)
                   : Op == BO_DivAssign ? multiply(Old, reciprocal(RHS))
                                        : Interval::all();
    for (const ValueDecl *Root : Info.Roots)
      St.forgetReaders(Root, Slots, true);
    St.forget(*X);
    St.Facts[*X] = SlotFact{Old.join(New), 0};
    return;
  }

  SlotFact New;
  SmallVector<ValueFacts::Bound, 4> Rel;
  if (Op == BO_Assign) {
    New = {Facts.range(Value), Facts.traits(Value)};
    Rel = Facts.relationsOf(Value);
  } else {
    Interval Old = Facts.range(Target);
    unsigned OldTraits = St.fact(*X) ? St.fact(*X)->Traits : 0;
    Interval RHS = Value ? Facts.range(Value) : Interval::point(1);
    // What an update adds to a spread or a difference is not followed (a
    // sum of squares of differences is no difference); a subtraction is one.
    unsigned May = OldTraits & (Spread | Difference);
    switch (Op) {
    case BO_AddAssign:
    case BO_SubAssign: {
      Interval Step = Op == BO_AddAssign ? RHS : negate(RHS);
      New.Range = add(Old, Step);
      New.Traits = May;
      if (Op == BO_SubAssign)
        New.Traits |= Difference;
      if (Op == BO_AddAssign && Old.isNonNegative() && Value &&
          (Facts.isShiftedExp(Value) || Facts.isSumOfShiftedExps(Value)))
        New.Traits |= SumOfShiftedExps;
      // `v += eps` carries the epsilon as `v + eps` does, whatever v was.
      if (Op == BO_AddAssign &&
          (((OldTraits & CarriesEpsilon) && RHS.isNonNegative()) ||
           RHS.isPositive()))
        New.Traits |= CarriesEpsilon;
      // v + step: v's relations moved by the step.
      for (const auto &[Pair, C] : St.Diff) {
        if (Pair.first == *X && std::isfinite(Step.Hi))
          Rel.push_back({Pair.second, C + Step.Hi, std::numeric_limits<double>::infinity()});
        if (Pair.second == *X && std::isfinite(Step.Lo))
          Rel.push_back({Pair.first, std::numeric_limits<double>::infinity(), C - Step.Lo});
      }
      break;
    }
    case BO_MulAssign:
      New.Range = multiply(Old, RHS);
      New.Traits = May | (OldTraits & CarriesEpsilon & (RHS.isPositive() ? ~0u : 0u));
      break;
    case BO_DivAssign:
      New.Range = multiply(Old, reciprocal(RHS));
      if (Target->getType()->isIntegerType())
        New.Range = truncatedToInteger(New.Range);
      New.Traits = May;
      break;
    default:
      New.Range = Facts.typeRange(Target->getType());
      break;
    }
  }
  // The target changes: what was known of it and what read it goes.
  if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Target))) {
    St.forgetReaders(DRE->getDecl(), Slots, false);
  } else {
    SmallVector<SlotId, 4> Work{*X};
    while (!Work.empty()) {
      SlotId S = Work.pop_back_val();
      St.forget(S);
      for (SlotId C : Slots.compoundsOf(S))
        Work.push_back(C);
    }
    if (const auto *ME = dyn_cast<MemberExpr>(strip(Target)))
      llvm::erase_if(St.Assumed, [&](const auto &A) {
        return readsDecl(A.first, ME->getMemberDecl());
      });
  }
  New.Range = New.Range.meet(Facts.typeRange(Target->getType()));
  if (New.Range.isEmpty())
    New.Range = Facts.typeRange(Target->getType());
  St.Facts[*X] = New;
  for (const ValueFacts::Bound &B : Rel) {
    if (B.Other == *X)
      continue;
    St.addDiff(*X, B.Other, B.Above, Slots);
    St.addDiff(B.Other, *X, B.Below, Slots);
  }
  if (Op == BO_Assign)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Target)))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (Target->getType()->isBooleanType()
                ? isCondition(Value)
                : holdsArithmetic(Value, VD, Slots))
          St.Held.push_back({VD, strip(Value)});
  if (Op == BO_Assign)
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(Target)))
      if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
        if (const ValueDecl *Array = gatheredArray(Value, Ctx))
          St.Gathers.push_back({VD, Array});
}

State FunctionFlow::stateBefore(const Stmt *S) {
  if (!Complete || !S)
    return State();
  const Stmt *Cur = S;
  auto Pos = Positions.find(Cur);
  for (unsigned Up = 0; Pos == Positions.end() && Up < 64; ++Up) {
    auto Parents = Ctx.getParents(*Cur);
    if (Parents.empty() || !Parents[0].get<Stmt>())
      return State();
    Cur = Parents[0].get<Stmt>();
    Pos = Positions.find(Cur);
  }
  if (Pos == Positions.end())
    return State();
  auto [Block, Index] = Pos->second;
  if (Block >= Entry.size() || !Entry[Block])
    return State();
  const CFGBlock *B = Block < ById.size() ? ById[Block] : nullptr;
  if (!B)
    return State();
  if (CursorBlock != Block || CursorIndex > Index) {
    Cursor = *Entry[Block];
    CursorBlock = Block;
    CursorIndex = 0;
  }
  unsigned I = 0;
  for (const CFGElement &E : *B) {
    if (I >= Index || !Cursor.Reachable)
      break;
    if (I++ < CursorIndex)
      continue;
    if (auto St = E.getAs<CFGStmt>())
      transfer(St->getStmt(), Cursor);
  }
  CursorIndex = Index;
  return Cursor.Reachable ? Cursor : State();
}

//===----------------------------------------------------------------------===//
// The flows of a translation unit
//===----------------------------------------------------------------------===//

namespace {
struct FlowCache {
  const ASTContext *Ctx = nullptr;
  DenseMap<const Stmt *, std::unique_ptr<FunctionFlow>> Flows;
};
thread_local FlowCache Cache;
} // namespace

FunctionFlow *flowFor(ASTContext &Ctx, const Decl *Owner, const Stmt *Body) {
  if (Cache.Ctx != &Ctx) {
    Cache.Flows.clear();
    Cache.Ctx = &Ctx;
  }
  auto It = Cache.Flows.find(Body);
  // A provisional flow (seedFromCallers) is only used while seeding, so
  // no one outside holds it when it is replaced.
  if (It != Cache.Flows.end() && (!It->second->Provisional || Seeding))
    return It->second.get();
  auto Flow = std::make_unique<FunctionFlow>(Ctx, Owner, Body);
  FunctionFlow *Result = Flow.get();
  Cache.Flows[Body] = std::move(Flow);
  return Result;
}

void forgetFlows() {
  Cache.Flows.clear();
  Cache.Ctx = nullptr;
}

} // namespace nanguard
