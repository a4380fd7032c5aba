//===- ExpSites.cpp - What an exp call is part of -------------------------===//

#include "ExpSites.h"
#include "analysis/Fate.h"
#include "Guards.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <memory>

using namespace clang;
using namespace llvm;

namespace nanguard {

static bool isExpFamily(MathKind K) {
  return K == MathKind::Exp || K == MathKind::Exp2 || K == MathKind::Exp10 ||
         K == MathKind::Expm1;
}

static const CallExpr *asExpCall(const Expr *E) {
  return asMathCall(stripConversions(E), {MathKind::Exp, MathKind::Exp2,
                                          MathKind::Exp10, MathKind::Expm1});
}

namespace {
/// One pass over a function body that finds sums of exps and how they are
/// used: as a divisor (softmax) or under a log (log-sum-exp).
class SoftmaxScan {
public:
  explicit SoftmaxScan(const Stmt *Body) { visit(Body); }

  /// A sum that exps are accumulated into.
  bool isExpSum(const ValueDecl *D) const {
    return D && !calls(D).empty();
  }

  /// The exp calls in an additive expression: `1 + exp(a) + exp(b)`.
  SmallPtrSet<const CallExpr *, 4> expTerms(const Expr *E) const {
    Terms T;
    collectTerms(E, T);
    return T.Calls;
  }

  ExpSiteKind classify(const CallExpr *Call) const {
    bool InSoftmax = false, InLogSumExp = false;
    for (const auto &[Sum, Calls] : SumTerms) {
      if (!calls(Sum).count(Call))
        continue;
      InSoftmax |= Divisors.count(Sum) > 0;
      InLogSumExp |= LogArgs.count(Sum) > 0;
    }
    if (DirectLogTerms.count(Call))
      InLogSumExp = true;
    for (const auto &[Numerator, Divisor] : Divisions)
      if (Numerator == Call && isExpSum(Divisor))
        InSoftmax = true;
    // pos = exp(s0 / t); ... pos / all
    for (const auto &[Carrier, Divisor] : CarrierDivisions) {
      auto Stored = CarrierCalls.find(Carrier);
      if (isExpSum(Divisor) && Stored != CarrierCalls.end() &&
          Stored->second.count(Call))
        InSoftmax = true;
    }
    if (DirectSoftmaxTerms.count(Call))
      InSoftmax = true;
    if (InSoftmax)
      return ExpSiteKind::Softmax;
    if (InLogSumExp)
      return ExpSiteKind::LogSumExp;
    return ExpSiteKind::Unbounded;
  }

private:
  struct Terms {
    SmallPtrSet<const CallExpr *, 4> Calls;
    SmallPtrSet<const ValueDecl *, 4> Carriers;
  };

  /// The exp calls that reach a sum, directly or through a carrier
  /// (`y[i] = exp(..); sum += y[i];`).
  SmallPtrSet<const CallExpr *, 8> calls(const ValueDecl *Sum) const {
    SmallPtrSet<const CallExpr *, 8> Out;
    auto It = SumTerms.find(Sum);
    if (It == SumTerms.end())
      return Out;
    Out.insert(It->second.Calls.begin(), It->second.Calls.end());
    for (const ValueDecl *C : It->second.Carriers) {
      auto Stored = CarrierCalls.find(C);
      if (Stored != CarrierCalls.end())
        Out.insert(Stored->second.begin(), Stored->second.end());
    }
    return Out;
  }

  void collectTerms(const Expr *E, Terms &Out) const {
    E = stripConversions(E);
    if (const CallExpr *Call = asExpCall(E)) {
      Out.Calls.insert(Call);
      return;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(E)) {
      if (BO->getOpcode() == BO_Add || BO->getOpcode() == BO_Mul) {
        collectTerms(BO->getLHS(), Out);
        collectTerms(BO->getRHS(), Out);
      }
      return;
    }
    if (const ValueDecl *Root = rootDecl(E))
      Out.Carriers.insert(Root);
  }

  void addSum(const ValueDecl *Sum, const Expr *RHS) {
    if (!Sum)
      return;
    Terms T;
    collectTerms(RHS, T);
    T.Carriers.erase(Sum);
    if (T.Calls.empty() && T.Carriers.empty())
      return;
    Terms &Into = SumTerms[Sum];
    Into.Calls.insert(T.Calls.begin(), T.Calls.end());
    Into.Carriers.insert(T.Carriers.begin(), T.Carriers.end());
  }

