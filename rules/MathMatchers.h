//===- MathMatchers.h - AST matchers over the math table --------*- C++ -*-===//

#ifndef NANGUARD_RULES_MATHMATCHERS_H
#define NANGUARD_RULES_MATHMATCHERS_H

#include "Guards.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include <vector>

namespace nanguard {

/// Matches a call of a function in the math table whose kind is one of
/// \p Kinds: log, ::logf, std::log, __builtin_log, ...
AST_MATCHER_P(clang::CallExpr, callsMathKind, std::vector<MathKind>, Kinds) {
  const MathFunctionInfo *F = getMathCall(&Node);
  return F && llvm::is_contained(Kinds, F->Kind);
}

/// Matches an expression whose type is a floating type, or depends on a
/// template parameter (in a template's own definition, where `T` stands
/// for the floating types it is written for).
AST_MATCHER(clang::Expr, hasFloatingOrDependentType) {
  return Node.isTypeDependent() || Node.getType()->isRealFloatingType();
}

} // namespace nanguard

#endif
