//===- ExprHelpers.cpp - Questions about expressions ----------------------===//

#include "ExprHelpers.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/FoldingSet.h"
#include <functional>

using namespace clang;
using namespace llvm;

namespace nanguard {

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
bool named(const FunctionDecl *FD, const StringMap<bool> &Names) {
  if (!FD || Names.empty() || !FD->getIdentifier())
    return false;
  return Names.count(FD->getName()) ||
         Names.count(FD->getQualifiedNameAsString());
}

//===----------------------------------------------------------------------===//
// AST helpers
//===----------------------------------------------------------------------===//

const Expr *strip(const Expr *E) {
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

/// The math function a configured wrapper (MathWrappers, by its name or
/// qualified name) stands for; null when the name is no wrapper.
static const MathFunctionInfo *wrapped(StringRef Name, StringRef Qualified) {
  if (Settings.Wrappers.empty())
    return nullptr;
  auto It = Settings.Wrappers.find(Name);
  if (It == Settings.Wrappers.end())
    It = Settings.Wrappers.find(Qualified);
  return It == Settings.Wrappers.end() ? nullptr
                                       : lookupMathFunction(It->second);
}

/// A call in a template whose callee depends on the arguments (`sqrt(x)`,
/// `std::log(p)` with `x` and `p` of a template type): the math function
/// of that name when every candidate the lookup found is one (in std or at
/// global scope).
static const MathFunctionInfo *dependentMathCall(const CallExpr *Call) {
  const auto *ULE =
      dyn_cast<UnresolvedLookupExpr>(Call->getCallee()->IgnoreParenImpCasts());
  if (!ULE || !ULE->getName().isIdentifier() || ULE->decls().empty())
    return nullptr;
  StringRef Name = ULE->getName().getAsIdentifierInfo()->getName();
  for (const NamedDecl *D : ULE->decls()) {
    const auto *FD = dyn_cast<FunctionDecl>(D->getUnderlyingDecl());
    if (const auto *FT = dyn_cast<FunctionTemplateDecl>(D->getUnderlyingDecl()))
      FD = FT->getTemplatedDecl();
    if (!FD)
      return nullptr;
    const DeclContext *DC = FD->getDeclContext()->getRedeclContext();
    if (!DC->isTranslationUnit() && !FD->isInStdNamespace() &&
        FD->getBuiltinID() == 0)
      return nullptr;
  }
  if (const MathFunctionInfo *W = wrapped(Name, Name))
    return W;
  return lookupMathFunction(Name);
}

/// std::complex (and other classes that are no real number): the real
/// domains of the math table do not apply to them.
static bool complexValued(const CallExpr *Call) {
  auto Complex = [](QualType T) {
    const auto *RD = T.getNonReferenceType()->getAsRecordDecl();
    return RD && RD->getIdentifier() && RD->getName() == "complex";
  };
  if (Complex(Call->getType()))
    return true;
  return llvm::any_of(Call->arguments(),
                      [&](const Expr *A) { return Complex(A->getType()); });
}

const MathFunctionInfo *getMathCall(const CallExpr *Call) {
  if (complexValued(Call))
    return nullptr;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD)
    return dependentMathCall(Call);
  if (!FD->getIdentifier())
    return nullptr;
  if (!Settings.Wrappers.empty())
    if (const MathFunctionInfo *W =
            wrapped(FD->getName(), FD->getQualifiedNameAsString()))
      return W;
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
const llvm::fltSemantics *cudaFloatClass(QualType T) {
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

/// An overloaded operator that stands for the built-in one: on a CUDA
/// floating class, or in a template's definition.
static bool standsForBuiltin(const CXXOperatorCallExpr *OC) {
  if (OC->isTypeDependent())
    return true;
  for (const Expr *Arg : OC->arguments())
    if (cudaFloatClass(Arg->getType()))
      return true;
  return false;
}

std::optional<BinaryView> asBinary(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    return BinaryView{BO->getOpcode(), BO->getLHS(), BO->getRHS()};
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
  if (!OC || OC->getNumArgs() != 2 || !OC->isInfixBinaryOp() ||
      !standsForBuiltin(OC))
    return std::nullopt;
  return BinaryView{BinaryOperator::getOverloadedOpcode(OC->getOperator()),
                    OC->getArg(0), OC->getArg(1)};
}

const Expr *negatedOperand(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E))
    return UO->getOpcode() == UO_Minus ? UO->getSubExpr() : nullptr;
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E))
    if (OC->getOperator() == OO_Minus && OC->getNumArgs() == 1 &&
        standsForBuiltin(OC))
      return OC->getArg(0);
  return nullptr;
}

