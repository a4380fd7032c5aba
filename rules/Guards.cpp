//===- Guards.cpp - What is known about a value at a use ------------------===//

#include "Guards.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/BitVector.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/FoldingSet.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <algorithm>
#include <cmath>
#include <functional>
#include <optional>

using namespace clang;
using namespace llvm;

namespace nanguard {

static constexpr double Inf = std::numeric_limits<double>::infinity();

//===----------------------------------------------------------------------===//
// Intervals
//===----------------------------------------------------------------------===//

Interval Interval::point(double V) {
  Interval I;
  I.Lo = I.Hi = V;
  I.NonZero = V != 0;
  return I;
}

Interval Interval::atLeast(double V, bool Open) {
  Interval I;
  I.Lo = V;
  I.LoOpen = Open;
  return I;
}

Interval Interval::atMost(double V, bool Open) {
  Interval I;
  I.Hi = V;
  I.HiOpen = Open;
  return I;
}

Interval Interval::meet(const Interval &O) const {
  Interval R = *this;
  if (O.Lo > R.Lo || (O.Lo == R.Lo && O.LoOpen)) {
    R.Lo = O.Lo;
    R.LoOpen = O.LoOpen;
  }
  if (O.Hi < R.Hi || (O.Hi == R.Hi && O.HiOpen)) {
    R.Hi = O.Hi;
    R.HiOpen = O.HiOpen;
  }
  R.NonZero = NonZero || O.NonZero;
  if (R.NonZero && R.Lo == 0)
    R.LoOpen = true; // [0, x] without 0
  if (R.NonZero && R.Hi == 0)
    R.HiOpen = true;
  return R;
}

Interval Interval::join(const Interval &O) const {
  Interval R = *this;
  if (O.Lo < R.Lo || (O.Lo == R.Lo && !O.LoOpen)) {
    R.Lo = O.Lo;
    R.LoOpen = O.LoOpen;
  }
  if (O.Hi > R.Hi || (O.Hi == R.Hi && !O.HiOpen)) {
    R.Hi = O.Hi;
    R.HiOpen = O.HiOpen;
  }
  R.NonZero = isNonZero() && O.isNonZero();
  return R;
}

bool Interval::operator==(const Interval &O) const {
  return Lo == O.Lo && Hi == O.Hi && LoOpen == O.LoOpen &&
         HiOpen == O.HiOpen && NonZero == O.NonZero;
}

static Interval negate(const Interval &A) {
  Interval R;
  R.Lo = -A.Hi;
  R.LoOpen = A.HiOpen;
  R.Hi = -A.Lo;
  R.HiOpen = A.LoOpen;
  R.NonZero = A.NonZero;
  return R;
}

static Interval add(const Interval &A, const Interval &B) {
  Interval R;
  R.Lo = A.Lo + B.Lo;
  R.LoOpen = A.LoOpen || B.LoOpen;
  R.Hi = A.Hi + B.Hi;
  R.HiOpen = A.HiOpen || B.HiOpen;
  if (std::isnan(R.Lo))
    R.Lo = -Inf;
  if (std::isnan(R.Hi))
    R.Hi = Inf;
  return R;
}

static double mulBound(double A, double B) {
  if (A == 0 || B == 0)
    return 0;
  return A * B;
}

static Interval multiply(const Interval &A, const Interval &B) {
  double C[] = {mulBound(A.Lo, B.Lo), mulBound(A.Lo, B.Hi),
                mulBound(A.Hi, B.Lo), mulBound(A.Hi, B.Hi)};
  Interval R;
  R.Lo = *std::min_element(std::begin(C), std::end(C));
  R.Hi = *std::max_element(std::begin(C), std::end(C));
  bool SameSign = (A.isPositive() && B.isPositive()) ||
                  (A.isNegative() && B.isNegative());
  bool OppositeSign = (A.isPositive() && B.isNegative()) ||
                      (A.isNegative() && B.isPositive());
  if (SameSign && R.Lo == 0)
    R.LoOpen = true;
  if (OppositeSign && R.Hi == 0)
    R.HiOpen = true;
  R.NonZero = A.isNonZero() && B.isNonZero();
  return R;
}

static Interval reciprocal(const Interval &A) {
  if (A.isPositive()) {
    Interval R = Interval::atLeast(0, /*Open=*/true);
    if (A.Lo > 0)
      R.Hi = 1 / A.Lo;
    return R;
  }
  if (A.isNegative()) {
    Interval R = Interval::atMost(0, /*Open=*/true);
    if (A.Hi < 0)
      R.Lo = 1 / A.Hi;
    return R;
  }
  if (A.isNonNegative())
    return Interval::atLeast(0); // 1/+0 is +inf: still not negative.
  if (A.isNonPositive())
    return Interval::atMost(0);
  return Interval::all();
}

/// A range converted to a floating format: positive values below half its
/// smallest subnormal round to 0 (1e-8 in _Float16).
static Interval roundedTo(Interval R, const llvm::fltSemantics &Sem) {
  double Tiny = llvm::APFloat::getSmallest(Sem).convertToDouble() / 2;
  if (R.Lo >= 0 && R.Lo <= Tiny) {
    R.Lo = 0;
    R.LoOpen = false;
    R.NonZero = false;
  }
  if (R.Hi <= 0 && R.Hi >= -Tiny) {
    R.Hi = 0;
    R.HiOpen = false;
    R.NonZero = false;
  }
  return R;
}

static Interval widen(const Interval &Old, const Interval &New) {
  Interval R = Old.join(New);
  if (New.Lo < Old.Lo)
    R.Lo = -Inf;
  if (New.Hi > Old.Hi)
    R.Hi = Inf;
  return R;
}

//===----------------------------------------------------------------------===//
// Settings
//===----------------------------------------------------------------------===//

static thread_local AnalysisSettings Settings;

const AnalysisSettings &analysisSettings() { return Settings; }

void setAnalysisSettings(StringRef Wrappers, StringRef GuardFunctions,
                         bool NameHints) {
  Settings = AnalysisSettings();
  Settings.NameHints = NameHints;
  SmallVector<StringRef, 8> Items;
  Wrappers.split(Items, ';', -1, /*KeepEmpty=*/false);
  for (StringRef Item : Items) {
    auto [Wrapper, Wrapped] = Item.split('=');
    if (!Wrapper.trim().empty() && !Wrapped.trim().empty())
      Settings.Wrappers[Wrapper.trim()] = Wrapped.trim().str();
  }
  Items.clear();
  GuardFunctions.split(Items, ';', -1, /*KeepEmpty=*/false);
  for (StringRef Item : Items)
    if (!Item.trim().empty())
      Settings.GuardFunctions[Item.trim()] = true;
}

/// A function named in a setting, by its name or qualified name.
static bool named(const FunctionDecl *FD, const StringMap<bool> &Names) {
  if (!FD || Names.empty() || !FD->getIdentifier())
    return false;
  return Names.count(FD->getName()) ||
         Names.count(FD->getQualifiedNameAsString());
}

//===----------------------------------------------------------------------===//
// AST helpers
//===----------------------------------------------------------------------===//

static const Expr *strip(const Expr *E) {
  while (true) {
    const Expr *Next = E->IgnoreParenImpCasts()->IgnoreImplicit();
    if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(Next))
      Next = MTE->getSubExpr();
    // A copy of a value class (CUDA's __half): the value copied.
    if (const auto *CE = dyn_cast<CXXConstructExpr>(Next))
      if (CE->getNumArgs() == 1 && CE->getConstructor() &&
          CE->getConstructor()->isCopyOrMoveConstructor())
        Next = CE->getArg(0);
    if (Next == E)
      return E;
    E = Next;
  }
}

const MathFunctionInfo *getMathCall(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier())
    return nullptr;
  if (!Settings.Wrappers.empty()) {
    auto It = Settings.Wrappers.find(FD->getName());
    if (It == Settings.Wrappers.end())
      It = Settings.Wrappers.find(FD->getQualifiedNameAsString());
    if (It != Settings.Wrappers.end())
      return lookupMathFunction(It->second);
  }
  if (FD->getBuiltinID() == 0) {
    const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
    if (!DC->isTranslationUnit() && !FD->isInStdNamespace())
      return nullptr;
  }
  return lookupMathFunction(FD->getName());
}

static unsigned arity(MathKind K) {
  switch (K) {
  case MathKind::Pow:
  case MathKind::Add:
  case MathKind::Sub:
  case MathKind::Mul:
  case MathKind::Div:
    return 2;
  default:
    return 1;
  }
}

const CallExpr *asMathCall(const Expr *E, std::initializer_list<MathKind> Kinds) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const MathFunctionInfo *F = Call ? getMathCall(Call) : nullptr;
  if (!F || !llvm::is_contained(Kinds, F->Kind) ||
      Call->getNumArgs() != arity(F->Kind))
    return nullptr;
  return Call;
}

