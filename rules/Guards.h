//===- Guards.h - What is known about a value at a use ----------*- C++ -*-===//
//
// The value facts every rule asks about: "is this expression provably > 0,
// >= 0, non-zero, bounded above, shifted by its maximum?" The answer comes
// from the AST and the flow of values, not from source text:
//
//  * an interval for each expression, built bottom-up from constants, types
//    (unsigned is >= 0), math functions (fabs >= 0, fmax(x, c) >= c, ...)
//    and arithmetic (squares are >= 0, a positive plus a non-negative is
//    positive, ...);
//  * local variables are followed to every value they are given (their
//    initialiser, assignments, compound updates), with a small widening
//    fixpoint, so `float d = fabs(x) + 1e-9f; log(d)` is safe and
//    `float d = x - 1; log(d)` is not;
//  * the conditions that dominate the use in structured code (enclosing `if`,
//    `?:`, `&&`, loop conditions, an earlier `if (v <= 0) return;`, assert)
//    narrow the interval of the expressions they compare;
//  * documented heuristics for what a single function cannot show: a
//    variable or parameter whose name says epsilon is a small positive
//    number; one whose name says std/var/norm is >= 0; a parameter or call
//    whose name says max is the maximum.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_GUARDS_H
#define NANGUARD_RULES_GUARDS_H

#include "MathFunctions.h"
#include <optional>
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallPtrSet.h"
#include <limits>
#include <memory>
#include <vector>

namespace nanguard {

/// What a configuration adds to the analysis (CheckOptions, global keys):
///   MathWrappers   "my_exp=exp;fast_log=logf": a user's wrapper is analysed
///                  as the function it wraps (matched by name, any namespace);
///   GuardFunctions "clamp_prob;stable_softmax": a guard function's result,
///                  and every value inside its body, is trusted;
///   NameHints      true|false: whether names (eps, std/var/norm, max) count
///                  as evidence.
struct AnalysisSettings {
  llvm::StringMap<std::string> Wrappers;
  llvm::StringMap<bool> GuardFunctions;
  bool NameHints = true;
};
/// The settings of the translation unit being analysed on this thread.
const AnalysisSettings &analysisSettings();
void setAnalysisSettings(llvm::StringRef Wrappers,
                         llvm::StringRef GuardFunctions, bool NameHints);

/// A closed or open interval of real values, plus "known to be non-zero".
struct Interval {
  double Lo = -std::numeric_limits<double>::infinity();
  double Hi = std::numeric_limits<double>::infinity();
  bool LoOpen = false;
  bool HiOpen = false;
  bool NonZero = false;

  static Interval all() { return {}; }
  /// What a guard function returns: safe for every rule (in (0, 1]).
  static Interval trusted() { return {0, 1, true, false, true}; }
  static Interval point(double V);
  static Interval atLeast(double V, bool Open = false);
  static Interval atMost(double V, bool Open = false);

  bool isPositive() const { return Lo > 0 || (Lo == 0 && LoOpen); }
  bool isNegative() const { return Hi < 0 || (Hi == 0 && HiOpen); }
  bool isNonNegative() const { return Lo >= 0; }
  bool isNonPositive() const { return Hi <= 0; }
  bool isNonZero() const { return NonZero || isPositive() || isNegative(); }
  /// Every value is > C.
  bool isAbove(double C) const { return Lo > C || (Lo == C && LoOpen); }
  /// Every value is <= C.
  bool isAtMost(double C) const { return Hi <= C; }
  bool isBoundedAbove() const {
    return Hi < std::numeric_limits<double>::infinity();
  }

