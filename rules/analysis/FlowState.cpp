//===- FlowState.cpp - What the flow analysis knows at a point ------------===//

#include "FlowState.h"
#include "ExprHelpers.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/StmtCXX.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <cmath>

using namespace clang;
using namespace llvm;

namespace nanguard {

static constexpr double Inf = std::numeric_limits<double>::infinity();
/// Relations kept per state: beyond it new ones are not added (dropping a
/// relation only weakens what is known). Every block's entry holds a state,
/// so this bounds the cost of a state and keeps the analysis linear in the
/// length of a function (bench/lint-scaling.sh); real functions relate far
/// fewer pairs.
static constexpr unsigned MaxRelations = 512;

//===----------------------------------------------------------------------===//
// Slots
//===----------------------------------------------------------------------===//

bool onlyReads(const Stmt *S, const VarDecl *VD, bool Read) {
  if (!S)
    return true;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(S))
    return Read || DRE->getDecl() != VD;
  bool ChildRead = false;
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S))
    ChildRead = Cast->getCastKind() == CK_LValueToRValue;
  else if (isa<ParenExpr>(S))
    ChildRead = Read;
  for (const Stmt *Child : S->children())
    if (!onlyReads(Child, VD, ChildRead))
      return false;
  return true;
}

namespace {
/// Finds the variables the analysis cannot follow (address taken, aliased
/// by a non-const reference, captured by reference) and the arrays that
/// range-for loops iterate.
class BodyScan : public RecursiveASTVisitor<BodyScan> {
public:
  DenseSet<const VarDecl *> &Escaped;
  DenseMap<const VarDecl *, const ValueDecl *> &RangeSources;
  ASTContext &Ctx;
  BodyScan(ASTContext &Ctx, DenseSet<const VarDecl *> &Escaped,
           DenseMap<const VarDecl *, const ValueDecl *> &RangeSources)
      : Escaped(Escaped), RangeSources(RangeSources), Ctx(Ctx) {}

  bool shouldVisitLambdaBody() const { return true; }

