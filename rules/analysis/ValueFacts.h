//===- ValueFacts.h - What is known about a value at a point ----*- C++ -*-===//
//
// The questions every rule asks ("is this provably > 0 here? bounded
// above? shifted by its maximum? does it carry an epsilon?"), answered from
// the state the flow analysis (FlowAnalysis.h) computed for the point, and
// the expression itself: constants, types, the math table, arithmetic,
// the idiom models, the name hints. The transfer functions of the flow
// analysis ask the same questions of the state they are building.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_VALUEFACTS_H
#define NANGUARD_RULES_ANALYSIS_VALUEFACTS_H

#include "ExprHelpers.h"
#include "FlowState.h"
#include "Interval.h"
#include "NameHints.h"
#include "llvm/ADT/SmallVector.h"
#include <memory>

namespace nanguard {

class FunctionFlow;

class ValueFacts {
public:
  /// Facts about expressions evaluated at \p UsePoint (an expression of a
  /// function body): the state of the function's flow just before it.
  ValueFacts(clang::ASTContext &Ctx, const clang::Stmt *UsePoint);
  /// Facts in a state of \p Flow that is being computed.
  ValueFacts(FunctionFlow &Flow, State &S);
  ~ValueFacts();
  ValueFacts(const ValueFacts &) = delete;
  ValueFacts &operator=(const ValueFacts &) = delete;

  Interval range(const clang::Expr *E);
  bool isProvablyPositive(const clang::Expr *E) {
    return range(E).isPositive();
  }
  bool isProvablyNonZero(const clang::Expr *E) { return range(E).isNonZero(); }

  /// `x + eps`: positive, or a sum with a positive term (a literal, a
  /// constant, a value named epsilon), so an epsilon is there whatever x
  /// is; also a variable every value of which (reaching here) carries one.
  bool carriesEpsilon(const clang::Expr *E, unsigned Depth = 0);

  /// A value <= 0 (a max-shifted difference, `-fabs(r)`, `-e` with e > 0)
  /// multiplied or divided by a scale whose sign is not known (a plain
  /// variable: a temperature, kT, a softmax scale): `(x - m) / t`,
  /// `-delta / kT`. The scale is taken to be positive, a documented
  /// heuristic; `-beta * e` (no factor of known sign but constants) is not.
  bool isScaledNonPositive(const clang::Expr *E);

  /// Whether a value is (built from) a spread: a sqrt or rsqrt, a variable
  /// computed by one, or a value whose name says std/var/norm.
  bool involvesSpread(const clang::Expr *E, unsigned Depth = 0);
  /// Whether a value is (built from) a difference, which can cancel below
  /// 0: `a - b`, a product with one, the numerator of a quotient, or a
  /// variable given one.
  bool involvesDifference(const clang::Expr *E, unsigned Depth = 0);

  /// Value - Max <= 0: \p Max bounds \p Value from above.
  bool isMaxOf(const clang::Expr *Max, const clang::Expr *Value);
  /// The best known bound C on A - B <= C.
  std::optional<double> upperDifference(const clang::Expr *A,
                                        const clang::Expr *B,
                                        unsigned Depth = 0);

  /// exp(x - m) with m bounding the x's (through positive scales), or a
  /// value that holds one.
  bool isShiftedExp(const clang::Expr *E, unsigned Depth = 0);
  /// A sum of such exps (>= 1: the maximum's own term is exp(0)).
  bool isSumOfShiftedExps(const clang::Expr *E, unsigned Depth = 0);
  /// The traits (FlowState.h) a value carries.
  unsigned traits(const clang::Expr *E);

  /// A slot plus an offset: `m`, `m + eps`, `x[i] - 1`.
  struct Linear {
    SlotId Slot;
    Interval Offset;
  };
  std::optional<Linear> linear(const clang::Expr *E);
  /// What a new value v = E is known to satisfy against the slots:
  /// v - Other <= Above and Other - v <= Below.
  struct Bound {
    SlotId Other;
    double Above;
    double Below;
  };
  llvm::SmallVector<Bound, 4> relationsOf(const clang::Expr *E);

  /// Refines the state with the truth of a condition.
  void assume(const clang::Expr *Cond, bool Truth);

  State &state() { return *S; }
  /// The slots of the function, or null outside any function.
  SlotTable *slots();
  std::optional<SlotId> slot(const clang::Expr *E);
  /// The facts of a slot: its own, or for an element without any, those of
  /// its summary.
  const SlotFact *factOf(SlotId Sl) const;
  /// The bound on A - B, through the summaries of elements where the
  /// elements themselves have none.
  std::optional<double> diffOf(SlotId A, SlotId B);

  /// The range a variable has without any flow fact: its type (unsigned
  /// and bool), and its name (eps > 0, std/var/norm >= 0, steps >= 0).
  Interval declaredRange(const clang::VarDecl *VD) const;
  Interval typeRange(clang::QualType T) const;

private:
  ValueFacts(const ValueFacts &Parent, State &S);
  Interval evaluate(const clang::Expr *E);
  Interval evaluateUncached(const clang::Expr *E);
  Interval evaluateArithmetic(const Arithmetic &A, const clang::Expr *E);
  Interval evaluateProduct(const clang::Expr *E);
  Interval evaluateCall(const clang::CallExpr *Call);
  /// The range the flow holds for a slot, if it holds one.
  std::optional<Interval> followedRange(const clang::Expr *E);
  Interval evaluateVariable(const clang::VarDecl *VD,
                            const clang::DeclRefExpr *Use);
  void refine(const clang::Expr *Subject, const Interval &I,
              unsigned Depth = 0);
  void refineOne(const clang::Expr *Subject, const Interval &I);
  void refineOperands(const clang::Expr *E, const Interval &I,
                      unsigned Depth);
  bool accumulatesShiftedExps(const clang::CallExpr *Call);

  clang::ASTContext &Ctx;
  FunctionFlow *Flow = nullptr;
  std::unique_ptr<State> Owned;
  State *S;
  bool InsideGuardFunction = false;
  unsigned Depth = 0;
  /// Evaluation steps of the query in progress, shared with the facts made
  /// for its hypotheses (assume): a query that would take more steps (a
  /// chain of conditional initialisers that do not fold, each evaluated
  /// under the hypotheses of the next) gives the type's range instead.
  unsigned OwnSteps = 0;
  unsigned *Steps = &OwnSteps;
};

} // namespace nanguard

#endif