/// CUDA's half and bfloat16 classes (and their two-lane forms): the
/// format of one lane, or null for any other type.
static const llvm::fltSemantics *cudaFloatClass(QualType T) {
  const auto *RD =
      T.getNonReferenceType().getCanonicalType()->getAsRecordDecl();
  if (!RD || !RD->getIdentifier())
    return nullptr;
  StringRef Name = RD->getName();
  if (Name == "__half" || Name == "__half2" || Name == "half")
    return &llvm::APFloat::IEEEhalf();
  if (Name == "__nv_bfloat16" || Name == "__nv_bfloat162")
    return &llvm::APFloat::BFloat();
  return nullptr;
}

const llvm::fltSemantics *floatSemantics(QualType T, const ASTContext &Ctx) {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isRealFloatingType())
    return &Ctx.getFloatTypeSemantics(T);
  return cudaFloatClass(T);
}

std::optional<Arithmetic> asArithmetic(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = BO->getOpcode();
    if (Op == BO_Add || Op == BO_Sub || Op == BO_Mul ||
        (Op == BO_Div && BO->getType()->isRealFloatingType()))
      return Arithmetic{Op, BO->getLHS(), BO->getRHS()};
    return std::nullopt;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getNumArgs() != 2 || !cudaFloatClass(OC->getType()))
      return std::nullopt;
    switch (OC->getOperator()) {
    case OO_Plus:
      return Arithmetic{BO_Add, OC->getArg(0), OC->getArg(1)};
    case OO_Minus:
      return Arithmetic{BO_Sub, OC->getArg(0), OC->getArg(1)};
    case OO_Star:
      return Arithmetic{BO_Mul, OC->getArg(0), OC->getArg(1)};
    case OO_Slash:
      return Arithmetic{BO_Div, OC->getArg(0), OC->getArg(1)};
    default:
      return std::nullopt;
    }
  }
  if (const CallExpr *Call = asMathCall(
          E, {MathKind::Add, MathKind::Sub, MathKind::Mul, MathKind::Div})) {
    BinaryOperatorKind Op;
    switch (getMathCall(Call)->Kind) {
    case MathKind::Add:
      Op = BO_Add;
      break;
    case MathKind::Sub:
      Op = BO_Sub;
      break;
    case MathKind::Mul:
      Op = BO_Mul;
      break;
    default:
      Op = BO_Div;
      break;
    }
    return Arithmetic{Op, Call->getArg(0), Call->getArg(1)};
  }
  return std::nullopt;
}

const Expr *stripConversions(const Expr *E) {
  while (true) {
    E = strip(E);
    const CallExpr *Convert = asMathCall(E, {MathKind::Convert});
    if (!Convert)
      return E;
    E = Convert->getArg(0);
  }
}

/// The value a warp shuffle moves (`__shfl_xor_sync(mask, m, o)` moves m),
/// or null when \p E is not a shuffle.
static const Expr *shuffledOperand(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(strip(E));
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || !FD->getName().starts_with("__shfl") ||
      Call->getNumArgs() < 2)
    return nullptr;
  return Call->getArg(1);
}

/// `Reduce(v, op)` of cub's block and warp reductions with a maximum (or
/// minimum) operator: cub::Max, cuda::maximum, or an operator named so.
static bool isReduceWith(const CallExpr *Call, bool Min) {
  // The method's name, also in a template where the reduction's type
  // depends on a parameter (cub::BlockReduce<float, THREADS>).
  StringRef Method;
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Call)) {
    if (const CXXMethodDecl *M = MC->getMethodDecl(); M && M->getIdentifier())
      Method = M->getName();
  } else if (const auto *DM = dyn_cast<CXXDependentScopeMemberExpr>(Callee)) {
    if (DM->getMember().isIdentifier())
      Method = DM->getMember().getAsIdentifierInfo()->getName();
  } else if (const auto *UM = dyn_cast<UnresolvedMemberExpr>(Callee)) {
    if (UM->getMemberName().isIdentifier())
      Method = UM->getMemberName().getAsIdentifierInfo()->getName();
  }
  if (Method != "Reduce" || Call->getNumArgs() < 2)
    return false;
  QualType Op = strip(Call->getArg(1))->getType();
  const auto *RD = Op->getAsRecordDecl();
  if (!RD || !RD->getIdentifier())
    return false;
  std::string Name = RD->getName().lower();
  return Min ? (Name == "min" || Name == "minimum")
             : (Name == "max" || Name == "maximum");
}

FPPrecision precisionOf(QualType T) {
  T = T.getNonReferenceType().getCanonicalType();
  // CUDA's half and bfloat16 are classes; bfloat16 has float's exponent
  // range (exp overflows at 88.72).
  if (const llvm::fltSemantics *Sem = cudaFloatClass(T))
    return Sem == &llvm::APFloat::IEEEhalf() ? FPPrecision::Half
                                              : FPPrecision::Float;
  if (const auto *BT = T->getAs<BuiltinType>()) {
    switch (BT->getKind()) {
    case BuiltinType::Half:
    case BuiltinType::Float16:
      return FPPrecision::Half;
    case BuiltinType::BFloat16:
      return FPPrecision::Float; // float's exponent range: exp overflows at 88.72
    case BuiltinType::Float:
      return FPPrecision::Float;
    case BuiltinType::Double:
      return FPPrecision::Double;
    case BuiltinType::LongDouble:
      return FPPrecision::LongDouble;
    default:
      break;
    }
  }
  return FPPrecision::Generic;
}

const ValueDecl *rootDecl(const Expr *E) {
  E = strip(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    return rootDecl(ASE->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref)
      return rootDecl(UO->getSubExpr());
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAdditiveOp() && BO->getType()->isPointerType())
      return rootDecl(BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                               : BO->getRHS());
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if (OC->getOperator() == OO_Subscript || OC->getOperator() == OO_Star)
      return rootDecl(OC->getArg(0));
  // An element of a container: v.back(), v.front(), v.at(i).
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = MC->getMethodDecl();
        M && M->getIdentifier() &&
        (M->getName() == "back" || M->getName() == "front" ||
         M->getName() == "at"))
      return rootDecl(MC->getImplicitObjectArgument());
  return nullptr;
}

/// The declarations an expression reads: every root of its leaves.
static void collectRoots(const Expr *E, SmallPtrSetImpl<const ValueDecl *> &Out) {
  if (!E)
    return;
  if (const ValueDecl *D = rootDecl(E)) {
    Out.insert(D);
    return;
  }
  for (const Stmt *Child : E->children())
    if (const auto *CE = dyn_cast_or_null<Expr>(Child))
      collectRoots(CE, Out);
}

bool sameValue(const Expr *A, const Expr *B, const ASTContext &Ctx) {
  A = strip(A);
  B = strip(B);
  if (A == B)
    return true;
  const auto *DA = dyn_cast<DeclRefExpr>(A);
  const auto *DB = dyn_cast<DeclRefExpr>(B);
  if (DA || DB)
    return DA && DB && DA->getDecl() == DB->getDecl();
  if (A->getStmtClass() != B->getStmtClass())
    return false;
  llvm::FoldingSetNodeID IA, IB;
  A->Profile(IA, Ctx, /*Canonical=*/true);
  B->Profile(IB, Ctx, /*Canonical=*/true);
  return IA == IB;
}

const Stmt *enclosingBody(const Stmt *S, ASTContext &Ctx, const Decl **Owner) {
  DynTypedNode Node = DynTypedNode::create(*S);
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *LE = Node.get<LambdaExpr>()) {
      if (Owner)
        *Owner = LE->getCallOperator();
      return LE->getBody();
    }
    if (const auto *FD = Node.get<FunctionDecl>()) {
      if (Owner)
        *Owner = FD;
      return FD->getBody();
    }
    if (const auto *BD = Node.get<BlockDecl>()) {
      if (Owner)
        *Owner = BD;
      return BD->getBody();
    }
  }
}

bool isInTemplateInstantiation(const Stmt *S, ASTContext &Ctx) {
  const Decl *Owner = nullptr;
  if (!enclosingBody(S, Ctx, &Owner) || !Owner)
    return false;
  for (const DeclContext *DC = Owner->getDeclContext(); DC; DC = DC->getParent())
    if (isa<ClassTemplateSpecializationDecl>(DC))
      return true;
  const auto *FD = dyn_cast<FunctionDecl>(Owner);
  for (; FD; FD = dyn_cast_or_null<FunctionDecl>(
                 FD->getDeclContext()->getNonClosureAncestor())) {
    if (FD->isTemplateInstantiation() || FD->getTemplateInstantiationPattern())
      return true;
    if (!FD->getDeclContext()->isFunctionOrMethod())
      break;
  }
  return false;
}