  /// `x`, `x + 1`, `(const float4 *)x`: the array itself, or a constant
  /// step into it (rather than a row: `x + i * n`).
  bool constantOffset(const Expr *E) const {
    for (unsigned Step = 0; Step < 8; ++Step) {
      const auto *BO = dyn_cast<BinaryOperator>(E->IgnoreParenCasts());
      if (!BO || !BO->isAdditiveOp() || !BO->getType()->isPointerType())
        return true;
      bool PointerLeft = BO->getLHS()->getType()->isPointerType();
      const Expr *Offset = PointerLeft ? BO->getRHS() : BO->getLHS();
      if (Offset->isValueDependent() || !Offset->isEvaluatable(Ctx))
        return false;
      E = PointerLeft ? BO->getLHS() : BO->getRHS();
    }
    return false;
  }
  static const VarDecl *directVar(const Expr *E) {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  }
  bool VisitUnaryOperator(UnaryOperator *UO) {
    if (UO->getOpcode() == UO_AddrOf)
      if (const VarDecl *VD = directVar(UO->getSubExpr()))
        ++AddressTaken[VD];
    return true;
  }
  // `f(&x)`: the call may write x, which the flow treats as an assignment
  // at the call; only an address kept elsewhere makes x an alias.
  bool VisitCallExpr(CallExpr *Call) {
    for (const Expr *Arg : Call->arguments())
      if (const auto *UO = dyn_cast<UnaryOperator>(Arg->IgnoreParenImpCasts());
          UO && UO->getOpcode() == UO_AddrOf)
        if (const VarDecl *VD = directVar(UO->getSubExpr()))
          ++PassedToCalls[VD];
    return true;
  }
  void finish(DenseMap<const VarDecl *, const VarDecl *> &Kept) {
    for (const auto &[VD, N] : AddressTaken)
      if (PassedToCalls.lookup(VD) < N)
        Escaped.insert(VD);
    for (const auto &[VD, Target] : Aliases)
      if (!Reassigned.count(VD) && !Escaped.count(VD))
        Kept[VD] = Target;
  }
  DenseMap<const VarDecl *, unsigned> AddressTaken, PassedToCalls;
  DenseMap<const VarDecl *, const VarDecl *> Aliases;
  DenseSet<const VarDecl *> Reassigned;
  DenseSet<const VarDecl *> Copies;
  DenseSet<const VarDecl *> WrittenThrough;
  /// Pointers set to a row of an array (`x + i * n`): their elements are
  /// a summary of their own.
  DenseSet<const VarDecl *> Rows;
  bool VisitBinaryOperator(BinaryOperator *BO) {
    // `p += n` walks the same array; only `p = q` points it elsewhere.
    if (BO->getOpcode() == BO_Assign)
      if (const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenImpCasts()))
        if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
          Reassigned.insert(VD);
    // `v.x = 0`, `v[k] = 0`: a copy of an element changes; `row[j] = y`:
    // a row is written through.
    if (BO->isAssignmentOp()) {
      const Expr *Target = BO->getLHS()->IgnoreParenImpCasts();
      while (true) {
        if (const auto *ME = dyn_cast<MemberExpr>(Target))
          Target = ME->getBase()->IgnoreParenImpCasts();
        else if (const auto *AS = dyn_cast<ArraySubscriptExpr>(Target))
          Target = AS->getBase()->IgnoreParenImpCasts();
        else if (const auto *UO = dyn_cast<UnaryOperator>(Target);
                 UO && UO->getOpcode() == UO_Deref)
          Target = UO->getSubExpr()->IgnoreParenImpCasts();
        else if (const Expr *Arg = accessedArgument(Target))
          Target = Arg->IgnoreParenImpCasts(); // vec_at(v, k) = y
        else
          break;
      }
      if (const VarDecl *VD = directVar(Target)) {
        if (Copies.count(VD))
          Reassigned.insert(VD);
        WrittenThrough.insert(VD);
      }
    }
    return true;
  }
  bool VisitVarDecl(VarDecl *VD) {
    // `const float *row = x + i * n;`, `Iterator it = begin;`: the
    // elements of row are x's, also while it walks them (`++it`).
    auto Walks = [](QualType T) {
      return T->isPointerType() || T->isTemplateTypeParmType() ||
             isIteratorClass(T);
    };
    if (Walks(VD->getType()) && VD->hasLocalStorage() && VD->getInit())
      if (const auto *Target = dyn_cast_or_null<VarDecl>(rootDecl(VD->getInit()));
          Target && Target != VD &&
          (Walks(Target->getType()) || Target->getType()->isArrayType() ||
           Target->getType().getNonReferenceType()->isRecordType())) {
        Aliases[VD] = Target;
        if (!constantOffset(VD->getInit()))
          Rows.insert(VD);
      }
    // `float4 v = x4[i];`, `float4 v = __ldcs(&x4[i]);`: a vector copied
    // from an array of vectors holds elements of that array, as long as
    // nothing writes the copy.
    if (VD->getType()->isRecordType() && !cudaFloatClass(VD->getType()) &&
        VD->hasLocalStorage() && VD->getInit()) {
      const Expr *Init = strip(VD->getInit());
      bool Element = isa<ArraySubscriptExpr>(Init) || loadedPointer(Init);
      if (const auto *UO = dyn_cast<UnaryOperator>(Init))
        Element |= UO->getOpcode() == UO_Deref;
      if (const auto *Target = dyn_cast_or_null<VarDecl>(rootDecl(Init));
          Element && Target && Target != VD &&
          (Target->getType()->isPointerType() || Target->getType()->isArrayType())) {
        Aliases[VD] = Target;
        Copies.insert(VD);
      }
    }
    if (VD->getType()->isReferenceType() &&
        !VD->getType().getNonReferenceType().isConstQualified() &&
        VD->getInit())
      if (const VarDecl *Target = directVar(VD->getInit()))
        Escaped.insert(Target);
    return true;
  }
  // `it = other;` on an iterator class.
  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *OC) {
    if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2)
      if (const VarDecl *VD = directVar(OC->getArg(0)))
        Reassigned.insert(VD);
    return true;
  }
  bool VisitLambdaExpr(LambdaExpr *LE) {
    // A scalar captured by reference that the lambda only reads keeps its
    // value across the lambda; anything else the lambda may change where
    // this function's CFG does not see it.
    for (const LambdaCapture &C : LE->captures())
      if (C.capturesVariable() && C.getCaptureKind() == LCK_ByRef)
        if (const auto *VD = dyn_cast<VarDecl>(C.getCapturedVar()))
          if (!VD->getType().getNonReferenceType()->isScalarType() ||
              !onlyReads(LE->getBody(), VD))
            Escaped.insert(VD);
    return true;
  }
  bool VisitCXXForRangeStmt(CXXForRangeStmt *For) {
    if (const ValueDecl *Root = rootDecl(For->getRangeInit()))
      RangeSources[For->getLoopVariable()] = Root;
    return true;
  }
};
} // namespace

