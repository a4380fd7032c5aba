//===- Models.cpp - Library and CUDA idioms as table entries --------------===//

#include "Models.h"
#include "ExprHelpers.h"
#include "NameHints.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

using namespace clang;
using namespace llvm;

namespace nanguard {

namespace {
using Matcher = bool (*)(const CallExpr *, CallModel &);

/// fmaxf, std::max, max, __hmax, fmax, std::clamp: from the math table.
bool mathExtreme(const CallExpr *Call, CallModel &M) {
  const MathFunctionInfo *F = getMathCall(Call);
  if (!F || Call->getNumArgs() < 2)
    return false;
  if (F->Kind == MathKind::Max)
    M.Effect = ModelEffect::Max;
  else if (F->Kind == MathKind::Min)
    M.Effect = ModelEffect::Min;
  else if (F->Kind == MathKind::Clamp && Call->getNumArgs() == 3)
    M.Effect = ModelEffect::Clamp;
  else
    return false;
  M.Operands.append(Call->arg_begin(), Call->arg_end());
  return true;
}

/// __shfl_sync(mask, v, lane), __shfl_xor_sync, __shfl_down_sync, ...: the
/// value of v in another lane of the warp.
bool warpShuffle(const CallExpr *Call, CallModel &M) {
  const Expr *Moved = shuffledOperand(Call);
  if (!Moved)
    return false;
  M.Effect = ModelEffect::SameValue;
  M.Operands.push_back(Moved);
  return true;
}

/// The name of an operator object's class: cub::Max, cuda::maximum<>,
/// cg::greater<float>, std::plus<>.
StringRef operatorClassName(const Expr *Op) {
  QualType T = strip(Op)->getType();
  const auto *RD = T->getAsRecordDecl();
  return RD && RD->getIdentifier() ? RD->getName() : StringRef();
}

/// cub::BlockReduce / WarpReduce: Reduce(v, cub::Max()), Reduce(v,
/// cuda::maximum<>()), Sum(v); cooperative groups' cg::reduce(g, v,
/// cg::greater<T>()) and cg::plus.
bool reduction(const CallExpr *Call, CallModel &M) {
  StringRef Name = calleeName(Call);
  const Expr *Value = nullptr, *Op = nullptr;
  if (Name == "Reduce" && Call->getNumArgs() >= 2) {
    Value = Call->getArg(0);
    Op = Call->getArg(1);
  } else if (Name == "reduce" && Call->getNumArgs() == 3 &&
             !Call->getArg(1)->getType()->isPointerType()) {
    Value = Call->getArg(1); // cg::reduce(group, v, op)
    Op = Call->getArg(2);
  } else if (Name == "Sum" && Call->getNumArgs() >= 1) {
    M.Effect = ModelEffect::Sum;
    M.Operands.push_back(Call->getArg(0));
    return true;
  } else {
    return false;
  }
  std::string OpName = operatorClassName(Op).lower();
  if (OpName == "max" || OpName == "maximum" || OpName == "greater")
    M.Effect = ModelEffect::Max;
  else if (OpName == "min" || OpName == "minimum" || OpName == "less")
    M.Effect = ModelEffect::Min;
  else if (OpName == "sum" || OpName == "plus")
    M.Effect = ModelEffect::Sum;
  else
    return false;
  M.Operands.push_back(Value);
  return true;
}

/// std::accumulate(b, e, init, op) and std::reduce with an operation.
bool accumulate(const CallExpr *Call, CallModel &M) {
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || !FD->isInStdNamespace() ||
      (FD->getName() != "accumulate" && FD->getName() != "reduce") ||
      Call->getNumArgs() != 4)
    return false;
  M.Effect = ModelEffect::Accumulate;
  M.Operands.append(Call->arg_begin(), Call->arg_end());
  return true;
}

/// The function a call passes as a template argument: `warpReduceMax` in
/// `blockReduce<warpReduceMax>(v)`.
StringRef templateFunctionName(const CallExpr *Call) {
  const FunctionDecl *FD = Call->getDirectCallee();
  const TemplateArgumentList *Args =
      FD ? FD->getTemplateSpecializationArgs() : nullptr;
  if (!Args)
    return StringRef();
  for (const TemplateArgument &A : Args->asArray())
    if (A.getKind() == TemplateArgument::Declaration)
      if (const auto *F = dyn_cast<FunctionDecl>(A.getAsDecl());
          F && F->getIdentifier())
        return F->getName();
  return StringRef();
}

/// A function whose name says it computes a maximum, minimum or sum:
/// std::max_element(b, e), warpReduceMax(v), block_reduce_max(v, smem),
/// row_max(x, n), warpReduceSum(v), or one given such a function as a
/// template argument (blockReduce<warpReduceMax>(v)). Its floating operands
/// and the elements of its pointer operands are what it reduces.
bool namedReduction(const CallExpr *Call, CallModel &M) {
  StringRef Name = calleeName(Call);
  if (Name.empty() || getMathCall(Call))
    return false;
  if (!nameSaysMax(Name) && !nameSaysMin(Name) && !nameSaysSum(Name))
    if (StringRef Passed = templateFunctionName(Call); !Passed.empty())
      Name = Passed;
  if (nameSaysMax(Name))
    M.Effect = ModelEffect::Max;
  else if (nameSaysMin(Name))
    M.Effect = ModelEffect::Min;
  else if (nameSaysSum(Name) && Call->getNumArgs() >= 1)
    M.Effect = ModelEffect::Sum;
  else
    return false;
  for (const Expr *Arg : Call->arguments()) {
    QualType T = Arg->getType().getNonReferenceType();
    if (T->isRealFloatingType() || T->isPointerType() || T->isArrayType() ||
        T->isRecordType())
      M.Operands.push_back(Arg);
  }
  if (M.Effect == ModelEffect::Sum) {
    // warpReduceSum(v): the sum of v over lanes; its other operands are
    // where it works, not what it adds.
    if (M.Operands.empty() ||
        !M.Operands.front()->getType()->isRealFloatingType())
      return false;
    M.Operands.resize(1);
  }
  return !M.Operands.empty();
}

struct Entry {
  const char *Name;
  Matcher Match;
};

/// The table, in the order entries are tried.
const Entry Table[] = {
    {"math-extreme", mathExtreme},   {"warp-shuffle", warpShuffle},
    {"reduction", reduction},        {"accumulate", accumulate},
    {"named-reduction", namedReduction},
};
} // namespace