bool nameSaysEpsilon(StringRef Name) {
  if (!Settings.NameHints)
    return false;
  std::string Lower = Name.lower();
  StringRef L(Lower);
  L = L.trim('_');
  if (L.starts_with("k") && Name.size() > 1 && isupper(Name[1]))
    L = L.drop_front(); // kEps
  return L == "eps" || L.starts_with("eps_") || L.ends_with("_eps") ||
         L.contains("epsilon") || (L.ends_with("eps") && L.size() <= 6);
}

/// Splits an identifier into lower-case words: layerNorm_eps -> layer norm eps.
static SmallVector<std::string, 4> identifierWords(StringRef Name) {
  SmallVector<std::string, 4> Words;
  std::string Cur;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary = C == '_' ||
                    (isupper(C) && I > 0 && islower(Name[I - 1]));
    if (Boundary && !Cur.empty()) {
      Words.push_back(Cur);
      Cur.clear();
    }
    if (C != '_')
      Cur.push_back(char(tolower(C)));
  }
  if (!Cur.empty())
    Words.push_back(Cur);
  return Words;
}

bool nameSaysSpread(StringRef Name) {
  if (!Settings.NameHints)
    return false;
  for (const std::string &W : identifierWords(Name))
    if (W == "std" || W == "stddev" || W == "stdev" || W == "sd" ||
        W == "sigma" || W == "var" || W == "variance" || W == "norm" ||
        W == "l2" || W == "rms" || W == "l2norm")
      return true;
  return false;
}

/// An integer named as a count of steps (`step`, `epoch`, `iter`,
/// `global_step`): >= 0.
static bool nameSaysCounter(StringRef Name) {
  if (!Settings.NameHints)
    return false;
  for (const std::string &W : identifierWords(Name))
    if (W == "step" || W == "steps" || W == "epoch" || W == "epochs" ||
        W == "iter" || W == "iters" || W == "iteration" || W == "iterations")
      return true;
  return false;
}

static bool nameSaysMax(StringRef Name) {
  if (!Settings.NameHints)
    return false;
  return Name.lower().find("max") != std::string::npos;
}

/// `min_element`, `row_min`, `emin`: a word of the name is min or minimum.
static bool nameSaysMin(StringRef Name) {
  if (!Settings.NameHints)
    return false;
  for (const std::string &W : identifierWords(Name))
    if (W == "min" || W == "minimum" || W == "argmin" ||
        (W.size() <= 5 && StringRef(W).ends_with("min")))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Definitions of a variable
//===----------------------------------------------------------------------===//

namespace {
class DefinitionCollector {
public:
  DefinitionCollector(const VarDecl *VD, VariableDefinitions &Out)
      : VD(VD), Out(Out) {}

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp() && refersTo(BO->getLHS()))
        Out.Updates.push_back({BO->getOpcode(), BO->getRHS(), BO});
    } else if (const auto *UO = dyn_cast<UnaryOperator>(S)) {
      if (refersTo(UO->getSubExpr())) {
        if (UO->isIncrementOp())
          Out.Updates.push_back({BO_AddAssign, nullptr, UO});
        else if (UO->isDecrementOp())
          Out.Updates.push_back({BO_SubAssign, nullptr, UO});
        else if (UO->getOpcode() == UO_AddrOf)
          Out.Escapes = true;
      }
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      // Passing the variable to a non-const reference parameter.
      if (const FunctionDecl *FD = Call->getDirectCallee()) {
        unsigned Offset = isa<CXXOperatorCallExpr>(Call) &&
                                  isa<CXXMethodDecl>(FD)
                              ? 1
                              : 0;
        for (unsigned I = Offset; I < Call->getNumArgs(); ++I) {
          unsigned P = I - Offset;
          if (P >= FD->getNumParams() || !refersTo(Call->getArg(I)))
            continue;
          QualType PT = FD->getParamDecl(P)->getType();
          if (PT->isReferenceType() &&
              !PT.getNonReferenceType().isConstQualified())
            Out.Escapes = true;
        }
      }
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *Ref = dyn_cast<VarDecl>(D))
          if (Ref->getType()->isReferenceType() &&
              !Ref->getType().getNonReferenceType().isConstQualified() &&
              Ref->getInit() && refersTo(Ref->getInit()))
            Out.Escapes = true;
    } else if (const auto *LE = dyn_cast<LambdaExpr>(S)) {
      for (const LambdaCapture &C : LE->captures())
        if (C.capturesVariable() && C.getCapturedVar() == VD &&
            C.getCaptureKind() == LCK_ByRef)
          Out.Escapes = true;
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }

private:
  bool refersTo(const Expr *E) const {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    return DRE && DRE->getDecl() == VD;
  }
  const VarDecl *VD;
  VariableDefinitions &Out;
};
} // namespace

VariableDefinitions findDefinitions(const VarDecl *VD, const Stmt *Body) {
  VariableDefinitions Defs;
  Defs.Init = VD->getInit();
  DefinitionCollector(VD, Defs).visit(Body);
  return Defs;
}

//===----------------------------------------------------------------------===//
// ValueFacts
//===----------------------------------------------------------------------===//

//===----------------------------------------------------------------------===//
// Reaching definitions over Clang's CFG
//===----------------------------------------------------------------------===//

/// Where each statement of a body is evaluated (block and element index, in
/// a CFG where every expression is an element), and which definitions of a
/// variable reach a use.
class ValueFacts::Flow {
public:
  Flow(const Decl *Owner, const Stmt *Body, ASTContext &Ctx) {
    CFG::BuildOptions Options;
    Options.setAllAlwaysAdd();
    Cfg = CFG::buildCFG(Owner, const_cast<Stmt *>(Body), &Ctx, Options);
    if (!Cfg)
      return;
    for (const CFGBlock *B : *Cfg) {
      unsigned Index = 0;
      for (const CFGElement &E : *B) {
        if (auto S = E.getAs<CFGStmt>()) {
          Positions[S->getStmt()] = {B, Index};
          if (const auto *DS = dyn_cast<DeclStmt>(S->getStmt()))
            for (const Decl *D : DS->decls())
              DeclPositions[D] = {B, Index};
        }
        ++Index;
      }
    }
  }

  /// The definitions (0: the initialiser or the parameter's incoming value,
  /// K + 1: Defs.Updates[K]) that reach \p Use; none when the CFG cannot
  /// place the use or a definition.
  std::optional<SmallVector<unsigned, 4>>
  reaching(const VarDecl *VD, const VariableDefinitions &Defs,
           const DeclRefExpr *Use) const {
    if (!Cfg)
      return std::nullopt;
    auto UsePos = Positions.find(Use);
    if (UsePos == Positions.end())
      return std::nullopt;

    struct Site {
      const CFGBlock *Block;
      int Index;
      unsigned Id;
    };
    SmallVector<Site, 8> Sites;
    if (isa<ParmVarDecl>(VD)) {
      Sites.push_back({&Cfg->getEntry(), -1, 0});
    } else if (Defs.Init) {
      auto P = DeclPositions.find(VD);
      if (P == DeclPositions.end())
        return std::nullopt;
      Sites.push_back({P->second.first, int(P->second.second), 0});
    }
    for (unsigned K = 0; K < Defs.Updates.size(); ++K) {
      auto P = Positions.find(Defs.Updates[K].Where);
      if (P == Positions.end())
        return std::nullopt;
      Sites.push_back({P->second.first, int(P->second.second), K + 1});
    }

    unsigned NumIds = Defs.Updates.size() + 1;
    unsigned NumBlocks = Cfg->getNumBlockIDs();
    // The last definition in each block, if any.
    std::vector<int> Last(NumBlocks, -1), LastIndex(NumBlocks, -2);
    for (const Site &S : Sites) {
      unsigned B = S.Block->getBlockID();
      if (S.Index > LastIndex[B]) {
        LastIndex[B] = S.Index;
        Last[B] = int(S.Id);
      }
    }
    std::vector<BitVector> In(NumBlocks, BitVector(NumIds)),
        Out(NumBlocks, BitVector(NumIds));
    bool Changed = true;
    for (unsigned Round = 0; Changed && Round < 64; ++Round) {
      Changed = false;
      for (const CFGBlock *B : *Cfg) {
        unsigned ID = B->getBlockID();
        BitVector NewIn(NumIds);
        for (const CFGBlock::AdjacentBlock &Pred : B->preds())
          if (const CFGBlock *P = Pred.getReachableBlock())
            NewIn |= Out[P->getBlockID()];
        BitVector NewOut(NumIds);
        if (Last[ID] >= 0)
          NewOut.set(Last[ID]);
        else
          NewOut = NewIn;
        if (NewIn != In[ID] || NewOut != Out[ID]) {
          In[ID] = NewIn;
          Out[ID] = NewOut;
          Changed = true;
        }
      }
    }

    const CFGBlock *UseBlock = UsePos->second.first;
    int UseIndex = int(UsePos->second.second);
    int Best = -2, BestId = -1;
    for (const Site &S : Sites)
      if (S.Block == UseBlock && S.Index < UseIndex && S.Index > Best) {
        Best = S.Index;
        BestId = int(S.Id);
      }
    SmallVector<unsigned, 4> Result;
    if (BestId >= 0)
      Result.push_back(unsigned(BestId));
    else
      for (unsigned Id : In[UseBlock->getBlockID()].set_bits())
        Result.push_back(Id);
    return Result;
  }

private:
  std::unique_ptr<CFG> Cfg;
  DenseMap<const Stmt *, std::pair<const CFGBlock *, unsigned>> Positions;
  DenseMap<const Decl *, std::pair<const CFGBlock *, unsigned>> DeclPositions;
};