SlotTable::SlotTable(ASTContext &Ctx, const Stmt *Body) : Ctx(Ctx) {
  if (Body) {
    BodyScan Scan(Ctx, Escaped, RangeSources);
    Scan.TraverseStmt(const_cast<Stmt *>(Body));
    Scan.finish(Aliases);
    for (const VarDecl *Row : Scan.Rows)
      if (Aliases.count(Row)) {
        Rows.insert(Row);
        if (!Scan.WrittenThrough.count(Row))
          ReadRows.insert(Row);
      }
  }
}

bool SlotTable::isTracked(const VarDecl *VD) const {
  if (!VD || Escaped.count(VD))
    return false;
  QualType T = VD->getType();
  if (T->isReferenceType() && !T.getNonReferenceType().isConstQualified())
    return false;
  return VD->hasLocalStorage() || VD->hasAttr<CUDASharedAttr>() ||
         VD->isStaticLocal();
}

const ValueDecl *SlotTable::rangeSource(const VarDecl *LoopVar) const {
  auto It = RangeSources.find(LoopVar);
  return It == RangeSources.end() ? nullptr : It->second;
}

ArrayRef<SlotId> SlotTable::readersOf(const ValueDecl *D) const {
  auto It = Readers.find(D);
  return It == Readers.end() ? ArrayRef<SlotId>() : ArrayRef(It->second);
}

ArrayRef<SlotId> SlotTable::compoundsOf(SlotId S) const {
  auto It = Compounds.find(S);
  return It == Compounds.end() ? ArrayRef<SlotId>() : ArrayRef(It->second);
}

SlotId SlotTable::intern(const std::string &Key, SlotInfo Info) {
  auto It = Index.find(Key);
  if (It != Index.end())
    return It->second;
  SlotId Id = SlotId(Slots.size());
  Info.Key = Key;
  for (const ValueDecl *D : Info.Roots)
    Readers[D].push_back(Id);
  for (SlotId P : Info.Parts)
    Compounds[P].push_back(Id);
  Slots.push_back(std::move(Info));
  Index[Key] = Id;
  return Id;
}

static std::string pointerKey(const void *P) {
  std::string S;
  raw_string_ostream(S) << P;
  return S;
}

