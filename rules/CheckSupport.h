//===- CheckSupport.h - Small helpers the checks share ----------*- C++ -*-===//

#ifndef NANGUARD_RULES_CHECKSUPPORT_H
#define NANGUARD_RULES_CHECKSUPPORT_H

#include "Guards.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/Diagnostic.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include <optional>
#include <vector>
#include <string>

namespace nanguard {

/// A floating literal of the expression's own type ("1e-5f" for float), so a
/// fix keeps float code float; none for types a literal cannot spell.
inline std::optional<std::string> typedLiteral(llvm::StringRef Value,
                                               const clang::Expr *E) {
  FPPrecision P = precisionOf(E->IgnoreParenImpCasts()->getType());
  if (P == FPPrecision::Generic || P == FPPrecision::Half)
    return std::nullopt;
  return (Value + literalSuffix(P)).str();
}

/// Whether a rule can judge an expression: anything Clang parsed without
/// an error, also in a template's own definition, where its type and value
/// may depend on the template's parameters (the analysis then reads a
/// dependent type as any floating type). In a file with errors (one whose
/// missing headers were replaced by empty ones), a function with an error
/// anywhere in its body is not judged at all: its guards may be what did
/// not parse.
bool analysable(const clang::Expr *E, clang::ASTContext &Ctx);

/// The compiler errors of the translation unit about to be analysed (file
/// as Clang names it, offset), when the driver knows them from an earlier
/// parse: a function whose text holds one is not judged either. Clang
/// recovers from some errors (a declaration of an unknown type) by leaving
/// the statement out of the AST, where analysable() cannot see it.
void setErrorSites(std::vector<std::pair<std::string, unsigned>> Sites);

/// Whether a fix may touch this range: not inside a macro, not in a template
/// instantiation (a fix written for float would be wrong for double).
inline bool canFix(const clang::Stmt *S, clang::ASTContext &Ctx) {
  const clang::SourceManager &SM = Ctx.getSourceManager();
  clang::SourceRange R = S->getSourceRange();
  return R.getBegin().isFileID() && R.getEnd().isFileID() &&
         !isInTemplateInstantiation(S, Ctx) &&
         SM.isWrittenInSameFile(R.getBegin(), R.getEnd());
}

/// The location just past the last token of an expression.
inline clang::SourceLocation endOf(const clang::Expr *E,
                                   const clang::ASTContext &Ctx) {
  return clang::Lexer::getLocForEndOfToken(E->getEndLoc(), 0,
                                           Ctx.getSourceManager(),
                                           Ctx.getLangOpts());
}

/// Whether an expression needs parentheses before `+ eps` is appended.
inline bool needsParensForAdd(const clang::Expr *E) {
  E = E->IgnoreImpCasts();
  if (const auto *BO = llvm::dyn_cast<clang::BinaryOperator>(E))
    return !BO->isMultiplicativeOp() && !BO->isAdditiveOp();
  return llvm::isa<clang::ConditionalOperator>(E);
}

/// The epsilon a fix-it adds, per type: the option Epsilon, overridden by
/// FloatEpsilon, DoubleEpsilon or LongDoubleEpsilon for that type.
struct EpsilonOption {
  std::string Default, Float, Double, LongDouble;
  llvm::StringRef forType(const clang::Expr *E) const {
    switch (precisionOf(E->IgnoreParenImpCasts()->getType())) {
    case FPPrecision::Float:
      return Float.empty() ? Default : Float;
    case FPPrecision::Double:
      return Double.empty() ? Default : Double;
    case FPPrecision::LongDouble:
      return LongDouble.empty() ? Default : LongDouble;
    default:
      return Default;
    }
  }
};

/// Whether namespace std declares \p Name in this translation unit, so a
/// fix can use it without adding an include.
bool stdDeclares(clang::ASTContext &Ctx, llvm::StringRef Name);

/// `f(arg)` -> `f(std::max(arg, floor))`: clamps a math call's argument
/// from below in its own type. std::max where the translation unit already
/// declares it (<algorithm>, or libstdc++'s <cmath>), else std::fmax for a
/// std:: call, else fmaxf/fmax/fmaxl (C, and the C names in C++). No fix for
/// types a literal cannot spell.
void addClampBelowFix(clang::DiagnosticBuilder &Diag,
                      const clang::CallExpr *Call, const clang::Expr *Arg,
                      llvm::StringRef Floor, clang::ASTContext &Ctx);

/// A floating-point division however it is written: `a / b`, `a /= b`,
/// `/` overloaded on CUDA's half, or a division intrinsic (`__fdividef`,
/// `__hdiv`). Loc is where it is reported: the operator, or the call.
struct Division {
  const clang::Expr *Site;
  const clang::Expr *Divisor;
  clang::SourceLocation Loc;
  /// The intrinsic's table entry, for the message; null for an operator.
  const MathFunctionInfo *Intrinsic;
};

/// `c / d` with c a non-zero constant is at worst an infinity, never a NaN
/// (d not being one); when it is what its function returns and every
/// caller in the translation unit clamps that result (`Clip(limit(s), lo,
/// hi)`), the infinity is clipped where it is used.
bool infinityIsClipped(const Division &D, ValueFacts &Facts,
                       clang::ASTContext &Ctx);

/// Registers the matchers of every form of division, bound to "division".
void addDivisionMatchers(clang::ast_matchers::MatchFinder *Finder,
                         clang::ast_matchers::MatchFinder::MatchCallback *Check);

/// The division a node bound by addDivisionMatchers stands for.
std::optional<Division> divisionOf(
    const clang::ast_matchers::MatchFinder::MatchResult &Result);

} // namespace nanguard

#endif