ValueFacts::ValueFacts(ASTContext &Ctx, const Stmt *UsePoint) : Ctx(Ctx) {
  Body = enclosingBody(UsePoint, Ctx, &Owner);
  // The user's own vetted implementation (stable_softmax): trusted.
  for (const Decl *D = Owner; D;) {
    if (named(dyn_cast<FunctionDecl>(D), Settings.GuardFunctions))
      InsideGuardFunction = true;
    const DeclContext *DC = D->getDeclContext();
    D = DC ? dyn_cast<Decl>(DC) : nullptr;
    if (D && !isa<FunctionDecl>(D))
      break;
  }
  collectDominatingConditions(UsePoint);
}

ValueFacts::~ValueFacts() = default;

ValueFacts::Flow &ValueFacts::flow() {
  if (!FunctionFlow)
    FunctionFlow = std::make_unique<Flow>(Owner, Body, Ctx);
  return *FunctionFlow;
}

const VariableDefinitions &ValueFacts::definitions(const VarDecl *VD) {
  auto It = DefinitionCache.find(VD);
  if (It == DefinitionCache.end())
    It = DefinitionCache.insert({VD, findDefinitions(VD, Body)}).first;
  return It->second;
}

Interval ValueFacts::typeRange(QualType T) const {
  T = T.getNonReferenceType().getCanonicalType();
  if (T->isBooleanType())
    return Interval{0, 1, false, false, false};
  if (T->isUnsignedIntegerType())
    return Interval::atLeast(0);
  return Interval::all();
}

Interval ValueFacts::range(const Expr *E) {
  return InsideGuardFunction ? Interval::trusted() : evaluate(E);
}

Interval ValueFacts::evaluate(const Expr *E) {
  if (!E)
    return Interval::all();
  E = strip(E);
  if (Depth > 48)
    return typeRange(E->getType());
  ++Depth;
  Interval R;
  Expr::EvalResult Folded;
  if (!E->isValueDependent() && !E->isTypeDependent() &&
      (E->getType()->isRealFloatingType() || E->getType()->isIntegerType()) &&
      E->EvaluateAsRValue(Folded, Ctx) && !Folded.HasSideEffects) {
    if (Folded.Val.isFloat())
      R = Interval::point(Folded.Val.getFloat().convertToDouble());
    else if (Folded.Val.isInt())
      R = Interval::point(Folded.Val.getInt().isSigned()
                              ? double(Folded.Val.getInt().getSExtValue())
                              : double(Folded.Val.getInt().getZExtValue()));
    else
      R = evaluateUncached(E);
  } else {
    R = evaluateUncached(E);
  }
  for (const Assumption &A : Assumptions)
    if (sameValue(A.Subject, E, Ctx))
      R = R.meet(A.Range);
  --Depth;
  return R;
}

Interval ValueFacts::evaluateUncached(const Expr *E) {
  if (const auto *CE = dyn_cast<CastExpr>(E)) {
    Interval Sub = evaluate(CE->getSubExpr());
    if (CE->getCastKind() == CK_FloatingCast && CE->getType()->isRealFloatingType())
      Sub = roundedTo(Sub, Ctx.getFloatTypeSemantics(CE->getType()));
    if (CE->getCastKind() == CK_FloatingToIntegral) {
      // Truncation toward zero: (0, 1) becomes 0.
      Sub.Lo = Sub.Lo > 0 ? std::floor(Sub.Lo) : std::ceil(Sub.Lo);
      Sub.Hi = Sub.Hi > 0 ? std::floor(Sub.Hi) : std::ceil(Sub.Hi);
      Sub.LoOpen = Sub.HiOpen = false;
      Sub.NonZero = false;
    }
    return Sub.meet(typeRange(CE->getType()));
  }

  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    switch (UO->getOpcode()) {
    case UO_Minus:
      return negate(evaluate(UO->getSubExpr()));
    case UO_Plus:
      return evaluate(UO->getSubExpr());
    case UO_LNot:
      return Interval{0, 1, false, false, false};
    default:
      return typeRange(E->getType());
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
    // Each branch under its condition; the facts are dropped after.
    size_t Saved = Assumptions.size(), SavedDistinct = Distinct.size();
    auto SavedNonEmpty = NonEmpty;
    auto Restore = [&] {
      Assumptions.resize(Saved);
      Distinct.resize(SavedDistinct);
      NonEmpty = SavedNonEmpty;
    };
    assume(CO->getCond(), true);
    Interval T = evaluate(CO->getTrueExpr());
    Restore();
    assume(CO->getCond(), false);
    Interval F = evaluate(CO->getFalseExpr());
    Restore();
    return T.join(F);
  }

  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (M && M->getIdentifier() &&
        (M->getName() == "size" || M->getName() == "length") &&
        NonEmpty.count(rootDecl(MC->getImplicitObjectArgument())))
      return Interval::atLeast(1);
  }
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return evaluateCall(Call);

  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *VD = dyn_cast<VarDecl>(DRE->getDecl()))
      return evaluateVariable(VD, DRE);
    if (const auto *ECD = dyn_cast<EnumConstantDecl>(DRE->getDecl()))
      return Interval::point(double(ECD->getInitVal().getSExtValue()));
    return typeRange(E->getType());
  }

  if (const auto *ME = dyn_cast<MemberExpr>(E)) {
    if (nameSaysEpsilon(ME->getMemberDecl()->getName()))
      return Interval::atLeast(0, /*Open=*/true);
    if (nameSaysSpread(ME->getMemberDecl()->getName()))
      return Interval::atLeast(0);
    return typeRange(E->getType());
  }

  return typeRange(E->getType());
}