  void visit(const Stmt *S) {
    if (!S)
      return;
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      const Expr *LHS = BO->getLHS(), *RHS = BO->getRHS();
      switch (BO->getOpcode()) {
      case BO_Assign:
        if (const CallExpr *Call = asExpCall(RHS)) {
          if (const ValueDecl *Root = rootDecl(LHS))
            CarrierCalls[Root].insert(Call);
        } else if (const auto *Add = dyn_cast<BinaryOperator>(
                       RHS->IgnoreParenImpCasts());
                   Add && Add->getOpcode() == BO_Add) {
          // sum = sum + exp(..)   (or sum * r + exp(..) in online form)
          const ValueDecl *Root = rootDecl(LHS);
          Terms T;
          collectTerms(Add, T);
          if (Root && T.Carriers.count(Root))
            addSum(Root, Add);
        }
        break;
      case BO_AddAssign:
        addSum(rootDecl(LHS), RHS);
        break;
      case BO_Div:
      case BO_DivAssign: {
        // The divisor is a sum (`/ sum`, `/ (sum + eps)`) or written out.
        const Expr *Den = RHS->IgnoreParenImpCasts();
        const ValueDecl *Divisor = rootDecl(Den);
        if (const auto *Add = dyn_cast<BinaryOperator>(Den);
            !Divisor && Add && Add->getOpcode() == BO_Add)
          Divisor = rootDecl(Add->getLHS());
        if (Divisor) {
          Divisors.insert(Divisor);
          if (const CallExpr *Call = asExpCall(LHS))
            Divisions.push_back({Call, Divisor});
          else if (const ValueDecl *Carrier = rootDecl(LHS);
                   Carrier && BO->getOpcode() == BO_Div)
            CarrierDivisions.push_back({Carrier, Divisor});
          break;
        }
        // exp(a) / (exp(a) + exp(b)): a softmax written out.
        Terms Den2;
        collectTerms(Den, Den2);
        if (Den2.Calls.size() >= 2) {
          if (const CallExpr *Call = asExpCall(LHS))
            DirectSoftmaxTerms.insert(Call);
          DirectSoftmaxTerms.insert(Den2.Calls.begin(), Den2.Calls.end());
        }
        break;
      }
      default:
        break;
      }
    } else if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *VD = dyn_cast<VarDecl>(D))
          if (VD->getInit())
            if (const CallExpr *Call = asExpCall(VD->getInit()))
              CarrierCalls[VD].insert(Call);
    } else if (const auto *MC = dyn_cast<CXXMemberCallExpr>(S);
               MC && MC->getNumArgs() == 1 && MC->getMethodDecl() &&
               MC->getMethodDecl()->getIdentifier() &&
               (MC->getMethodDecl()->getName() == "push_back" ||
                MC->getMethodDecl()->getName() == "emplace_back")) {
      // p.push_back(exp(..)); z += p.back();
      if (const CallExpr *Call = asExpCall(MC->getArg(0)))
        if (const ValueDecl *Root = rootDecl(MC->getImplicitObjectArgument()))
          CarrierCalls[Root].insert(Call);
    } else if (const auto *Call = dyn_cast<CallExpr>(S)) {
      const MathFunctionInfo *F = getMathCall(Call);
      // isinf(w), !isfinite(w * w), isnan(w): the variables tested, and
      // where.
      if (F && Call->getNumArgs() == 1 &&
          (F->Kind == MathKind::IsInf || F->Kind == MathKind::IsFinite ||
           F->Kind == MathKind::IsNan)) {
        SmallPtrSet<const ValueDecl *, 4> Read;
        collectRoots(Call->getArg(0), Read);
        for (const ValueDecl *D : Read)
          OverflowTests[D].push_back(Call->getBeginLoc());
      }
      if (F && (F->Kind == MathKind::Log || F->Kind == MathKind::Log1p) &&
          Call->getNumArgs() == 1) {
        const Expr *Arg = Call->getArg(0)->IgnoreParenImpCasts();
        // log(s / n) = log(s) - log(n): a log-mean-exp.
        if (const auto *Div = dyn_cast<BinaryOperator>(Arg);
            Div && Div->getOpcode() == BO_Div)
          Arg = Div->getLHS()->IgnoreParenImpCasts();
        if (const ValueDecl *Root = rootDecl(Arg)) {
          LogArgs.insert(Root);
        } else {
          Terms T;
          collectTerms(Arg, T); // log(sum + eps) is still a log of the sum
          LogArgs.insert(T.Carriers.begin(), T.Carriers.end());
          if (T.Calls.size() >= 2 ||
              (F->Kind == MathKind::Log && !T.Calls.empty() &&
               isa<BinaryOperator>(Arg)))
            DirectLogTerms.insert(T.Calls.begin(), T.Calls.end());
        }
      }
    }
    for (const Stmt *Child : S->children())
      visit(Child);
  }