  Interval meet(const Interval &O) const;
  Interval join(const Interval &O) const;
  bool operator==(const Interval &O) const;
};

/// The math function a call names, if the table knows it: `log`, `::logf`,
/// `std::log`, `__builtin_log` (not a user's own `log` in a namespace).
const MathFunctionInfo *getMathCall(const clang::CallExpr *Call);

/// The one-argument (or, for Pow, two-argument) call an expression is,
/// through parentheses and implicit casts, when its function's kind is one
/// of \p Kinds; null otherwise.
/// The floating format of a type: the builtin ones and CUDA's half and
/// bfloat16 classes; null for any other type.
const llvm::fltSemantics *floatSemantics(clang::QualType T,
                                         const clang::ASTContext &Ctx);

/// An arithmetic operation however it is written: `a / b`, `__hdiv(a, b)`,
/// `__fdiv_rn(a, b)`, or an overloaded operator on CUDA's __half.
struct Arithmetic {
  clang::BinaryOperatorKind Op; // BO_Add, BO_Sub, BO_Mul or BO_Div
  const clang::Expr *LHS;
  const clang::Expr *RHS;
};
std::optional<Arithmetic> asArithmetic(const clang::Expr *E);

/// \p E without parentheses, implicit casts and conversion calls
/// (`__half2float(hexp(h))` is the hexp call).
const clang::Expr *stripConversions(const clang::Expr *E);

const clang::CallExpr *asMathCall(const clang::Expr *E,
                                  std::initializer_list<MathKind> Kinds);

/// The floating precision of a type (Generic when not floating).
FPPrecision precisionOf(clang::QualType T);

/// The declaration an expression is rooted at: `x` for `x`, `x[i]`, `x.f`,
/// `*(x + i)`; null when there is none.
const clang::ValueDecl *rootDecl(const clang::Expr *E);

/// Two expressions denote the same value (same variable, or structurally
/// identical after parentheses and implicit casts).
bool sameValue(const clang::Expr *A, const clang::Expr *B,
               const clang::ASTContext &Ctx);

/// The function body (or lambda body) that contains a statement.
const clang::Stmt *enclosingBody(const clang::Stmt *S,
                                 clang::ASTContext &Ctx,
                                 const clang::Decl **Owner = nullptr);

/// True when the statement sits in a template instantiation, where a fix
/// written for one type would be wrong for another.
bool isInTemplateInstantiation(const clang::Stmt *S, clang::ASTContext &Ctx);

/// The heuristic for epsilon names: eps, kEps, EPSILON, layer_norm_eps, ...
bool nameSaysEpsilon(llvm::StringRef Name);

/// The heuristic for names of a spread: std, stddev, sigma, var, variance,
/// norm, rms (as a word of the identifier: running_var, layerNorm).
/// Such a value is taken to be >= 0, and dividing by it needs an epsilon.
bool nameSaysSpread(llvm::StringRef Name);

/// Every value given to a variable in a body: its initialiser (first, may be
/// null), then the right-hand sides of its assignments. Sets \p Escapes when
/// the variable's address is taken or it is bound to a non-const reference,
/// so its values cannot all be seen.
struct VariableDefinitions {
  const clang::Expr *Init = nullptr;
  struct Update {
    clang::BinaryOperatorKind Op; ///< BO_Assign, BO_AddAssign, ...
    const clang::Expr *RHS;       ///< null for ++/--
    const clang::Stmt *Where;
  };
  std::vector<Update> Updates;
  bool Escapes = false;
};
VariableDefinitions findDefinitions(const clang::VarDecl *VD,
                                    const clang::Stmt *Body);

/// Whether a value is (built from) a spread: a sqrt or rsqrt, a variable
/// computed by one, or a value whose name says std/var/norm.
bool involvesSpread(const clang::Expr *E, const clang::Stmt *Body,
                    unsigned Depth = 0);

/// Answers value questions about expressions at one program point.
class ValueFacts {
public:
  /// Facts about expressions evaluated at \p UsePoint (a sub-expression of a
  /// function body); the conditions that dominate it are taken into account.
  ValueFacts(clang::ASTContext &Ctx, const clang::Stmt *UsePoint);
  ~ValueFacts();

  Interval range(const clang::Expr *E);

  bool isProvablyPositive(const clang::Expr *E) {
    return range(E).isPositive();
  }
  bool isProvablyNonZero(const clang::Expr *E) { return range(E).isNonZero(); }

  /// `x + eps`: positive, or a sum with a positive term (a literal, a
  /// constant, a value named epsilon), so an epsilon is there whatever x is.
  bool carriesEpsilon(const clang::Expr *E, unsigned Depth = 0);