std::optional<Arithmetic> asArithmetic(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
    BinaryOperatorKind Op = BO->getOpcode();
    if (Op == BO_Add || Op == BO_Sub || Op == BO_Mul ||
        (Op == BO_Div && (BO->getType()->isRealFloatingType() ||
                          BO->isTypeDependent())))
      return Arithmetic{Op, BO->getLHS(), BO->getRHS()};
    return std::nullopt;
  }
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getNumArgs() != 2 ||
        !(cudaFloatClass(OC->getType()) || OC->isTypeDependent()))
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

/// `(float)h` with h a CUDA half or bfloat16: its conversion operator, which
/// gives h's value exactly.
static const Expr *widenedFloatClass(const Expr *E) {
  const auto *MC = dyn_cast<CXXMemberCallExpr>(E->IgnoreParenImpCasts());
  if (!MC || !isa_and_nonnull<CXXConversionDecl>(MC->getMethodDecl()) ||
      !MC->getType()->isRealFloatingType())
    return nullptr;
  const Expr *Object = MC->getImplicitObjectArgument();
  return Object && cudaFloatClass(Object->getType()) ? Object : nullptr;
}

const Expr *stripValueCasts(const Expr *E) {
  while (true) {
    E = stripConversions(E);
    if (const Expr *Object = widenedFloatClass(E)) {
      E = Object;
      continue;
    }
    const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
    if (!Cast || !Cast->getType()->isArithmeticType())
      return E;
    if (const Expr *Object = widenedFloatClass(Cast->getSubExpr())) {
      E = Object;
      continue;
    }
    if (!Cast->getSubExpr()->getType()->isArithmeticType())
      return E;
    E = Cast->getSubExpr();
  }
}

/// The value a warp shuffle moves (`__shfl_xor_sync(mask, m, o)` moves m),
/// or null when \p E is not a shuffle.
const Expr *shuffledOperand(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(strip(E));
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || !FD->getName().starts_with("__shfl") ||
      Call->getNumArgs() < 2)
    return nullptr;
  return Call->getArg(1);
}