public:
  /// Whether the function tests \p D for an overflow after \p Loc.
  bool testedAfter(const ValueDecl *D, SourceLocation Loc,
                   const SourceManager &SM) const {
    auto It = OverflowTests.find(D);
    return It != OverflowTests.end() &&
           llvm::any_of(It->second, [&](SourceLocation Test) {
             return SM.isBeforeInTranslationUnit(Loc, Test);
           });
  }

private:
  DenseMap<const ValueDecl *, Terms> SumTerms;
  DenseMap<const ValueDecl *, SmallVector<SourceLocation, 1>> OverflowTests;
  DenseMap<const ValueDecl *, SmallPtrSet<const CallExpr *, 4>> CarrierCalls;
  SmallPtrSet<const ValueDecl *, 4> Divisors;
  SmallPtrSet<const ValueDecl *, 4> LogArgs;
  SmallPtrSet<const CallExpr *, 4> DirectLogTerms;
  SmallPtrSet<const CallExpr *, 4> DirectSoftmaxTerms;
  std::vector<std::pair<const CallExpr *, const ValueDecl *>> Divisions;
  std::vector<std::pair<const ValueDecl *, const ValueDecl *>> CarrierDivisions;
};
} // namespace

/// The nearest enclosing expression that is not parentheses or a cast.
static const Expr *parentExpr(const Expr *E, ASTContext &Ctx,
                              const Expr **Child = nullptr) {
  return dyn_cast_or_null<Expr>(userOf(E, Ctx, Child));
}

/// The scans of the bodies of this translation unit, each made once.
static thread_local DenseMap<const Stmt *, std::unique_ptr<SoftmaxScan>> Scans;

static const SoftmaxScan &scanOf(const Stmt *Body) {
  auto It = Scans.find(Body);
  if (It != Scans.end())
    return *It->second;
  auto Scan = std::make_unique<SoftmaxScan>(Body);
  const SoftmaxScan *Result = Scan.get();
  Scans[Body] = std::move(Scan);
  return *Result;
}

bool nonFiniteResultIsHandled(const Expr *Op, unsigned Kinds,
                              ASTContext &Ctx) {
  const VarDecl *Kept = keptInLocal(Op, Ctx);
  const Stmt *Body = Kept ? enclosingBody(Op, Ctx) : nullptr;
  if (Body && scanOf(Body).testedAfter(Kept, Op->getEndLoc(),
                                        Ctx.getSourceManager()))
    return true;
  return nonFiniteIsAbsorbed(Op, Kinds, Ctx);
}

bool isSumOfExps(const Expr *E, ASTContext &Ctx) {
  E = E->IgnoreParenImpCasts();
  const Stmt *Body = enclosingBody(E, Ctx);
  if (!Body)
    return false;
  const SoftmaxScan &Scan = scanOf(Body);
  if (const ValueDecl *Root = rootDecl(E))
    return Scan.isExpSum(Root);
  if (!Scan.expTerms(E).empty())
    return true;
  // log(sum + eps)
  const auto *Add = dyn_cast<BinaryOperator>(E);
  return Add && Add->getOpcode() == BO_Add &&
         (Scan.isExpSum(rootDecl(Add->getLHS())) ||
          Scan.isExpSum(rootDecl(Add->getRHS())));
}


static void productFactors(const Expr *E, SmallVectorImpl<const Expr *> &Out) {
  E = E->IgnoreParenImpCasts();
  if (const auto *BO = dyn_cast<BinaryOperator>(E);
      BO && BO->getOpcode() == BO_Mul) {
    productFactors(BO->getLHS(), Out);
    productFactors(BO->getRHS(), Out);
    return;
  }
  if (const auto *UO = dyn_cast<UnaryOperator>(E);
      UO && UO->getOpcode() == UO_Minus) {
    productFactors(UO->getSubExpr(), Out);
    return;
  }
  Out.push_back(E);
}

const Expr *plogpFactor(const CallExpr *LogCall, ASTContext &Ctx) {
  const MathFunctionInfo *F = getMathCall(LogCall);
  if (!F || F->Kind != MathKind::Log || LogCall->getNumArgs() != 1)
    return nullptr;
  const Expr *Arg = LogCall->getArg(0)->IgnoreParenImpCasts();
  if (const auto *Div = dyn_cast<BinaryOperator>(Arg);
      Div && Div->getOpcode() == BO_Div)
    Arg = Div->getLHS()->IgnoreParenImpCasts(); // p * log(p / q)
  const Expr *Child = nullptr;
  const Expr *P = parentExpr(LogCall, Ctx, &Child);
  if (const auto *UO = dyn_cast_or_null<UnaryOperator>(P);
      UO && UO->getOpcode() == UO_Minus)
    P = parentExpr(UO, Ctx, &Child);
  const auto *Mul = dyn_cast_or_null<BinaryOperator>(P);
  if (!Mul || Mul->getOpcode() != BO_Mul)
    return nullptr;
  const Expr *Other = Child == Mul->getLHS() ? Mul->getRHS() : Mul->getLHS();
  SmallVector<const Expr *, 4> Factors;
  productFactors(Other, Factors);
  for (const Expr *Factor : Factors)
    if (sameValue(Factor, Arg, Ctx))
      return Factor;
  return nullptr;
}