bool SlotTable::key(const Expr *E, std::string &Out,
                    SmallVectorImpl<const ValueDecl *> &Roots,
                    SmallVectorImpl<SlotId> &Parts, bool &Summary,
                    bool &Compound, unsigned Depth) {
  if (Depth > 8)
    return false;
  E = stripValueCasts(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    const auto *VD = dyn_cast<VarDecl>(DRE->getDecl());
    if (!VD)
      return false;
    auto Bound = Bindings.find(VD);
    if (Bound != Bindings.end()) {
      const SlotInfo &B = Slots[Bound->second];
      Out += B.Key;
      Roots.append(B.Roots.begin(), B.Roots.end());
      Summary = B.Summary;
      Parts.push_back(Bound->second);
      return true;
    }
    if (!isTracked(VD) || VD->getType()->isArrayType() ||
        VD->getType()->isPointerType())
      return false;
    Out += "v" + pointerKey(VD);
    Roots.push_back(VD);
    return true;
  }
  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(ME->getMemberDecl());
    if (!Field || Field->getType()->isArrayType())
      return false;
    const Expr *Base = ME->getBase()->IgnoreParenImpCasts();
    if (isa<CXXThisExpr>(Base)) {
      Out += "this." + pointerKey(Field);
      Roots.push_back(Field);
      return true;
    }
    const auto *BaseRef = dyn_cast<DeclRefExpr>(Base);
    const auto *BaseVar = BaseRef ? dyn_cast<VarDecl>(BaseRef->getDecl()) : nullptr;
    if (!BaseVar || Escaped.count(BaseVar) ||
        !(BaseVar->hasLocalStorage() || BaseVar->hasAttr<CUDASharedAttr>()))
      return false;
    Out += "v" + pointerKey(BaseVar) + "." + pointerKey(Field);
    Roots.push_back(BaseVar);
    return true;
  }
  // An element: the summary of the elements of its array.
  bool Element = isa<ArraySubscriptExpr>(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    Element |= UO->getOpcode() == UO_Deref;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    Element |= OC->getOperator() == OO_Subscript ||
               (OC->getOperator() == OO_Star && OC->getNumArgs() == 1);
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = MC->getMethodDecl(); M && M->getIdentifier())
      Element |= M->getName() == "back" || M->getName() == "front" ||
                 M->getName() == "at";
  Element |= loadedPointer(E) != nullptr; // __ldg(p): *p
  Element |= isElementCall(E);             // m(i, j)
  Element |= accessedArgument(E) != nullptr; // vec_at(v, k)
  if (Element) {
    const ValueDecl *Root = elementsOf(rootDecl(E));
    if (!Root || !(isa<VarDecl>(Root) || isa<FieldDecl>(Root)))
      return false;
    Out += "[" + pointerKey(Root) + "]";
    Roots.push_back(Root);
    const Expr *Index = nullptr;
    if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
      Index = AS->getIdx();
    else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
             OC && OC->getOperator() == OO_Subscript && OC->getNumArgs() == 2)
      Index = OC->getArg(1);
    std::string IK;
    SmallVector<const ValueDecl *, 2> IndexRoots;
    bool Indexed = Index && Index->getType()->isIntegralOrEnumerationType() &&
                   indexKey(Index, IK, IndexRoots, Depth + 1);
    if (isElementCall(E)) { // m(i, j): every index followed
      const auto *OC = cast<CXXOperatorCallExpr>(E->IgnoreParenImpCasts());
      Indexed = true;
      for (unsigned I = 1; I < OC->getNumArgs() && Indexed; ++I) {
        IK += I > 1 ? "," : "";
        Indexed = indexKey(OC->getArg(I), IK, IndexRoots, Depth + 1);
      }
    }
    if (Indexed) {
      Out += "@" + IK;
      Roots.append(IndexRoots.begin(), IndexRoots.end());
      if (Depth == 0)
        KeyedArray = Root;
      return true;
    }
    Summary = true;
    return true;
  }
  // A constant, inside a compound.
  if (Depth > 0 && !E->isValueDependent() && !E->isTypeDependent() &&
      E->getType()->isArithmeticType()) {
    Expr::EvalResult R;
    if (E->EvaluateAsRValue(R, Ctx) && !R.HasSideEffects) {
      std::string V;
      raw_string_ostream OS(V);
      if (R.Val.isFloat())
        OS << R.Val.getFloat().convertToDouble();
      else if (R.Val.isInt())
        OS << R.Val.getInt();
      else
        return false;
      Out += "#" + V;
      return true;
    }
  }
  // Products, quotients, and sums and differences of two slots.
  auto Sub = [&](const Expr *Part, std::string &Key, bool &IsConstant) {
    SmallVector<SlotId, 2> SubParts;
    bool SubSummary = false, SubCompound = false;
    if (!key(Part, Key, Roots, SubParts, SubSummary, SubCompound, Depth + 1))
      return false;
    IsConstant = !Key.empty() && Key[0] == '#';
    return true;
  };
  std::optional<Arithmetic> A = asArithmetic(E);
  if (const Expr *Negated = negatedOperand(E)) {
    std::string K;
    bool C = false;
    if (!Sub(Negated, K, C) || C)
      return false;
    Out += "(-" + K + ")";
    Compound = true;
    if (std::optional<SlotId> P = slotFor(Negated))
      Parts.push_back(*P);
    return true;
  }
  if (!A)
    return false;
  std::string KL, KR;
  bool CL = false, CR = false;
  if (!Sub(A->LHS, KL, CL) || !Sub(A->RHS, KR, CR) || (CL && CR))
    return false;
  if ((A->Op == BO_Add || A->Op == BO_Sub) && (CL || CR))
    return false; // a slot plus a constant is that slot, offset
  const char *Op = A->Op == BO_Add   ? "+"
                   : A->Op == BO_Sub ? "-"
                   : A->Op == BO_Mul ? "*"
                                     : "/";
  if ((A->Op == BO_Add || A->Op == BO_Mul) && KR < KL)
    std::swap(KL, KR);
  Out += "(" + KL + Op + KR + ")";
  Compound = true;
  for (const Expr *Part : {A->LHS, A->RHS})
    if (std::optional<SlotId> P = slotFor(Part))
      Parts.push_back(*P);
  return true;
}

