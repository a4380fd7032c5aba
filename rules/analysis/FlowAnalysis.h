//===- FlowAnalysis.h - One forward analysis per function -------*- C++ -*-===//
//
// The value facts of a function (or lambda, or block) come from one forward
// analysis over Clang's CFG, computed the first time a rule asks about the
// function and kept for the translation unit:
//
//  * a worklist in reverse post-order over the CFG's blocks, with every
//    expression an element, so a state exists just before each one;
//  * transfer functions for declarations, assignments, compound
//    assignments, increments, stores into arrays (a summary of the
//    elements), calls that may change what they are passed, and the idiom
//    models (Models.h), reading values with ValueFacts;
//  * refinement on the edges out of a branch by its condition (if, loops,
//    ?:, && and ||, a bool variable that holds a condition), join at
//    merges, widening at blocks visited repeatedly (loop heads).
//
// Clang's CFG with a worklist of our own, rather than the FlowSensitive
// framework: the framework models values as boolean formulas over storage
// locations for a SAT solver, which has no place for intervals and
// difference bounds, and costs far more than this lint can spend per
// function.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_FLOWANALYSIS_H
#define NANGUARD_RULES_ANALYSIS_FLOWANALYSIS_H

#include "FlowState.h"
#include "clang/Analysis/CFG.h"
#include <memory>
#include <vector>

namespace nanguard {

class FunctionFlow {
public:
  FunctionFlow(clang::ASTContext &Ctx, const clang::Decl *Owner,
               const clang::Stmt *Body);
  ~FunctionFlow();

  /// The state just before \p S is evaluated; an empty state (nothing
  /// known) where the analysis has none.
  State stateBefore(const clang::Stmt *S);

  SlotTable &slots() { return Slots; }
  /// The function (or lambda) whose body this is.
  const clang::Decl *owner() const { return Owner; }
  /// The state where the function ends (unreachable when it cannot end).
  State exitState();
  clang::ASTContext &context() { return Ctx; }
  /// Whether the analysis ran to its end (false: a CFG could not be built
  /// or the loop limit was hit; every state is then empty).
  bool complete() const { return Complete; }
  /// Computed without the seeds its callers give (while seeding another).
  bool Provisional = false;

private:
  void run(State Start);
  State lambdaEntry(const clang::Decl *Owner, const clang::Stmt *Body);
  void seedFromCallers(const clang::Decl *Owner, State &Start);
  void transferBlock(const clang::CFGBlock &B, State &St, unsigned Upto);
  void transfer(const clang::Stmt *S, State &St);
  void assign(const clang::Expr *Target, const clang::Expr *Value,
              clang::BinaryOperatorKind Op, State &St);
  void store(SlotId Slot, const clang::Expr *Value, State &St);
  void invalidate(const clang::Expr *Arg, State &St);
  void returnedFields(const clang::VarDecl *VD, const clang::CallExpr *Call,
                      State &St);
  void selectedFields(const clang::VarDecl *VD,
                      const clang::ConditionalOperator *CO, State &St);
  State refineEdge(const clang::CFGBlock &From, unsigned SuccIndex,
                   const State &Out);

  clang::ASTContext &Ctx;
  const clang::Decl *Owner;
  SlotTable Slots;
  std::unique_ptr<clang::CFG> Cfg;
  bool Complete = false;
  std::vector<std::unique_ptr<State>> Entry; // per block id
  std::vector<const clang::CFGBlock *> ById;
  llvm::DenseMap<const clang::Stmt *, std::pair<unsigned, unsigned>> Positions;
  // The last state computed inside a block, to answer the next question in
  // the same block without starting over.
  unsigned CursorBlock = ~0u, CursorIndex = 0;
  State Cursor;
};

/// The flow of the function \p Owner with body \p Body, computed once per
/// translation unit.
FunctionFlow *flowFor(clang::ASTContext &Ctx, const clang::Decl *Owner,
                      const clang::Stmt *Body);
/// Forgets the flows of the last translation unit.
void forgetFlows();

} // namespace nanguard

#endif
