//===- ExprHelpers.h - Questions about expressions --------------*- C++ -*-===//
//
// What an expression is, however it is spelled: a math call of the table
// (through a user's wrappers), an arithmetic operation (operator, CUDA
// half operator, intrinsic), the declaration it is rooted at; and the
// analysis settings of the translation unit.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_EXPRHELPERS_H
#define NANGUARD_RULES_ANALYSIS_EXPRHELPERS_H

#include "MathFunctions.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallPtrSet.h"
#include "llvm/ADT/StringMap.h"
#include <optional>
#include <string>

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
/// A function named in a setting, by its name or qualified name.
bool named(const clang::FunctionDecl *FD, const llvm::StringMap<bool> &Names);

/// \p E without parentheses, implicit casts, temporaries and copies.
const clang::Expr *strip(const clang::Expr *E);
/// Whether an expression exists and has a type: in a template's own
/// definition some do not yet (a parenthesised initialiser list).
inline bool typed(const clang::Expr *E) {
  return E && !E->getType().isNull();
}

/// The math function a call names, if the table knows it: `log`, `::logf`,
/// `std::log`, `__builtin_log` (not a user's own `log` in a namespace).
const MathFunctionInfo *getMathCall(const clang::CallExpr *Call);

/// The call an expression is, through parentheses and implicit casts, when
/// its function's kind is one of \p Kinds (with that kind's arity).
const clang::CallExpr *asMathCall(const clang::Expr *E,
                                  std::initializer_list<MathKind> Kinds);

/// CUDA's half and bfloat16 classes (and their two-lane forms): the
/// format of one lane, or null for any other type.
const llvm::fltSemantics *cudaFloatClass(clang::QualType T);
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

/// A binary operator as written, also when overload resolution made it a
/// call: on a CUDA floating class, or in a template's definition where an
/// operator template was visible (`x > 0.0` with `x` of type `F`).
struct BinaryView {
  clang::BinaryOperatorKind Op;
  const clang::Expr *LHS;
  const clang::Expr *RHS;
};
std::optional<BinaryView> asBinary(const clang::Expr *E);
/// The pointer a load intrinsic reads through (`__ldg(p)`, `__ldcs(x + i)`:
/// the same value as `*p`); null for anything else.
const clang::Expr *loadedPointer(const clang::Expr *E);
/// A call to a function of the translation unit whose whole body returns
/// one element of a parameter (`vec_at(v, k)` with body `return
/// reinterpret_cast<const float *>(&v)[k];`, `at(p, i)` returning `p[i]`):
/// the argument that parameter takes; the call reads one of its elements.
/// Null for anything else.
const clang::Expr *accessedArgument(const clang::Expr *E);
/// `m(i)`, `m(i, j)`: an element of a matrix or tensor object, read through
/// an operator() that takes indices and returns a reference (Eigen, dlib,
/// xtensor, tensor views). Not a lambda's call.
bool isElementCall(const clang::Expr *E);
/// The operand of a unary minus, in the same sense; null otherwise.
const clang::Expr *negatedOperand(const clang::Expr *E);

/// \p E without parentheses, implicit casts and conversion calls
/// (`__half2float(hexp(h))` is the hexp call).
const clang::Expr *stripConversions(const clang::Expr *E);

/// \p E without conversions and explicit casts between arithmetic types,
/// which keep the order of values: `(float)n`, `static_cast<double>(x)`.
const clang::Expr *stripValueCasts(const clang::Expr *E);

/// The value a warp shuffle moves (`__shfl_xor_sync(mask, m, o)` moves m),
/// or null when \p E is not a shuffle.
const clang::Expr *shuffledOperand(const clang::Expr *E);

/// `Reduce(v, op)` of cub's block and warp reductions with a maximum (or
/// minimum) operator: cub::Max, cuda::maximum, or an operator named so.
bool isReduceWith(const clang::CallExpr *Call, bool Min);

/// The floating precision of a type (Generic when not floating).
FPPrecision precisionOf(clang::QualType T);

/// A class that works as an iterator: it has a unary operator* and an
/// operator++ (std::vector's iterator, a span's iterator).
bool isIteratorClass(clang::QualType T);

/// The declaration an expression is rooted at: `x` for `x`, `x[i]`, `x.f`,
/// `*(x + i)`, `v.back()`, `v.begin()`; null when there is none.
const clang::ValueDecl *rootDecl(const clang::Expr *E);

/// The declarations an expression reads: every root of its leaves.
void collectRoots(const clang::Expr *E,
                  llvm::SmallPtrSetImpl<const clang::ValueDecl *> &Out);

/// Two expressions denote the same value (same variable, or structurally
/// identical after parentheses and implicit casts).
bool sameValue(const clang::Expr *A, const clang::Expr *B,
               const clang::ASTContext &Ctx);

/// The local variable an operation's value is kept in: `double w =
/// exp(z);`, `w = exp(z);`, `g = f(x);`, or the target of `g /= den`.
const clang::VarDecl *keptInLocal(const clang::Expr *Op,
                                  clang::ASTContext &Ctx);

/// The name a call calls, also when the callee is dependent (in a
/// template) or an unresolved member.
llvm::StringRef calleeName(const clang::CallExpr *Call);

/// The statement that uses \p E's value: its parent through parentheses,
/// implicit casts and temporaries; \p Child (if given) is the operand of it
/// that holds E.
const clang::Stmt *userOf(const clang::Expr *E, clang::ASTContext &Ctx,
                          const clang::Expr **Child = nullptr);
/// The same user as a node: also the variable \p E initialises; a null node
/// when E has no parent.
clang::DynTypedNode userNodeOf(const clang::Expr *E, clang::ASTContext &Ctx,
                               const clang::Expr **Child = nullptr);

/// Every use of \p VD in \p Body (after \p After, when it is valid)
/// satisfies \p Ok, and there is one.
bool everyUseOf(const clang::Stmt *Body, const clang::VarDecl *VD,
                clang::SourceLocation After, clang::ASTContext &Ctx,
                llvm::function_ref<bool(const clang::DeclRefExpr *)> Ok);

/// The return statements of a body, outside the lambdas in it.
void collectReturns(const clang::Stmt *S,
                    llvm::SmallVectorImpl<const clang::ReturnStmt *> &Out);

/// The function body (or lambda body) that contains a statement.
const clang::Stmt *enclosingBody(const clang::Stmt *S,
                                 clang::ASTContext &Ctx,
                                 const clang::Decl **Owner = nullptr);

/// True when the statement sits in a template instantiation, where a fix
/// written for one type would be wrong for another.
bool isInTemplateInstantiation(const clang::Stmt *S, clang::ASTContext &Ctx);

} // namespace nanguard

#endif