CallModel modelOf(const Expr *E) {
  CallModel M;
  E = strip(E);
  // *max_element(b, e): the element the returned iterator points at.
  if (const auto *UO = dyn_cast<UnaryOperator>(E); UO && UO->getOpcode() == UO_Deref)
    E = strip(UO->getSubExpr());
  else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E);
           OC && OC->getOperator() == OO_Star && OC->getNumArgs() == 1)
    E = strip(OC->getArg(0));
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call || isa<CXXOperatorCallExpr>(Call))
    return M;
  for (const Entry &En : Table) {
    CallModel Try;
    if (En.Match(Call, Try)) {
      Try.Entry = En.Name;
      return Try;
    }
  }
  return M;
}

namespace {
/// An algorithm of the standard library that calls a function object with
/// elements: with Args arguments, the object is argument Callable, and its
/// parameter I takes the elements of the range that starts at argument
/// Ranges[I] (-1: not an element).
struct ElementAlgorithm {
  const char *Name;
  unsigned Args;
  unsigned Callable;
  int Ranges[2];
};

const ElementAlgorithm Algorithms[] = {
    {"accumulate", 4, 3, {-1, 0}},       {"for_each", 3, 2, {0, -1}},
    {"for_each_n", 3, 2, {0, -1}},       {"transform", 4, 3, {0, -1}},
    {"transform", 5, 4, {0, 2}},         {"transform_reduce", 5, 4, {0, -1}},
    {"count_if", 3, 2, {0, -1}},         {"find_if", 3, 2, {0, -1}},
    {"find_if_not", 3, 2, {0, -1}},      {"any_of", 3, 2, {0, -1}},
    {"all_of", 3, 2, {0, -1}},           {"none_of", 3, 2, {0, -1}},
    {"remove_if", 3, 2, {0, -1}},        {"partition", 3, 2, {0, -1}},
    {"max_element", 3, 2, {0, 0}},       {"min_element", 3, 2, {0, 0}},
    {"minmax_element", 3, 2, {0, 0}},    {"sort", 3, 2, {0, 0}},
    {"stable_sort", 3, 2, {0, 0}},       {"nth_element", 4, 3, {0, 0}},
    {"partial_sort", 4, 3, {0, 0}},
};
} // namespace

SmallVector<ElementParameter, 2> elementParameters(const CallExpr *Call,
                                                   unsigned Arg) {
  SmallVector<ElementParameter, 2> Out;
  const FunctionDecl *FD = Call->getDirectCallee();
  if (!FD || !FD->getIdentifier() || !FD->isInStdNamespace())
    return Out;
  for (const ElementAlgorithm &A : Algorithms) {
    if (FD->getName() != A.Name || Call->getNumArgs() != A.Args ||
        A.Callable != Arg)
      continue;
    for (unsigned I = 0; I < 2; ++I)
      if (A.Ranges[I] >= 0)
        Out.push_back({I, Call->getArg(unsigned(A.Ranges[I]))});
    return Out;
  }
  return Out;
}

} // namespace nanguard