bool SlotTable::indexKey(const Expr *Index, std::string &Out,
                         SmallVectorImpl<const ValueDecl *> &Roots,
                         unsigned Depth) {
  if (Depth > 8)
    return false;
  Index = Index->IgnoreParenImpCasts();
  Expr::EvalResult R;
  if (!Index->isValueDependent() && Index->EvaluateAsInt(R, Ctx)) {
    Out += "#" + llvm::toString(R.Val.getInt(), 10);
    return true;
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(Index);
      BO && (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Sub ||
             BO->getOpcode() == BO_Mul)) {
    std::string L, Rk;
    if (!indexKey(BO->getLHS(), L, Roots, Depth + 1) ||
        !indexKey(BO->getRHS(), Rk, Roots, Depth + 1))
      return false;
    Out += "(" + L + BO->getOpcodeStr().str() + Rk + ")";
    return true;
  }
  const auto *DRE = dyn_cast<DeclRefExpr>(Index);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !isTracked(VD) || !VD->getType()->isIntegralOrEnumerationType())
    return false;
  Out += "v" + pointerKey(VD);
  Roots.push_back(VD);
  return true;
}

std::optional<SlotId> SlotTable::slotFor(const Expr *E) {
  if (!typed(E))
    return std::nullopt;
  bool Cacheable = Bindings.empty();
  if (Cacheable) {
    auto It = Cache.find(E);
    if (It != Cache.end())
      return It->second;
  }
  std::string K;
  SlotInfo Info;
  bool Summary = false, Compound = false;
  std::optional<SlotId> Result;
  KeyedArray = nullptr;
  if (key(E, K, Info.Roots, Info.Parts, Summary, Compound, 0) && K[0] != '#') {
    Info.Summary = Summary && !Compound;
    Info.Compound = Compound;
    if (const ValueDecl *Array = KeyedArray; Array && !Compound) {
      Info.Array = Array;
      Info.ElementOf = summaryForDecl(Array);
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(strip(E)))
      Info.Shared = DRE->getDecl()->hasAttr<CUDASharedAttr>();
    Info.Type = E->getType();
    Result = intern(K, std::move(Info));
  }
  if (Cacheable)
    Cache[E] = Result;
  return Result;
}

std::optional<SlotId> SlotTable::summaryFor(const Expr *E) {
  return summaryForDecl(rootDecl(E));
}

const ValueDecl *SlotTable::followAliases(const ValueDecl *Root,
                                          bool ThroughRows) const {
  for (unsigned Step = 0; Step < 4; ++Step) {
    const auto *VD = dyn_cast_or_null<VarDecl>(Root);
    auto It = VD && (ThroughRows || !Rows.count(VD)) ? Aliases.find(VD)
                                                      : Aliases.end();
    if (It == Aliases.end())
      return Root;
    Root = It->second;
  }
  return Root;
}

std::optional<SlotId> SlotTable::summaryForDecl(const ValueDecl *Root) {
  Root = elementsOf(Root);
  if (!Root || !(isa<VarDecl>(Root) || isa<FieldDecl>(Root)))
    return std::nullopt;
  QualType T = Root->getType().getNonReferenceType();
  // A template's iterator parameter stands for a pointer or an iterator.
  if (!T->isArrayType() && !T->isPointerType() && !T->isRecordType() &&
      !T->isTemplateTypeParmType())
    return std::nullopt;
  SlotInfo Info;
  Info.Roots.push_back(Root);
  Info.Summary = true;
  Info.Type = T;
  return intern("[" + pointerKey(Root) + "]", std::move(Info));
}

std::optional<SlotId> SlotTable::import(const SlotInfo &Info) {
  if (Info.Compound)
    return std::nullopt;
  SlotInfo Copy = Info;
  Copy.Parts.clear();
  // The summary of an element is a slot of this table too.
  Copy.ElementOf.reset();
  if (Info.ElementOf && Info.Array)
    Copy.ElementOf = summaryForDecl(Info.Array);
  if (Info.ElementOf && !Copy.ElementOf)
    return std::nullopt;
  return intern(Info.Key, std::move(Copy));
}

std::optional<SlotId> SlotTable::slotForField(const VarDecl *VD,
                                              const FieldDecl *Field) {
  if (!VD || Escaped.count(VD) || !VD->hasLocalStorage() ||
      Field->getType()->isArrayType())
    return std::nullopt;
  SlotInfo Info;
  Info.Roots.push_back(VD);
  Info.Type = Field->getType();
  return intern("v" + pointerKey(VD) + "." + pointerKey(Field), std::move(Info));
}