Interval ValueFacts::evaluateArithmetic(const Arithmetic &A, const Expr *E) {
  switch (A.Op) {
  case BO_Add:
    return add(evaluate(A.LHS), evaluate(A.RHS));
  case BO_Sub: {
    Interval R = add(evaluate(A.LHS), negate(evaluate(A.RHS)));
    for (const auto &[X, Y] : Distinct)
      if ((sameValue(X, A.LHS, Ctx) && sameValue(Y, A.RHS, Ctx)) ||
          (sameValue(Y, A.LHS, Ctx) && sameValue(X, A.RHS, Ctx)))
        R.NonZero = true;
    if (isMaxOf(A.RHS, A.LHS))
      R = R.meet(Interval::atMost(0));
    else if (isExtremeOf(A.RHS, A.LHS, /*Min=*/true, 0))
      R = R.meet(Interval::atLeast(0)); // e - emin
    return R;
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
    if (const auto *UO = dyn_cast<UnaryOperator>(F))
      if (UO->getOpcode() == UO_Minus) {
        Negative = !Negative;
        Flatten(UO->getSubExpr(), InDen);
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
  return R;
}

/// The expression a lambda returns, when its body is one return statement.
static const Expr *lambdaResult(const Expr *E) {
  const auto *Lambda = dyn_cast<LambdaExpr>(E->IgnoreParenImpCasts()->IgnoreImplicit());
  if (const auto *MTE = dyn_cast<MaterializeTemporaryExpr>(E->IgnoreParenImpCasts()))
    Lambda = dyn_cast<LambdaExpr>(MTE->getSubExpr()->IgnoreImplicit());
  if (!Lambda)
    return nullptr;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Lambda->getBody());
  if (!Body || Body->size() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  return Ret ? Ret->getRetValue() : nullptr;
}

/// `std::accumulate(b, e, 0.0, [m](T acc, T x) { return acc + exp(x - m); })`
/// with m the maximum: a sum of max-shifted exps, >= 1.
bool ValueFacts::isAccumulatedMaxShiftedExps(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || !FD->isInStdNamespace() ||
      (FD->getName() != "accumulate" && FD->getName() != "reduce") ||
      Call->getNumArgs() != 4 || !evaluate(Call->getArg(2)).isNonNegative())
    return false;
  const Expr *Result = lambdaResult(Call->getArg(3));
  std::optional<Arithmetic> Add = Result ? asArithmetic(Result) : std::nullopt;
  if (!Add || Add->Op != BO_Add)
    return false;
  return isMaxShiftedExp(Add->RHS) || isMaxShiftedExp(Add->LHS);
}

Interval ValueFacts::evaluateCall(const CallExpr *Call) {
  if (named(Call->getDirectCallee(), Settings.GuardFunctions))
    return Interval::trusted(); // clamp_prob(p)
  const MathFunctionInfo *F = getMathCall(Call);
  if (!F || Call->getNumArgs() == 0)
    return isAccumulatedMaxShiftedExps(Call) ? Interval::atLeast(1)
                                             : typeRange(Call->getType());
  auto Arg = [&](unsigned I) { return evaluate(Call->getArg(I)); };
  FPPrecision P = precisionOf(Call->getType());
  switch (F->Kind) {
  case MathKind::Exp:
  case MathKind::Exp2:
  case MathKind::Exp10:
  case MathKind::Expm1: {
    Interval X = Arg(0);
    double Overflow = F->kind().overflowThreshold(P);
    Interval R = Interval::atLeast(F->Kind == MathKind::Expm1 ? -1 : 0);
    // exp(x) underflows to 0 far below -overflow; above that it is positive.
    if (F->Kind != MathKind::Expm1 && X.Lo > -Overflow)
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
    if (!(X.Lo + Shift >= 0))
      return typeRange(Call->getType());
    auto Bound = [&](double V, bool Upper) {
      if (V + Shift <= 0)
        return -Inf;
      double L = std::log(V + Shift);
      bool Widest = Upper ? L > 0 : L < 0; // away from 0: the largest factor
      return L * (Widest ? 1 / std::log(2.0) : 1 / std::log(10.0));
    };
    Interval R;
    R.Lo = Bound(X.Lo, false);
    R.LoOpen = X.LoOpen;
    R.Hi = std::isfinite(X.Hi) ? Bound(X.Hi, true) : Inf;
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

Interval ValueFacts::declaredRange(const VarDecl *VD) const {
  Interval TypeBased = typeRange(VD->getType());
  if (nameSaysEpsilon(VD->getName()))
    TypeBased = TypeBased.meet(Interval::atLeast(0, /*Open=*/true));
  else if (nameSaysSpread(VD->getName()))
    TypeBased = TypeBased.meet(Interval::atLeast(0));
  else if (VD->getType()->isIntegerType() && nameSaysCounter(VD->getName()))
    TypeBased = TypeBased.meet(Interval::atLeast(0));
  return TypeBased;
}

static Interval applyUpdate(BinaryOperatorKind Op, const Interval &Current,
                            const Interval &RHS, const Interval &Fallback) {
  switch (Op) {
  case BO_Assign:
    return RHS;
  case BO_AddAssign:
    return add(Current, RHS);
  case BO_SubAssign:
    return add(Current, negate(RHS));
  case BO_MulAssign:
    return multiply(Current, RHS);
  case BO_DivAssign:
    return multiply(Current, reciprocal(RHS));
  default:
    return Fallback;
  }
}

/// A definition's value under the conditions that hold where it is made:
/// after `if (c[i] == 0) continue;`, `double p = c[i] / n;` gives p > 0.
/// The use point's own facts are set aside by the caller.
Interval ValueFacts::evaluateAtDefinition(const Expr *Def) {
  size_t SavedDistinct = Distinct.size();
  auto SavedNonEmpty = NonEmpty;
  if (Depth < 16)
    collectDominatingConditions(Def);
  Interval V = evaluate(Def);
  Assumptions.clear();
  Distinct.resize(SavedDistinct);
  NonEmpty = SavedNonEmpty;
  return V;
}

Interval ValueFacts::evaluateVariable(const VarDecl *VD, const DeclRefExpr *Use) {
  auto Pending = InProgress.find(VD);
  if (Pending != InProgress.end())
    return Pending->second;

  // A global or a reference: only a const one with a visible initialiser
  // tells its value.
  bool Local = VD->hasLocalStorage() && !VD->getType()->isReferenceType();
  if (!Local || !Body) {
    if (VD->getType().isConstQualified() && VD->getInit() &&
        !VD->getType()->isReferenceType())
      return evaluate(VD->getInit());
    return declaredRange(VD);
  }

  Interval Summary = variableSummary(VD);
  const VariableDefinitions &Defs = definitions(VD);
  if (Defs.Escapes || !Use || UsesInProgress.count(Use))
    return Summary;
  auto Cached = UseCache.find(Use);
  if (Cached != UseCache.end())
    return Cached->second;
  // Only the definitions that reach this use count: after
  // `n = sqrt(ss); n = std::max(n, eps);` a use of n sees the second. A
  // variable defined once is its initialiser (no flow to compute).
  std::optional<SmallVector<unsigned, 4>> Reaching;
  if (Defs.Updates.empty()) {
    if (!Defs.Init)
      return Summary;
    Reaching.emplace(1, 0u);
  } else {
    Reaching = flow().reaching(VD, Defs, Use);
  }
  if (!Reaching || Reaching->empty())
    return Summary;
  std::vector<Assumption> Saved;
  Saved.swap(Assumptions);
  UsesInProgress.insert(Use);
  std::optional<Interval> Result;
  for (unsigned Id : *Reaching) {
    Interval V;
    if (Id == 0) {
      V = isa<ParmVarDecl>(VD) || isa<CXXConstructExpr>(strip(Defs.Init))
              ? declaredRange(VD)
              : evaluateAtDefinition(Defs.Init);
    } else {
      const VariableDefinitions::Update &U = Defs.Updates[Id - 1];
      Interval RHS = U.RHS ? evaluateAtDefinition(U.RHS) : Interval::point(1);
      V = applyUpdate(U.Op, Summary, RHS, declaredRange(VD));
    }
    Result = Result ? Result->join(V) : V;
  }
  UsesInProgress.erase(Use);
  Saved.swap(Assumptions);
  Interval R = Result->meet(typeRange(VD->getType())).meet(Summary);
  if (llvm::any_of(*Reaching, [](unsigned Id) { return Id != 0; }) &&
      isSumOfMaxShiftedExps(VD))
    R = R.meet(Interval::atLeast(1));
  UseCache[Use] = R;
  return R;
}

/// exp(x - m) with m the maximum of the values x comes from (possibly scaled
/// by a positive factor), directly or through the variable or array that
/// holds it (`y[i] = exp(x[i] - m); s += y[i];`).
bool ValueFacts::isMaxShiftedExp(const Expr *E, unsigned Depth) {
  E = strip(E);
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->getOpcode() == BO_Assign)
      return isMaxShiftedExp(BO->getRHS(), Depth);
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const MathFunctionInfo *F = getMathCall(Call);
    if (!F || Call->getNumArgs() != 1 ||
        (F->Kind != MathKind::Exp && F->Kind != MathKind::Exp2 &&
         F->Kind != MathKind::Exp10))
      return false;
    const Expr *Arg = strip(Call->getArg(0));
    for (unsigned Peel = 0; Peel < 3; ++Peel) {
      const auto *Op = dyn_cast<BinaryOperator>(Arg);
      if (!Op)
        return false;
      if (Op->getOpcode() == BO_Sub)
        return isMaxOf(Op->getRHS(), Op->getLHS());
      // A positive factor, or a scale (see isScaledNonPositive).
      auto Scale = [&](const Expr *X) {
        if (isProvablyPositive(X))
          return true;
        X = strip(X);
        return isa<DeclRefExpr, MemberExpr>(X) &&
               X->getType()->isRealFloatingType() &&
               !evaluate(X).isNonPositive();
      };
      if (Op->getOpcode() == BO_Mul && Scale(Op->getRHS()))
        Arg = strip(Op->getLHS());
      else if (Op->getOpcode() == BO_Mul && Scale(Op->getLHS()))
        Arg = strip(Op->getRHS());
      else if (Op->getOpcode() == BO_Div && Scale(Op->getRHS()))
        Arg = strip(Op->getLHS());
      else
        return false;
    }
    return false;
  }
  // A carrier: every value stored into it is a max-shifted exp.
  const ValueDecl *Root = rootDecl(E);
  if (!Root || !Body || Depth > 0)
    return false;
  bool Any = false, All = true;
  std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
    if (!S || !All)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (BO->isAssignmentOp() && rootDecl(BO->getLHS()) == Root) {
        Any = true;
        All &= BO->getOpcode() == BO_Assign &&
               isMaxShiftedExp(BO->getRHS(), Depth + 1);
      }
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (D == Root) {
          const auto *VD = cast<VarDecl>(D);
          Any |= VD->getInit() != nullptr;
          if (VD->getInit())
            All &= isMaxShiftedExp(VD->getInit(), Depth + 1);
        }
    }
    for (const Stmt *Child : S->children())
      Scan(Child);
  };
  Scan(Body);
  return Any && All;
}

/// s += exp(x[i] - m) over the values m is the maximum of: the maximum's own
/// term is exp(0) = 1, so the sum is at least 1 (the online form
/// `d = d * exp(m - m_new) + exp(x[i] - m_new)` too).
bool ValueFacts::isSumOfMaxShiftedExps(const VarDecl *VD) {
  const VariableDefinitions &Defs = definitions(VD);
  if (Defs.Escapes || Defs.Updates.empty())
    return false;
  auto OnlyItself = [&](const Expr *E) {
    SmallPtrSet<const ValueDecl *, 4> Roots;
    collectRoots(E, Roots);
    return Roots.size() == 1 && *Roots.begin() == VD;
  };
  // A warp's partial sums combined: `s += __shfl_xor_sync(mask, s, o)`,
  // `s = warp_sum(s)`, `s = __shfl_sync(mask, s, 0)`: the other lanes'
  // sums are >= 0, so each lane's total stays >= its own.
  auto CombinesLanes = [&](const VariableDefinitions::Update &U) {
    const Expr *Moved = shuffledOperand(U.RHS);
    if (Moved && OnlyItself(Moved))
      return U.Op == BO_AddAssign || U.Op == BO_Assign;
    const auto *Call = dyn_cast<CallExpr>(strip(U.RHS));
    const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
    return U.Op == BO_Assign && FD && FD->getIdentifier() &&
           Settings.NameHints &&
           StringRef(FD->getName().lower()).contains("sum") &&
           llvm::all_of(Call->arguments(), [&](const Expr *A) {
             Expr::EvalResult R;
             return OnlyItself(A) ||
                    (!A->isValueDependent() && A->EvaluateAsRValue(R, Ctx));
           });
  };
  for (const VariableDefinitions::Update &U : Defs.Updates) {
    if (!U.RHS)
      return false;
    if (CombinesLanes(U))
      continue;
    if (U.Op == BO_AddAssign) {
      if (!isMaxShiftedExp(U.RHS))
        return false;
      continue;
    }
    const auto *Add = dyn_cast<BinaryOperator>(strip(U.RHS));
    if (U.Op != BO_Assign || !Add || Add->getOpcode() != BO_Add)
      return false;
    SmallPtrSet<const ValueDecl *, 4> LeftRoots;
    collectRoots(Add->getLHS(), LeftRoots);
    if (!LeftRoots.count(VD) || !isMaxShiftedExp(Add->getRHS()))
      return false;
  }
  return true;
}

/// Every value a local variable is given in the function, joined: a
/// fixpoint with widening over its initialiser and updates.
Interval ValueFacts::variableSummary(const VarDecl *VD) {
  auto Cached = VariableCache.find(VD);
  if (Cached != VariableCache.end())
    return Cached->second;

  Interval TypeBased = declaredRange(VD);
  const VariableDefinitions &Defs = definitions(VD);
  if (Defs.Escapes)
    return TypeBased;

  // Definitions are read independently of the use point's conditions.
  std::vector<Assumption> Saved;
  Saved.swap(Assumptions);

  std::optional<Interval> H;
  if (isa<ParmVarDecl>(VD))
    H = TypeBased;
  else if (Defs.Init && !isa<CXXConstructExpr>(strip(Defs.Init)))
    H = evaluate(Defs.Init);
  else if (Defs.Init)
    H = TypeBased;

  Interval Result = Interval::all();
  bool Converged = false;
  for (unsigned Iteration = 0; Iteration < 4 && !Converged; ++Iteration) {
    Interval Current = H.value_or(TypeBased);
    InProgress[VD] = Current;
    std::optional<Interval> Next = H;
    for (const VariableDefinitions::Update &U : Defs.Updates) {
      Interval RHS = U.RHS ? evaluate(U.RHS) : Interval::point(1);
      Interval V = applyUpdate(U.Op, Current, RHS, TypeBased);
      Next = Next ? Next->join(V) : V;
    }
    if (!Next)
      Next = TypeBased; // Declared and never given a value we can see.
    if (H && *Next == *H) {
      Converged = true;
      Result = *Next;
    } else {
      H = H ? widen(*H, *Next) : *Next;
      Result = *H;
    }
  }
  if (!Converged)
    Result = TypeBased;
  InProgress.erase(VD);
  Saved.swap(Assumptions);
  Result = Result.meet(typeRange(VD->getType()));
  VariableCache[VD] = Result;
  return Result;
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
    if (const auto *UO = dyn_cast<UnaryOperator>(F))
      if (UO->getOpcode() == UO_Minus) {
        Negative = !Negative;
        Flatten(UO->getSubExpr());
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

bool ValueFacts::carriesEpsilon(const Expr *E, unsigned Depth) {
  if (isProvablyPositive(E))
    return true;
  E = stripConversions(E);
  if (std::optional<Arithmetic> A = asArithmetic(E)) // v + eps, __hadd(v, eps)
    return A->Op == BO_Add &&
           (isProvablyPositive(A->LHS) || isProvablyPositive(A->RHS));
  if (Depth > 4)
    return false;
  // sqrt(var + eps), and a local variable every definition of which carries
  // one: `float rms = std::sqrt(ss / n + eps); x / rms`.
  if (const CallExpr *Sqrt = asMathCall(E, {MathKind::Sqrt}))
    return carriesEpsilon(Sqrt->getArg(0), Depth + 1);
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || !Body || isa<ParmVarDecl>(VD))
    return false;
  const VariableDefinitions &Defs = definitions(VD);
  if (Defs.Escapes || !Defs.Init)
    return false;
  if (!carriesEpsilon(Defs.Init, Depth + 1))
    return false;
  for (const VariableDefinitions::Update &U : Defs.Updates)
    if (U.Op != BO_Assign || !U.RHS || !carriesEpsilon(U.RHS, Depth + 1))
      return false;
  return true;
}

/// Whether a divisor is (built from) a spread: a sqrt or rsqrt, a variable
/// computed by one, or a value whose name says std/var/norm.
bool involvesSpread(const Expr *E, const Stmt *Body, unsigned Depth) {
  if (Depth > 8)
    return false;
  E = stripConversions(E);
  if (std::optional<Arithmetic> A = asArithmetic(E))
    return involvesSpread(A->LHS, Body, Depth + 1) ||
           involvesSpread(A->RHS, Body, Depth + 1);
  if (const CallExpr *Root = asMathCall(E, {MathKind::Sqrt, MathKind::Rsqrt}))
    // sqrt(dim), sqrt((double)n): the root of a count is a scale, not a
    // spread (a division by it is unguarded-division's).
    return !Root->getArg(0)->IgnoreParenCasts()->getType()->isIntegerType();
  if (isa<BinaryOperator>(E))
    return false;
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return nameSaysSpread(ME->getMemberDecl()->getName());
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD)
    return false;
  if (nameSaysSpread(VD->getName()))
    return true;
  if (!Body || !VD->hasLocalStorage())
    return false;
  VariableDefinitions Defs = findDefinitions(VD, Body);
  if (Defs.Init && involvesSpread(Defs.Init, Body, Depth + 1))
    return true;
  for (const auto &U : Defs.Updates)
    if (U.Op == BO_Assign && U.RHS && involvesSpread(U.RHS, Body, Depth + 1))
      return true;
  return false;
}

//===----------------------------------------------------------------------===//
// Maximum subtraction
//===----------------------------------------------------------------------===//

/// The call to a function whose name says it computes a maximum
/// (max_element, row_max, warpReduceMax, ...), or with \p Min a minimum,
/// looking through `*`.
static const CallExpr *extremeNamedCall(const Expr *E, bool Min) {
  E = strip(E);
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    if (UO->getOpcode() == UO_Deref)
      E = strip(UO->getSubExpr());
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if (OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
      E = strip(OC->getArg(0));
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return nullptr;
  if (const MathFunctionInfo *F = getMathCall(Call))
    return F->Kind == (Min ? MathKind::Min : MathKind::Max) ? Call : nullptr;
  // A warp shuffle moves a reduced value between lanes:
  // __shfl_sync(mask, Reduce(v, cuda::maximum<>()), 0).
  if (const Expr *Moved = shuffledOperand(Call))
    return extremeNamedCall(Moved, Min);
  // cub::BlockReduce / WarpReduce: Reduce(v, cub::Max()) or
  // Reduce(v, cuda::maximum<>()).
  if (isReduceWith(Call, Min))
    return Call;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (FD && FD->getIdentifier() &&
      (Min ? nameSaysMin(FD->getName()) : nameSaysMax(FD->getName())))
    return Call;
  return nullptr;
}

/// The range-for loop variables of the body, mapped to the root of the
/// range they iterate: `for (double x : logw)` reads logw.
const ValueDecl *ValueFacts::iterationSource(const ValueDecl *D) {
  if (!RangeSourcesBuilt) {
    RangeSourcesBuilt = true;
    std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *For = dyn_cast<CXXForRangeStmt>(S))
        if (const ValueDecl *Root = rootDecl(For->getRangeInit()))
          RangeSources[For->getLoopVariable()] = Root;
      for (const Stmt *Child : S->children())
        Scan(Child);
    };
    Scan(Body);
  }
  auto It = RangeSources.find(D);
  return It == RangeSources.end() ? D : It->second;
}