  /// A value <= 0 (a max-shifted difference, `-fabs(r)`, `-e` with e > 0)
  /// multiplied or divided by a scale whose sign is not known (a plain
  /// variable: a temperature, kT, a softmax scale): `(x - m) / t`,
  /// `-delta / kT`. The scale is taken to be positive, a documented
  /// heuristic; `-beta * e` (no factor of known sign but constants) is not.
  bool isScaledNonPositive(const clang::Expr *E);

  /// \p Max is the maximum of a set of values that includes \p Value (or
  /// \p Value's array), so Value - Max <= 0.
  bool isMaxOf(const clang::Expr *Max, const clang::Expr *Value);

private:
  struct Assumption {
    const clang::Expr *Subject;
    Interval Range;
  };

  Interval evaluate(const clang::Expr *E);
  Interval evaluateUncached(const clang::Expr *E);
  Interval evaluateArithmetic(const Arithmetic &A, const clang::Expr *E);
  Interval evaluateProduct(const clang::Expr *E);
  Interval evaluateCall(const clang::CallExpr *Call);
  Interval evaluateVariable(const clang::VarDecl *VD,
                            const clang::DeclRefExpr *Use);
  Interval variableSummary(const clang::VarDecl *VD);
  Interval evaluateAtDefinition(const clang::Expr *Def);
  bool isMaxShiftedExp(const clang::Expr *E, unsigned Depth = 0);
  bool isSumOfMaxShiftedExps(const clang::VarDecl *VD);
  bool isAccumulatedMaxShiftedExps(const clang::CallExpr *Call);
  Interval declaredRange(const clang::VarDecl *VD) const;
  const VariableDefinitions &definitions(const clang::VarDecl *VD);
  class Flow;
  Flow &flow();
  Interval typeRange(clang::QualType T) const;
  bool isExtremeOf(const clang::Expr *Extreme, const clang::Expr *Value,
                   bool Min, unsigned Depth);
  bool definitionsKeepExtreme(const clang::ValueDecl *Self,
                              llvm::ArrayRef<const clang::Expr *> Defs,
                              llvm::ArrayRef<const clang::Stmt *> Wheres,
                              const clang::Expr *Value, bool Min,
                              unsigned Depth);
  bool isExtremeLikeDefinition(const clang::Expr *Def,
                               const clang::Expr *Value, bool Min);
  const clang::ValueDecl *iterationSource(const clang::ValueDecl *D);
  bool sharesSource(const clang::Expr *A, const clang::Expr *B);
  const clang::Expr *singleDefinition(const clang::Expr *E);

  void collectDominatingConditions(const clang::Stmt *UsePoint);
  void assume(const clang::Expr *Cond, bool Truth);
  void assumeRepaired(const clang::IfStmt *If);

  clang::ASTContext &Ctx;
  const clang::Stmt *Body = nullptr;
  const clang::Decl *Owner = nullptr;
  std::unique_ptr<Flow> FunctionFlow;
  llvm::DenseMap<const clang::VarDecl *, VariableDefinitions> DefinitionCache;
  llvm::DenseMap<const clang::DeclRefExpr *, Interval> UseCache;
  llvm::SmallPtrSet<const clang::DeclRefExpr *, 4> UsesInProgress;
  std::vector<Assumption> Assumptions;
  /// Containers known not to be empty here (`if (v.empty()) return;`).
  llvm::SmallPtrSet<const clang::ValueDecl *, 2> NonEmpty;
  /// Pairs known to differ here (`if (t1 == t0) return;`): their
  /// difference is non-zero.
  std::vector<std::pair<const clang::Expr *, const clang::Expr *>> Distinct;
  llvm::DenseMap<const clang::VarDecl *, Interval> InProgress;
  llvm::DenseMap<const clang::VarDecl *, Interval> VariableCache;
  llvm::DenseMap<const clang::ValueDecl *, const clang::ValueDecl *>
      RangeSources;
  bool RangeSourcesBuilt = false;
  unsigned Depth = 0;
  bool InsideGuardFunction = false;
};

} // namespace nanguard

#endif