std::optional<SlotId> SlotTable::slotForVar(const VarDecl *VD) {
  if (!isTracked(VD) || VD->getType()->isArrayType() ||
      VD->getType()->isPointerType())
    return std::nullopt;
  SlotInfo Info;
  Info.Roots.push_back(VD);
  Info.Type = VD->getType();
  Info.Shared = VD->hasAttr<CUDASharedAttr>();
  return intern("v" + pointerKey(VD), std::move(Info));
}

//===----------------------------------------------------------------------===//
// States
//===----------------------------------------------------------------------===//

bool readsDecl(const Expr *E, const ValueDecl *D) {
  if (!E)
    return false;
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl() == D;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (ME->getMemberDecl() == D)
      return true;
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      if (readsDecl(CE, D))
        return true;
  return false;
}

std::optional<double> State::diff(SlotId A, SlotId B) const {
  if (A == B)
    return 0.0;
  auto It = Diff.find({A, B});
  if (It == Diff.end())
    return std::nullopt;
  return It->second;
}

void State::addDiff(SlotId A, SlotId B, double C, const SlotTable &Slots) {
  if (A == B || std::isnan(C) || C == Inf || !Reachable)
    return;
  if (std::optional<double> Old = diff(A, B); Old && *Old <= C)
    return;
  // A contradiction: B - A <= D with C + D < 0.
  if (std::optional<double> Back = diff(B, A); Back && C + *Back < 0) {
    if (!Slots.info(A).vacuousWhenAbsent() &&
        !Slots.info(B).vacuousWhenAbsent()) {
      Reachable = false;
      return;
    }
    Diff.erase({B, A});
  }
  // Closure: X - A <= C1 and B - Y <= C2 give X - Y <= C1 + C + C2.
  SmallVector<std::pair<SlotId, double>, 8> Into{{A, 0.0}}, OutOf{{B, 0.0}};
  for (const auto &[Pair, Bound] : Diff) {
    if (Pair.second == A && Pair.first != B)
      Into.push_back({Pair.first, Bound});
    if (Pair.first == B && Pair.second != A)
      OutOf.push_back({Pair.second, Bound});
  }
  for (const auto &[X, C1] : Into)
    for (const auto &[Y, C2] : OutOf) {
      if (X == Y)
        continue;
      double Bound = C1 + C + C2;
      auto It = Diff.find({X, Y});
      if (It != Diff.end()) {
        It->second = std::min(It->second, Bound);
      } else if (Diff.size() < MaxRelations) {
        Diff[{X, Y}] = Bound;
      }
    }
}

void State::forget(SlotId S) {
  Facts.erase(S);
  SmallVector<std::pair<SlotId, SlotId>, 8> Gone;
  for (const auto &[Pair, Bound] : Diff)
    if (Pair.first == S || Pair.second == S)
      Gone.push_back(Pair);
  for (const auto &Pair : Gone)
    Diff.erase(Pair);
}

void State::retire(SlotId Element, const SlotTable &Slots) {
  std::optional<SlotId> Sum = Slots.info(Element).ElementOf;
  if (!Sum)
    return;
  SmallVector<std::pair<std::pair<SlotId, SlotId>, double>, 8> Moved;
  for (const auto &[Pair, C] : Diff) {
    if (Pair.first == Element && Pair.second != *Sum)
      Moved.push_back({{*Sum, Pair.second}, C});
    else if (Pair.second == Element && Pair.first != *Sum)
      Moved.push_back({{Pair.first, *Sum}, C});
  }
  // A relation the summary lacks is taken up: at the head of the loop the
  // join keeps it only where it held of the elements before the loop too.
  for (const auto &[Pair, C] : Moved) {
    auto It = Diff.find(Pair);
    if (It != Diff.end())
      It->second = std::max(It->second, C);
    else
      addDiff(Pair.first, Pair.second, C, Slots);
  }
}