/// `Reduce(v, op)` of cub's block and warp reductions with a maximum (or
/// minimum) operator: cub::Max, cuda::maximum, or an operator named so.
bool isReduceWith(const CallExpr *Call, bool Min) {
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

/// The value a wrapper builds from one operand: `T{v}`, `T(v)`, a cast.
static const Expr *wrapped(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  while (true) {
    if (const auto *IL = dyn_cast<InitListExpr>(E); IL && IL->getNumInits() == 1)
      E = IL->getInit(0)->IgnoreParenImpCasts();
    else if (const auto *CE = dyn_cast<CXXConstructExpr>(E);
             CE && CE->getNumArgs() == 1)
      E = CE->getArg(0)->IgnoreParenImpCasts();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      E = FC->getSubExpr()->IgnoreParenImpCasts();
    else if (const auto *TE = dyn_cast<MaterializeTemporaryExpr>(E))
      E = TE->getSubExpr()->IgnoreParenImpCasts();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      E = BT->getSubExpr()->IgnoreParenImpCasts();
    else
      return E;
  }
}

static const Expr *loadedPointer(const Expr *E, unsigned Depth) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  const FunctionDecl *FD = Call ? Call->getDirectCallee() : nullptr;
  if (!FD || !FD->getIdentifier() || Call->getNumArgs() != 1 ||
      !Call->getArg(0)->getType()->isPointerType())
    return nullptr;
  // CUDA's load intrinsics with a cache hint: __ldg, __ldcg, __ldca,
  // __ldcs, __ldlu, __ldcv.
  StringRef Name = FD->getName();
  if (Name == "__ldg" || Name == "__ldcg" || Name == "__ldca" ||
      Name == "__ldcs" || Name == "__ldlu" || Name == "__ldcv")
    return Call->getArg(0);
  // A function of the file that wraps one (a vectorised load that packs
  // what it reads: `return Packed<T>{__ldcs(reinterpret_cast<const int4
  // *>(address))};`, or `return *address;`).
  const FunctionDecl *Def = nullptr;
  const auto *Body =
      Depth < 2 ? dyn_cast_or_null<CompoundStmt>(FD->getBody(Def)) : nullptr;
  if (!Body || Body->size() != 1 || Def->getNumParams() != 1)
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  if (!Ret || !Ret->getRetValue())
    return nullptr;
  const Expr *V = wrapped(Ret->getRetValue());
  const Expr *Pointer = loadedPointer(V, Depth + 1);
  if (!Pointer)
    if (const auto *UO = dyn_cast<UnaryOperator>(V); UO && UO->getOpcode() == UO_Deref)
      Pointer = UO->getSubExpr();
  const auto *PDRE =
      Pointer ? dyn_cast<DeclRefExpr>(Pointer->IgnoreParenCasts()) : nullptr;
  if (!PDRE || PDRE->getDecl() != Def->getParamDecl(0))
    return nullptr;
  return Call->getArg(0);
}

const Expr *loadedPointer(const Expr *E) { return loadedPointer(E, 0); }

/// The declaration a pointer expression points into, through casts of the
/// pointer (`reinterpret_cast<const float4 *>(x + i)`) and the address of
/// a variable (`(const float *)&v`).
static const ValueDecl *pointeeRoot(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_AddrOf) {
    const auto *DRE = dyn_cast<DeclRefExpr>(UO->getSubExpr()->IgnoreParens());
    return DRE ? DRE->getDecl() : nullptr;
  }
  return rootDecl(E);
}

const Expr *accessedArgument(const Expr *E) {
  const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
  if (!Call || isa<CXXOperatorCallExpr>(Call) || isa<CXXMemberCallExpr>(Call))
    return nullptr;
  const FunctionDecl *FD = Call->getDirectCallee();
  const FunctionDecl *Def = nullptr;
  const auto *Body =
      FD ? dyn_cast_or_null<CompoundStmt>(FD->getBody(Def)) : nullptr;
  if (!Body || Body->size() != 1 ||
      !Def->getReturnType().getNonReferenceType()->isRealFloatingType())
    return nullptr;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  const Expr *V = Ret && Ret->getRetValue() ? strip(Ret->getRetValue()) : nullptr;
  const Expr *Base = nullptr;
  if (const auto *AS = dyn_cast_or_null<ArraySubscriptExpr>(V))
    Base = AS->getBase();
  else if (const auto *UO = dyn_cast_or_null<UnaryOperator>(V);
           UO && UO->getOpcode() == UO_Deref)
    Base = UO->getSubExpr();
  const auto *Param =
      Base ? dyn_cast_or_null<ParmVarDecl>(pointeeRoot(Base)) : nullptr;
  if (!Param || Param->getFunctionScopeIndex() >= Call->getNumArgs() ||
      Def->getParamDecl(Param->getFunctionScopeIndex()) != Param)
    return nullptr;
  return Call->getArg(Param->getFunctionScopeIndex());
}

bool isElementCall(const Expr *E) {
  const auto *OC = dyn_cast<CXXOperatorCallExpr>(E->IgnoreParenImpCasts());
  if (!OC || OC->getOperator() != OO_Call || OC->getNumArgs() < 2 ||
      !OC->isLValue())
    return false;
  if (const CXXRecordDecl *RD = OC->getArg(0)->getType()->getAsCXXRecordDecl();
      !RD || RD->isLambda())
    return false;
  for (unsigned I = 1; I < OC->getNumArgs(); ++I)
    if (!OC->getArg(I)->getType()->isIntegralOrEnumerationType())
      return false;
  return true;
}