/// Whether two expressions read a common variable or array (a range-for
/// variable counts as the range it iterates).
bool ValueFacts::sharesSource(const Expr *A, const Expr *B) {
  SmallPtrSet<const ValueDecl *, 4> RA, RB;
  collectRoots(A, RA);
  collectRoots(B, RB);
  SmallPtrSet<const ValueDecl *, 4> SA;
  for (const ValueDecl *D : RA)
    SA.insert(iterationSource(D));
  for (const ValueDecl *D : RB)
    if (RA.count(D) || SA.count(iterationSource(D)))
      return true;
  return false;
}

/// The value a local variable is given once and never changed:
/// `double lo = std::min(a, b);`.
const Expr *ValueFacts::singleDefinition(const Expr *E) {
  const auto *DRE = dyn_cast<DeclRefExpr>(strip(E));
  const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!VD || !VD->hasLocalStorage() || !VD->getInit() || !Body)
    return nullptr;
  const VariableDefinitions &Defs = definitions(VD);
  if (Defs.Escapes || !Defs.Updates.empty())
    return nullptr;
  return strip(VD->getInit());
}

bool ValueFacts::isExtremeLikeDefinition(const Expr *Def, const Expr *Value,
                                         bool Min) {
  Def = strip(Def);
  if (const CallExpr *Call = extremeNamedCall(Def, Min)) {
    if (isReduceWith(Call, Min)) // Reduce(v, max) is the maximum of v's
      return sameValue(Call->getArg(0), Value, Ctx) ||
             sharesSource(Call->getArg(0), Value);
    if (!getMathCall(Call))
      return true; // max_element(x, x + n), row_max(x): the maximum by name.
    for (const Expr *A : Call->arguments())
      if (sameValue(A, Value, Ctx) || sharesSource(A, Value))
        return true;
    // min(a, b) - max(a, b): the other extreme of the same values.
    const Expr *Other = singleDefinition(Value);
    if (const CallExpr *OtherCall = Other ? extremeNamedCall(Other, !Min) : nullptr;
        OtherCall && getMathCall(OtherCall) &&
        OtherCall->getNumArgs() == Call->getNumArgs() &&
        llvm::all_of(OtherCall->arguments(), [&](const Expr *A) {
          return llvm::any_of(Call->arguments(), [&](const Expr *B) {
            return sameValue(A, B, Ctx);
          });
        }))
      return true;
    return false;
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(Def))
    return (sharesSource(CO->getTrueExpr(), Value) ||
            sharesSource(CO->getFalseExpr(), Value)) &&
           isa<BinaryOperator>(strip(CO->getCond())) &&
           cast<BinaryOperator>(strip(CO->getCond()))->isRelationalOp();
  return false;
}

