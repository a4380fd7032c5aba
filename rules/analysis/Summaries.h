//===- Summaries.h - What small functions of the TU do with values -*- C++ -*-===//
//
// Summaries of the functions of a translation unit, computed from their
// own flow (FlowAnalysis.h) the first time a rule asks, and kept for the
// translation unit:
//
//  * a clamp: a function every return of which gives its first argument
//    bounded by two others, or one of those two (`Clip(x, lo, hi)`);
//  * the range of what a function returns (`sqr(x)` >= 0), over every
//    value its parameters may take;
//  * callers that clamp: every call of a function in the translation unit
//    hands its value to a clamp (directly, or through a local variable
//    used only that way afterwards), so an infinite result is clipped
//    where it is used.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_SUMMARIES_H
#define NANGUARD_RULES_ANALYSIS_SUMMARIES_H

#include "Interval.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include <optional>

namespace nanguard {

/// Whether every call of \p F in the translation unit (found by name, so
/// also the calls a template makes before it is instantiated) clamps the
/// value F returns: std::clamp, min(max(v, lo), hi) in either order, or a
/// function of the translation unit whose summary is a clamp. A NaN passes
/// through all of these; an infinity does not. False when the translation
/// unit has no such call.
bool everyCallerClamps(const clang::FunctionDecl *F, clang::ASTContext &Ctx);

/// \p E is what its function returns: the operand of a return statement,
/// or an arm of a conditional operator that is; then the function.
const clang::FunctionDecl *returnedBy(const clang::Expr *E,
                                      clang::ASTContext &Ctx);

/// The range of every value a function of the translation unit returns,
/// whatever its arguments (the join of its returns, each in the state its
/// own flow holds there); none for a function without a body here, a
/// recursive one, or one nested too deep in another's summary.
std::optional<Interval> returnedRange(const clang::FunctionDecl *F,
                                      clang::ASTContext &Ctx);

/// The calls of a function that only this translation unit can call (static,
/// or in an anonymous namespace) whose address is never taken: all its
/// callers. None otherwise, or when nothing calls it.
std::optional<llvm::SmallVector<const clang::CallExpr *, 4>>
callersOf(const clang::FunctionDecl *F, clang::ASTContext &Ctx);

/// The calls of the translation unit that call \p Name (found by name, so
/// also a template's dependent calls), instantiations included.
llvm::ArrayRef<const clang::CallExpr *> callsNamed(llvm::StringRef Name,
                                                   clang::ASTContext &Ctx);
/// The functions of the translation unit named \p Name that have a body
/// here, instantiations included.
llvm::ArrayRef<const clang::FunctionDecl *>
definitionsNamed(llvm::StringRef Name, clang::ASTContext &Ctx);

/// Whether a function never returns: declared so, or defined here with no
/// return statement and a last statement that throws or calls a function
/// that never returns (`static void Fatal(...) { ...; throw
/// std::runtime_error(msg); }`, a destructor that throws).
bool neverReturns(const clang::FunctionDecl *FD, clang::ASTContext &Ctx);

/// The range a private or protected field of a class holds wherever it is
/// read outside its constructors: when only constructors assign it, and
/// every constructor that makes an object of the class (not a copy) ends
/// with it in a range (`rho_ = atof(p); CHECK(rho_ >= 1 && rho_ < 2);`),
/// the join of those ranges. None otherwise.
std::optional<Interval> fieldInvariant(const clang::FieldDecl *Field,
                                       clang::ASTContext &Ctx);

/// Forgets the summaries of the last translation unit.
void forgetSummaries();

} // namespace nanguard

#endif