void State::forgetReaders(const ValueDecl *D, const SlotTable &Slots,
                          bool KeepSummary) {
  SmallVector<SlotId, 8> Work;
  for (SlotId S : Slots.readersOf(D)) {
    const SlotInfo &Info = Slots.info(S);
    if (KeepSummary && Info.Summary)
      continue;
    if (Info.ElementOf && Info.Array != D) // its index changes
      retire(S, Slots);
    Work.push_back(S);
  }
  DenseSet<SlotId> Done;
  while (!Work.empty()) {
    SlotId S = Work.pop_back_val();
    if (!Done.insert(S).second)
      continue;
    forget(S);
    for (SlotId C : Slots.compoundsOf(S))
      Work.push_back(C);
  }
  // Compounds on a summary that is kept change with it.
  if (KeepSummary)
    for (SlotId S : Slots.readersOf(D))
      if (Slots.info(S).Summary)
        for (SlotId C : Slots.compoundsOf(S))
          forget(C);
  llvm::erase_if(Assumed, [&](const auto &A) { return readsDecl(A.first, D); });
  llvm::erase_if(Distinct, [&](const auto &P) {
    return readsDecl(P.first, D) || readsDecl(P.second, D);
  });
  llvm::erase_if(Held, [&](const auto &C) {
    return C.first == D || readsDecl(C.second, D);
  });
  llvm::erase(NonEmpty, D);
  llvm::erase_if(Gathers, [&](const auto &G) {
    return G.first == D || G.second == D;
  });
  llvm::erase(Null, D);
}

const ValueDecl *gatheredArray(const Expr *Value, const ASTContext &Ctx) {
  auto Constant = [&](const Expr *E) {
    Expr::EvalResult R;
    return !E->isValueDependent() && E->EvaluateAsRValue(R, Ctx) &&
           !R.HasSideEffects;
  };
  Value = strip(Value);
  if (const auto *CO = dyn_cast<ConditionalOperator>(Value)) {
    if (Constant(CO->getFalseExpr()))
      Value = strip(CO->getTrueExpr());
    else if (Constant(CO->getTrueExpr()))
      Value = strip(CO->getFalseExpr());
    else
      return nullptr;
  }
  const auto *AS = dyn_cast<ArraySubscriptExpr>(Value);
  if (!AS || Constant(AS->getIdx()))
    return nullptr;
  const auto *VD = dyn_cast_or_null<VarDecl>(rootDecl(AS->getBase()));
  return VD && VD->hasAttr<CUDASharedAttr>() ? VD : nullptr;
}

bool State::operator==(const State &O) const {
  if (Reachable != O.Reachable || Skipped != O.Skipped)
    return false;
  if (!Reachable)
    return true;
  if (Facts.size() != O.Facts.size() || Diff.size() != O.Diff.size() ||
      Assumed.size() != O.Assumed.size() || Distinct != O.Distinct ||
      Held != O.Held || NonEmpty != O.NonEmpty ||
      Gathers != O.Gathers || Null != O.Null)
    return false;
  for (const auto &[S, F] : Facts) {
    const SlotFact *Other = O.fact(S);
    if (!Other || !(*Other == F))
      return false;
  }
  for (const auto &[Pair, Bound] : Diff) {
    auto It = O.Diff.find(Pair);
    if (It == O.Diff.end() || It->second != Bound)
      return false;
  }
  for (size_t I = 0; I < Assumed.size(); ++I)
    if (Assumed[I].first != O.Assumed[I].first ||
        Assumed[I].second != O.Assumed[I].second)
      return false;
  return true;
}

static unsigned joinTraits(const SlotFact &A, const SlotFact &B) {
  unsigned Must = A.Traits & B.Traits & MustTraits;
  unsigned May = (A.Traits | B.Traits) & ~MustTraits;
  // An empty sum (0 on the path that skipped the loop) does not undo a sum
  // of shifted exps on the other.
  auto EmptySum = [](const SlotFact &F) {
    return F.Range.isPoint() && F.Range.Lo == 0;
  };
  if ((A.Traits & SumOfShiftedExps && EmptySum(B)) ||
      (B.Traits & SumOfShiftedExps && EmptySum(A)))
    Must |= SumOfShiftedExps;
  return Must | May;
}