bool ValueFacts::isMaxOf(const Expr *Max, const Expr *Value) {
  return isExtremeOf(Max, Value, /*Min=*/false, 0);
}

/// Whether every definition of a variable or array (\p Defs, made at
/// \p Wheres) keeps it the extreme of a set of values that includes
/// \p Value, and at least one ties it to those values.
bool ValueFacts::definitionsKeepExtreme(const ValueDecl *Self,
                                        ArrayRef<const Expr *> Defs,
                                        ArrayRef<const Stmt *> Wheres,
                                        const Expr *Value, bool Min,
                                        unsigned Depth) {
  bool Tied = false;
  auto Rooted = [&](const Expr *E) {
    SmallPtrSet<const ValueDecl *, 4> Roots;
    collectRoots(E, Roots);
    return !Roots.empty() &&
           llvm::all_of(Roots, [&](const ValueDecl *D) { return D == Self; });
  };
  auto Consider = [&](const Expr *Def, const Stmt *Where) {
    const Expr *S = strip(Def);
    if (isExtremeLikeDefinition(S, Value, Min)) {
      Tied = true;
      return true;
    }
    Expr::EvalResult R;
    if (!S->isValueDependent() && S->EvaluateAsRValue(R, Ctx))
      return true; // A starting value (-INFINITY).
    // m = v, where v is the very value shifted: m >= v from here on.
    if (sameValue(S, Value, Ctx)) {
      Tied = true;
      return true;
    }
    // A step of a reduction over the variable itself: m = fmaxf(m,
    // __shfl_xor_sync(mask, m, o)), red[t] = fmaxf(red[t], red[t + s]),
    // m = __shfl_sync(mask, m, 0). The extreme only grows (or is shared).
    if (const CallExpr *Step = extremeNamedCall(S, Min);
        Step && getMathCall(Step) &&
        llvm::all_of(Step->arguments(), [&](const Expr *A) {
          const Expr *Moved = shuffledOperand(A);
          return Rooted(Moved ? Moved : A);
        }))
      return true;
    if (const Expr *Moved = shuffledOperand(S); Moved && Rooted(Moved))
      return true;
    // Another variable or array that holds the extreme: `bmax = m;`,
    // `red[threadIdx.x] = m;`, `float row_max = red[0];`.
    if (const ValueDecl *Other = rootDecl(S);
        Other && Other != Self && Depth < 3 &&
        isExtremeOf(S, Value, Min, Depth + 1)) {
      Tied = true;
      return true;
    }
    if (!sharesSource(S, Value))
      return false;
    // `if (x[i] > m) m = x[i];` is a running maximum; `m = x[0]` starts one.
    if (!Where)
      return true;
    DynTypedNode Node = DynTypedNode::create(*Where);
    for (int Up = 0; Up < 4; ++Up) {
      auto Parents = Ctx.getParents(Node);
      if (Parents.empty())
        break;
      Node = Parents[0];
      if (const auto *If = Node.get<IfStmt>()) {
        const auto *Cmp = dyn_cast<BinaryOperator>(strip(If->getCond()));
        if (Cmp && Cmp->isRelationalOp()) {
          Tied = true;
          return true;
        }
        break;
      }
    }
    return true;
  };
  for (size_t I = 0; I < Defs.size(); ++I)
    if (!Consider(Defs[I], Wheres[I]))
      return false;
  return Tied;
}

bool ValueFacts::isExtremeOf(const Expr *Max, const Expr *Value, bool Min,
                             unsigned Depth) {
  Max = strip(Max);
  if (const CallExpr *Call = extremeNamedCall(Max, Min))
    return isExtremeLikeDefinition(Call, Value, Min);
  if (!Body)
    return false;

  // An element of an array that a reduction fills (CUDA shared memory):
  // the stores made before this load.
  if (!isa<DeclRefExpr>(Max)) {
    const ValueDecl *Array = rootDecl(Max);
    const auto *VD = dyn_cast_or_null<VarDecl>(Array);
    if (!VD || !VD->getType()->isArrayType() ||
        !(VD->hasLocalStorage() || VD->hasAttr<CUDASharedAttr>()))
      return false;
    SmallVector<const Expr *, 4> Defs;
    SmallVector<const Stmt *, 4> Wheres;
    bool Escapes = false;
    const SourceManager &SM = Ctx.getSourceManager();
    std::function<void(const Stmt *)> Scan = [&](const Stmt *S) {
      if (!S)
        return;
      if (const auto *BO = dyn_cast<BinaryOperator>(S);
          BO && BO->isAssignmentOp() && !isa<DeclRefExpr>(strip(BO->getLHS())) &&
          rootDecl(BO->getLHS()) == Array &&
          SM.isBeforeInTranslationUnit(BO->getBeginLoc(), Max->getBeginLoc())) {
        if (BO->getOpcode() != BO_Assign)
          Escapes = true;
        Defs.push_back(BO->getRHS());
        Wheres.push_back(BO);
      }
      for (const Stmt *Child : S->children())
        Scan(Child);
    };
    Scan(Body);
    return !Escapes && !Defs.empty() &&
           definitionsKeepExtreme(Array, Defs, Wheres, Value, Min, Depth);
  }

  const auto *VD = dyn_cast<VarDecl>(cast<DeclRefExpr>(Max)->getDecl());
  if (!VD)
    return false;
  if (isa<ParmVarDecl>(VD) &&
      (Min ? nameSaysMin(VD->getName()) : nameSaysMax(VD->getName())))
    return true;
  // A local, or a CUDA __shared__ variable a kernel writes (`bmax = m;`).
  if (!VD->hasLocalStorage() && !VD->hasAttr<CUDASharedAttr>())
    return false;

  // Every value the variable is given must be a starting value (a constant
  // such as -INFINITY, or an element) or a running extreme that includes the
  // values being shifted.
  VariableDefinitions Defs = findDefinitions(VD, Body);
  if (Defs.Escapes)
    return false;
  SmallVector<const Expr *, 4> Values;
  SmallVector<const Stmt *, 4> Wheres;
  if (Defs.Init && !isa<CXXConstructExpr>(strip(Defs.Init))) {
    Values.push_back(Defs.Init);
    Wheres.push_back(nullptr);
  }
  for (const VariableDefinitions::Update &U : Defs.Updates) {
    if (U.Op != BO_Assign || !U.RHS)
      return false;
    Values.push_back(U.RHS);
    Wheres.push_back(U.Where);
  }
  return definitionsKeepExtreme(VD, Values, Wheres, Value, Min, Depth);
}