bool isIteratorClass(QualType T) {
  const auto *RD = T.getNonReferenceType()->getAsCXXRecordDecl();
  if (!RD || !RD->hasDefinition())
    return false;
  bool Deref = false, Increment = false;
  for (const CXXMethodDecl *M : RD->methods()) {
    OverloadedOperatorKind K = M->getOverloadedOperator();
    Deref |= K == OO_Star && M->getNumParams() == 0;
    Increment |= K == OO_PlusPlus;
  }
  return Deref && Increment;
}

const ValueDecl *rootDecl(const Expr *E) {
  E = strip(E);
  if (const Expr *P = loadedPointer(E))
    return rootDecl(P);
  if (isElementCall(E))
    return rootDecl(cast<CXXOperatorCallExpr>(E)->getArg(0));
  if (const Expr *A = accessedArgument(E))
    return rootDecl(A);
  // The same memory seen as another type: `reinterpret_cast<const float4
  // *>(x + i)`.
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
      Cast && Cast->getType()->isPointerType() &&
      Cast->getSubExpr()->getType()->isPointerType())
    return rootDecl(Cast->getSubExpr());
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    return DRE->getDecl();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME->getMemberDecl();
  if (const auto *ASE = dyn_cast<ArraySubscriptExpr>(E))
    return rootDecl(ASE->getBase());
  if (const auto *UO = dyn_cast<UnaryOperator>(E)) {
    if (UO->getOpcode() == UO_Deref)
      return rootDecl(UO->getSubExpr());
    // &x[i]: a pointer into x.
    if (UO->getOpcode() == UO_AddrOf &&
        isa<ArraySubscriptExpr>(UO->getSubExpr()->IgnoreParens()))
      return rootDecl(UO->getSubExpr());
  }
  if (const auto *BO = dyn_cast<BinaryOperator>(E))
    if (BO->isAdditiveOp() && BO->getType()->isPointerType())
      return rootDecl(BO->getLHS()->getType()->isPointerType() ? BO->getLHS()
                                                               : BO->getRHS());
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (OC->getOperator() == OO_Subscript || OC->getOperator() == OO_Star)
      return rootDecl(OC->getArg(0));
    // it + n on an iterator class: the same sequence.
    // (Checked by type first: `a + b` of Eigen's matrices is no step.)
    if ((OC->getOperator() == OO_Plus || OC->getOperator() == OO_Minus) &&
        OC->getNumArgs() == 2 &&
        OC->getType().getCanonicalType().getUnqualifiedType() ==
            OC->getArg(0)->getType().getCanonicalType().getUnqualifiedType() &&
        isIteratorClass(OC->getType()))
      return rootDecl(OC->getArg(0));
  }
  // An element of a container, or an iterator into it: v.back(), v.at(i),
  // v.begin(), v.data().
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E))
    if (const CXXMethodDecl *M = MC->getMethodDecl();
        M && M->getIdentifier() &&
        (M->getName() == "back" || M->getName() == "front" ||
         M->getName() == "at" || M->getName() == "begin" ||
         M->getName() == "end" || M->getName() == "data" ||
         M->getName() == "cbegin" || M->getName() == "cend"))
      return rootDecl(MC->getImplicitObjectArgument());
  return nullptr;
}