static State merge(const State &A, const State &B, const SlotTable &Slots,
                   bool Widen) {
  if (!A.Reachable)
    return B;
  if (!B.Reachable)
    return A;
  State R;
  R.Skipped = A.Skipped && B.Skipped;
  const ASTContext &Ctx = Slots.context();
  for (const auto &[S, FA] : A.Facts) {
    const SlotFact *FB = B.fact(S);
    if (!FB) {
      if (Slots.info(S).vacuousWhenAbsent()) // no value yet on B's path
        R.Facts[S] = FA;
      continue;
    }
    SlotFact F;
    F.Range = Widen ? widen(FA.Range, FA.Range.join(FB->Range))
                    : FA.Range.join(FB->Range);
    F.Traits = joinTraits(FA, *FB);
    R.Facts[S] = F;
  }
  for (const auto &[S, FB] : B.Facts)
    if (!A.fact(S) && Slots.info(S).vacuousWhenAbsent())
      R.Facts[S] = FB;
  // A relation holds after the merge when it holds on both paths, or on
  // one path when the other has not touched a summary it is about yet.
  // An element of a pointer that is null on that path has no value there.
  auto OfNull = [&](const State &St, SlotId S) {
    const SlotInfo &I = Slots.info(S);
    const ValueDecl *Array = I.ElementOf ? I.Array
                             : I.Summary && !I.Roots.empty() ? I.Roots.front()
                                                             : nullptr;
    return Array && llvm::is_contained(St.Null, Array);
  };
  // A path that skipped the rest of a loop iteration (`if (i >= n)
  // continue;`) did not read this iteration's element: what the other
  // path knows of it is what the loop knows of the elements it reads (the
  // loop-correlation heuristic).
  auto Unread = [&](const State &St, SlotId S) {
    return St.Skipped && Slots.info(S).ElementOf && !St.fact(S);
  };
  auto Vacuous = [&](const State &St, std::pair<SlotId, SlotId> P) {
    return (Slots.info(P.first).vacuousWhenAbsent() && !St.fact(P.first)) ||
           (Slots.info(P.second).vacuousWhenAbsent() && !St.fact(P.second)) ||
           OfNull(St, P.first) || OfNull(St, P.second) ||
           Unread(St, P.first) || Unread(St, P.second);
  };
  // Where one path has no relation, the ranges on it may imply one: a
  // value that is -inf there is below anything.
  auto Implied = [&](const State &St, std::pair<SlotId, SlotId> P)
      -> std::optional<double> {
    auto Fact = [&](SlotId S) {
      const SlotFact *F = St.fact(S);
      return F ? F : St.fact(Slots.summaryOf(S));
    };
    const SlotFact *FA = Fact(P.first), *FB = Fact(P.second);
    if (FA && !FA->Range.isEmpty() && FA->Range.Hi == -Inf)
      return -Inf;
    if (FA && FB && !FA->Range.isEmpty() && !FB->Range.isEmpty() &&
        std::isfinite(FA->Range.Hi) && std::isfinite(FB->Range.Lo))
      return FA->Range.Hi - FB->Range.Lo;
    return std::nullopt;
  };
  for (const auto &[Pair, CA] : A.Diff) {
    auto It = B.Diff.find(Pair);
    if (It != B.Diff.end()) {
      if (Widen && It->second > CA)
        continue;
      R.Diff[Pair] = std::max(CA, It->second);
    } else if (Vacuous(B, Pair)) {
      R.Diff[Pair] = CA;
    } else if (std::optional<double> CB = Implied(B, Pair);
               CB && !(Widen && *CB > CA)) {
      R.Diff[Pair] = std::max(CA, *CB);
    }
  }
  for (const auto &[Pair, CB] : B.Diff)
    if (!A.Diff.count(Pair)) {
      if (Vacuous(A, Pair))
        R.Diff[Pair] = CB;
      else if (std::optional<double> CA = Implied(A, Pair))
        if (!(Widen && CB > *CA))
          R.Diff[Pair] = std::max(*CA, CB);
    }
  for (const auto &[E, IA] : A.Assumed)
    for (const auto &[F, IB] : B.Assumed)
      if (E == F || sameValue(E, F, Ctx)) {
        Interval J = Widen ? widen(IA, IA.join(IB)) : IA.join(IB);
        if (J != Interval::all())
          R.Assumed.push_back({E, J});
        break;
      }
  // What both paths know.
  auto Common = [](const auto &InA, const auto &InB, auto &Out) {
    for (const auto &X : InA)
      if (llvm::is_contained(InB, X))
        Out.push_back(X);
  };
  Common(A.Distinct, B.Distinct, R.Distinct);
  Common(A.Held, B.Held, R.Held);
  Common(A.NonEmpty, B.NonEmpty, R.NonEmpty);
  Common(A.Gathers, B.Gathers, R.Gathers);
  Common(A.Null, B.Null, R.Null);
  return R;
}

State State::join(const State &A, const State &B, const SlotTable &Slots) {
  return merge(A, B, Slots, /*Widen=*/false);
}

State State::widen(const State &Old, const State &New, const SlotTable &Slots) {
  if (!Old.Reachable)
    return New;
  return merge(Old, New, Slots, /*Widen=*/true);
}

} // namespace nanguard