//===----------------------------------------------------------------------===//
// Dominating conditions
//===----------------------------------------------------------------------===//

static bool alwaysExits(const Stmt *S) {
  if (!S)
    return false;
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt>(S))
    return true;
  if (const auto *CS = dyn_cast<CompoundStmt>(S))
    return !CS->body_empty() && alwaysExits(CS->body_back());
  if (const auto *E = dyn_cast<Expr>(S)) {
    E = strip(E);
    if (isa<CXXThrowExpr>(E))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *FD = Call->getDirectCallee())
        return FD->isNoReturn();
  }
  return false;
}

void ValueFacts::collectDominatingConditions(const Stmt *UsePoint) {
  DynTypedNode Child = DynTypedNode::create(*UsePoint);
  while (true) {
    auto Parents = Ctx.getParents(Child);
    if (Parents.empty())
      return;
    DynTypedNode Parent = Parents[0];
    const Stmt *C = Child.get<Stmt>();
    if (Parent.get<FunctionDecl>() || Parent.get<LambdaExpr>() ||
        Parent.get<BlockDecl>())
      return;
    if (const auto *If = Parent.get<IfStmt>()) {
      if (C && C == If->getThen())
        assume(If->getCond(), true);
      else if (C && C == If->getElse())
        assume(If->getCond(), false);
    } else if (const auto *CO = Parent.get<ConditionalOperator>()) {
      if (C == CO->getTrueExpr())
        assume(CO->getCond(), true);
      else if (C == CO->getFalseExpr())
        assume(CO->getCond(), false);
    } else if (const auto *BO = Parent.get<BinaryOperator>()) {
      if (C == BO->getRHS() && BO->getOpcode() == BO_LAnd)
        assume(BO->getLHS(), true);
      else if (C == BO->getRHS() && BO->getOpcode() == BO_LOr)
        assume(BO->getLHS(), false);
    } else if (const auto *While = Parent.get<WhileStmt>()) {
      if (C == While->getBody())
        assume(While->getCond(), true);
    } else if (const auto *For = Parent.get<ForStmt>()) {
      if (For->getCond() && (C == For->getBody() || C == For->getInc()))
        assume(For->getCond(), true);
    } else if (const auto *CS = Parent.get<CompoundStmt>()) {
      // Statements before the use in the same block: an early exit on the
      // bad case (`if (v <= 0) return;`) or an assert of the good case.
      for (const Stmt *S : CS->body()) {
        if (S == C)
          break;
        if (const auto *If = dyn_cast<IfStmt>(S)) {
          if (!If->getElse() && alwaysExits(If->getThen()))
            assume(If->getCond(), false);
          else if (!If->getElse())
            assumeRepaired(If);
          else if (If->getElse() && alwaysExits(If->getElse()) &&
                   (isa<NullStmt>(If->getThen()) ||
                    (isa<CompoundStmt>(If->getThen()) &&
                     cast<CompoundStmt>(If->getThen())->body_empty())))
            assume(If->getCond(), true);
        } else if (const auto *E = dyn_cast<Expr>(S)) {
          const Expr *Stripped = strip(E);
          // C's assert: `((void)sizeof(c), __extension__ ({ if (c) ; else
          // __assert_fail(...); }))`.
          if (const auto *Comma = dyn_cast<BinaryOperator>(Stripped);
              Comma && Comma->getOpcode() == BO_Comma) {
            Stripped = strip(Comma->getRHS());
            if (const auto *Ext = dyn_cast<UnaryOperator>(Stripped);
                Ext && Ext->getOpcode() == UO_Extension)
              Stripped = strip(Ext->getSubExpr());
          }
          if (const auto *Assert = dyn_cast<ConditionalOperator>(Stripped))
            if (alwaysExits(Assert->getFalseExpr()))
              assume(Assert->getCond(), true);
          if (const auto *SE = dyn_cast<StmtExpr>(Stripped))
            for (const Stmt *Inner : SE->getSubStmt()->body())
              if (const auto *If = dyn_cast<IfStmt>(Inner))
                if (If->getElse() && alwaysExits(If->getElse()))
                  assume(If->getCond(), true);
        }
      }
    }
    Child = Parent;
  }
}

/// `if (v <= 0) v = 1e-300;`: after it, v satisfies the negated condition
/// when the value it is repaired with does too.
void ValueFacts::assumeRepaired(const IfStmt *If) {
  const Stmt *Then = If->getThen();
  if (const auto *CS = dyn_cast<CompoundStmt>(Then))
    Then = CS->size() == 1 ? CS->body_front() : nullptr;
  const auto *Fix = dyn_cast_or_null<BinaryOperator>(
      dyn_cast_or_null<Expr>(Then) ? strip(cast<Expr>(Then)) : nullptr);
  if (!Fix || Fix->getOpcode() != BO_Assign ||
      !isa<DeclRefExpr>(strip(Fix->getLHS())))
    return;
  size_t Before = Assumptions.size(), BeforeDistinct = Distinct.size();
  assume(If->getCond(), false);
  // Only what the negated condition says about the repaired variable.
  std::vector<Assumption> About;
  for (size_t I = Before; I < Assumptions.size(); ++I)
    if (sameValue(Assumptions[I].Subject, Fix->getLHS(), Ctx))
      About.push_back(Assumptions[I]);
  Assumptions.resize(Before);
  Distinct.resize(BeforeDistinct);
  Interval Repaired = evaluate(Fix->getRHS());
  for (const Assumption &A : About) {
    Interval M = Repaired.meet(A.Range);
    if (M.Lo != Repaired.Lo || M.Hi != Repaired.Hi ||
        M.LoOpen != Repaired.LoOpen || M.HiOpen != Repaired.HiOpen)
      return;
  }
  Assumptions.insert(Assumptions.end(), About.begin(), About.end());
}

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

void ValueFacts::assume(const Expr *Cond, bool Truth) {
  if (!Cond)
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
  // v.empty() false: v.size() is at least 1.
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(Cond)) {
    const CXXMethodDecl *M = MC->getMethodDecl();
    if (!Truth && M && M->getIdentifier() && M->getName() == "empty")
      if (const ValueDecl *Root = rootDecl(MC->getImplicitObjectArgument()))
        NonEmpty.insert(Root);
    return;
  }
  const auto *BO = dyn_cast<BinaryOperator>(Cond);
  if (!BO) {
    if (Truth) {
      Interval NZ;
      NZ.NonZero = true;
      Assumptions.push_back({Cond, NZ});
    } else {
      Assumptions.push_back({Cond, Interval::point(0)});
    }
    return;
  }
  BinaryOperatorKind Op = BO->getOpcode();
  if (Op == BO_LAnd) {
    if (Truth) {
      assume(BO->getLHS(), true);
      assume(BO->getRHS(), true);
    }
    return;
  }
  if (Op == BO_LOr) {
    if (!Truth) {
      assume(BO->getLHS(), false);
      assume(BO->getRHS(), false);
    }
    return;
  }
  if (!BO->isComparisonOp())
    return;
  if (!Truth)
    Op = negateComparison(Op);
  const Expr *L = BO->getLHS(), *R = BO->getRHS();
  if (Op == BO_NE || Op == BO_LT || Op == BO_GT)
    Distinct.push_back({L, R});
  Interval LR = evaluate(L), RR = evaluate(R);
  auto Push = [&](const Expr *Subject, const Interval &I) {
    if (!(I == Interval::all()))
      Assumptions.push_back({Subject, I});
  };
  switch (Op) {
  case BO_GT:
    Push(L, Interval::atLeast(RR.Lo, /*Open=*/true));
    Push(R, Interval::atMost(LR.Hi, /*Open=*/true));
    break;
  case BO_GE:
    Push(L, Interval::atLeast(RR.Lo, RR.LoOpen));
    Push(R, Interval::atMost(LR.Hi, LR.HiOpen));
    break;
  case BO_LT:
    Push(L, Interval::atMost(RR.Hi, /*Open=*/true));
    Push(R, Interval::atLeast(LR.Lo, /*Open=*/true));
    break;
  case BO_LE:
    Push(L, Interval::atMost(RR.Hi, RR.HiOpen));
    Push(R, Interval::atLeast(LR.Lo, LR.LoOpen));
    break;
  case BO_EQ:
    Push(L, RR);
    Push(R, LR);
    break;
  case BO_NE: {
    Interval NZ;
    NZ.NonZero = true;
    if (RR.Lo == 0 && RR.Hi == 0)
      Push(L, NZ);
    if (LR.Lo == 0 && LR.Hi == 0)
      Push(R, NZ);
    break;
  }
  default:
    break;
  }
}

} // namespace nanguard