const BinaryOperator *naiveSigmoid(const CallExpr *ExpCall, ASTContext &Ctx) {
  const Expr *Child = nullptr;
  const Expr *P = parentExpr(ExpCall, Ctx, &Child);
  const BinaryOperator *Div = nullptr;
  const CallExpr *Numerator = nullptr;
  if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P)) {
    if (BO->getOpcode() == BO_Div && Child == BO->getLHS()) {
      Div = BO;
      Numerator = ExpCall;
    } else if (BO->getOpcode() == BO_Add) {
      const Expr *AddChild = nullptr;
      const auto *Outer =
          dyn_cast_or_null<BinaryOperator>(parentExpr(BO, Ctx, &AddChild));
      if (Outer && Outer->getOpcode() == BO_Div && AddChild == Outer->getRHS()) {
        Div = Outer;
        Numerator = asExpCall(Outer->getLHS());
      }
    }
  }
  if (!Div || !Numerator)
    return nullptr;
  // The denominator: 1 + exp(x) or exp(x) + 1, with the numerator's x.
  const auto *Add =
      dyn_cast<BinaryOperator>(Div->getRHS()->IgnoreParenImpCasts());
  if (!Add || Add->getOpcode() != BO_Add)
    return nullptr;
  const CallExpr *Den = asExpCall(Add->getRHS());
  const Expr *Constant = Add->getLHS();
  if (!Den) {
    Den = asExpCall(Add->getLHS());
    Constant = Add->getRHS();
  }
  Expr::EvalResult One;
  if (!Den || Constant->isValueDependent() ||
      !Constant->EvaluateAsRValue(One, Ctx) ||
      !sameValue(Den->getArg(0), Numerator->getArg(0), Ctx) ||
      getMathCall(Den)->Kind != getMathCall(Numerator)->Kind)
    return nullptr;
  return Div;
}

const CallExpr *asExpCallForSigmoid(const Expr *E) { return asExpCall(E); }

/// raw-exp, naive-softmax and naive-sigmoid ask about the same calls: each
/// is classified once per translation unit.
static thread_local DenseMap<const CallExpr *, ExpSite> SiteCache;

void forgetExpSites() {
  SiteCache.clear();
  Scans.clear();
}

static ExpSite classifyUncached(const CallExpr *Call, ASTContext &Ctx);

ExpSite classifyExpCall(const CallExpr *Call, ASTContext &Ctx) {
  auto It = SiteCache.find(Call);
  if (It != SiteCache.end())
    return It->second;
  ExpSite Site = classifyUncached(Call, Ctx);
  SiteCache[Call] = Site;
  return Site;
}

static ExpSite classifyUncached(const CallExpr *Call, ASTContext &Ctx) {
  ExpSite Site;
  const MathFunctionInfo *F = getMathCall(Call);
  if (!F || !isExpFamily(F->Kind) || Call->getNumArgs() != 1)
    return Site;
  Site.Function = F;
  Site.Precision = precisionOf(Call->getType());
  if (Site.Precision == FPPrecision::Generic)
    Site.Precision = FPPrecision::Double;
  Site.Threshold = F->kind().overflowThreshold(Site.Precision);

  ValueFacts Facts(Ctx, Call);
  if (Facts.range(Call->getArg(0)).isAtMost(Site.Threshold) ||
      Facts.isScaledNonPositive(Call->getArg(0))) {
    Site.Kind = ExpSiteKind::Bounded;
    return Site;
  }
  if (naiveSigmoid(Call, Ctx)) {
    Site.Kind = ExpSiteKind::Sigmoid;
    return Site;
  }
  if (const Stmt *Body = enclosingBody(Call, Ctx)) {
    Site.Kind = scanOf(Body).classify(Call);
    if (Site.Kind != ExpSiteKind::Unbounded)
      return Site;
  }
  Site.Kind = nonFiniteResultIsHandled(Call, PosInf, Ctx)
                  ? ExpSiteKind::Harmless
                  : ExpSiteKind::Unbounded;
  return Site;
}

} // namespace nanguard