/// The declarations an expression reads: every root of its leaves.
void collectRoots(const Expr *E, SmallPtrSetImpl<const ValueDecl *> &Out) {
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

StringRef calleeName(const CallExpr *Call) {
  if (const FunctionDecl *FD = Call->getDirectCallee())
    return FD->getIdentifier() ? FD->getName() : StringRef();
  const Expr *Callee = Call->getCallee()->IgnoreParenImpCasts();
  if (const auto *DM = dyn_cast<CXXDependentScopeMemberExpr>(Callee))
    return DM->getMember().isIdentifier()
               ? DM->getMember().getAsIdentifierInfo()->getName()
               : StringRef();
  if (const auto *UM = dyn_cast<UnresolvedMemberExpr>(Callee))
    return UM->getMemberName().isIdentifier()
               ? UM->getMemberName().getAsIdentifierInfo()->getName()
               : StringRef();
  if (const auto *DS = dyn_cast<DependentScopeDeclRefExpr>(Callee)) // T::f
    return DS->getDeclName().isIdentifier()
               ? DS->getDeclName().getAsIdentifierInfo()->getName()
               : StringRef();
  if (const auto *UL = dyn_cast<UnresolvedLookupExpr>(Callee))
    return UL->getName().isIdentifier()
               ? UL->getName().getAsIdentifierInfo()->getName()
               : StringRef();
  return StringRef();
}

/// The local variable an operation's value is kept in: `double w =
/// exp(z);`, `w = exp(z);`, `g = num / den;`, or the target of `g /= den`.
const VarDecl *keptInLocal(const Expr *Op, ASTContext &Ctx) {
  auto Local = [](const Expr *E) -> const VarDecl * {
    const auto *DRE = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
    const auto *VD = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    return VD && VD->hasLocalStorage() ? VD : nullptr;
  };
  if (const auto *CA = dyn_cast<CompoundAssignOperator>(Op))
    return Local(CA->getLHS());
  DynTypedNode Node = DynTypedNode::create(*Op);
  for (unsigned Up = 0; Up < 6; ++Up) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return nullptr;
    Node = Parents[0];
    if (const auto *VD = Node.get<VarDecl>())
      return VD->hasLocalStorage() ? VD : nullptr;
    if (const auto *BO = Node.get<BinaryOperator>())
      return BO->getOpcode() == BO_Assign ? Local(BO->getLHS()) : nullptr;
    const auto *E = Node.get<Expr>();
    if (!E || !isa<ImplicitCastExpr, ParenExpr, ExprWithCleanups,
                   MaterializeTemporaryExpr, CXXBindTemporaryExpr>(E))
      return nullptr;
  }
  return nullptr;
}

DynTypedNode userNodeOf(const Expr *E, ASTContext &Ctx, const Expr **Child) {
  DynTypedNode Node = DynTypedNode::create(*E);
  const Expr *Last = E;
  while (true) {
    auto Parents = Ctx.getParents(Node);
    if (Parents.empty())
      return DynTypedNode();
    Node = Parents[0];
    const auto *P = Node.get<Expr>();
    if (P && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                 CXXBindTemporaryExpr, ExprWithCleanups>(P)) {
      Last = P;
      continue;
    }
    if (Child)
      *Child = Last;
    return Node;
  }
}

const Stmt *userOf(const Expr *E, ASTContext &Ctx, const Expr **Child) {
  return userNodeOf(E, Ctx, Child).get<Stmt>();
}

bool everyUseOf(const Stmt *Body, const VarDecl *VD, SourceLocation After,
                ASTContext &Ctx, function_ref<bool(const DeclRefExpr *)> Ok) {
  const SourceManager &SM = Ctx.getSourceManager();
  unsigned Uses = 0;
  bool All = true;
  std::function<void(const Stmt *)> Visit = [&](const Stmt *S) {
    if (!S || !All)
      return;
    if (const auto *DRE = dyn_cast<DeclRefExpr>(S);
        DRE && DRE->getDecl() == VD &&
        (After.isInvalid() ||
         SM.isBeforeInTranslationUnit(After, DRE->getLocation()))) {
      ++Uses;
      All = Ok(DRE);
    }
    for (const Stmt *C : S->children())
      Visit(C);
  };
  Visit(Body);
  return All && Uses > 0;
}

void collectReturns(const Stmt *S, SmallVectorImpl<const ReturnStmt *> &Out) {
  if (!S || isa<LambdaExpr>(S))
    return;
  if (const auto *R = dyn_cast<ReturnStmt>(S))
    Out.push_back(R);
  for (const Stmt *C : S->children())
    collectReturns(C, Out);
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

} // namespace nanguard
