//===- FlowState.h - What the flow analysis knows at a point ----*- C++ -*-===//
//
// The abstract state of the forward analysis (FlowAnalysis.h) at one program
// point:
//
//  * slots: the values it follows. A local variable or parameter, a field
//    of one (`p.x`, `this->m`), the elements of an array, pointer or
//    container taken together (a summary: "every element this function has
//    touched so far"), and products or sums of those (`x[i] * scale`);
//  * for each slot an interval and its traits (carries an epsilon, is
//    built from a spread or a difference, is exp(x - max x), is a sum of
//    such exps);
//  * difference relations `a - b <= c` between slots (a zone, kept closed),
//    which is how a running maximum is known to bound what it was taken
//    over, whatever spelling made it;
//  * conditions on expressions that are not slots (`a[i] > 0`,
//    `v.size() > 0`), pairs known to differ, and what a variable holds
//    (`bool ok = x > 0;`, `d = a * b - c * c`).
//
// A slot without a fact is unknown, except a summary, which then has no
// elements yet: facts about it hold vacuously on that path.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_ANALYSIS_FLOWSTATE_H
#define NANGUARD_RULES_ANALYSIS_FLOWSTATE_H

#include "Interval.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <optional>
#include <string>

namespace nanguard {

using SlotId = unsigned;

/// What a value carries besides its range.
enum Trait : unsigned {
  CarriesEpsilon = 1u << 0,   ///< every value is (built on) x + eps
  Spread = 1u << 1,           ///< built from a sqrt or a std/var/norm
  Difference = 1u << 2,       ///< built from a difference (may cancel)
  ShiftedExp = 1u << 3,       ///< exp(x - m), m the maximum of the x's
  SumOfShiftedExps = 1u << 4, ///< a sum of those: >= 1
  MaxShifted = 1u << 5,       ///< x - m, m the maximum of the x's
};
/// Traits that hold after a merge only when they hold on every path; the
/// others hold when they hold on some path.
constexpr unsigned MustTraits =
    CarriesEpsilon | ShiftedExp | SumOfShiftedExps | MaxShifted;

struct SlotInfo {
  std::string Key;
  /// The declarations whose change invalidates the slot.
  llvm::SmallVector<const clang::ValueDecl *, 2> Roots;
  /// The slots a compound slot is built from.
  llvm::SmallVector<SlotId, 2> Parts;
  bool Summary = false;
  bool Compound = false;
  /// An element at an index the analysis follows (`x[i]`, `x[i + 1]`,
  /// `x[0]`): the summary of its array, and the array. Its facts are its
  /// own; where it has none, those of the summary hold for it.
  std::optional<SlotId> ElementOf;
  const clang::ValueDecl *Array = nullptr;
  /// A CUDA __shared__ variable: what one thread writes, every thread reads
  /// after the barrier, so a path that did not write it does not undo the
  /// write of another (`if (threadIdx.x == 0) bmax = m;`).
  bool Shared = false;
  /// Without a fact the slot has no value yet on that path (a summary with
  /// no element stored, a shared variable not written), rather than an
  /// unknown one: facts about it hold vacuously there.
  bool vacuousWhenAbsent() const { return Summary || Shared; }
  clang::QualType Type;
};

/// The slots of one function: which expression denotes which slot.
class SlotTable {
public:
  SlotTable(clang::ASTContext &Ctx, const clang::Stmt *Body);

  /// The slot an expression denotes, if it denotes one.
  std::optional<SlotId> slotFor(const clang::Expr *E);
  /// The summary slot of the array, pointer or container an expression
  /// is rooted at (`x`, `x + n`, `v.begin()`, `x[i]`).
  std::optional<SlotId> summaryFor(const clang::Expr *E);
  std::optional<SlotId> summaryForDecl(const clang::ValueDecl *Root);
  /// The slot of a variable, if the analysis follows it.
  std::optional<SlotId> slotForVar(const clang::VarDecl *VD);
  /// The array a pointer variable stands for: `x` for `const float *row =
  /// x + i * n;` when row is never reassigned, else the declaration itself.
  const clang::ValueDecl *arrayOf(const clang::ValueDecl *Root) const {
    return followAliases(Root, /*ThroughRows=*/true);
  }
  /// The declaration whose summary holds the elements read through
  /// \p Root: the array a pointer or iterator walks (`Iterator it = begin;
  /// ++it`, `float *p = x; p += 2`) or a vector copied from an array of
  /// vectors (`float4 v = x4[i];`); a pointer to a row (`x + i * n`) keeps
  /// a summary of its own, the elements of that row.
  const clang::ValueDecl *elementsOf(const clang::ValueDecl *Root) const {
    return followAliases(Root, /*ThroughRows=*/false);
  }
  /// The array a pointer to one of its rows points into (`const float *row
  /// = x + i * n;`) when the function only reads through it, or null.
  const clang::ValueDecl *readRowOf(const clang::VarDecl *VD) const {
    auto It = ReadRows.count(VD) ? Aliases.find(VD) : Aliases.end();
    return It == Aliases.end() ? nullptr : It->second;
  }
  /// The slot of a field of a local struct variable (`sp.Offset`).
  std::optional<SlotId> slotForField(const clang::VarDecl *VD,
                                     const clang::FieldDecl *Field);
  /// The slot of this table that another function's table calls \p Info
  /// (a lambda's table and its enclosing function's name a captured
  /// variable alike); compounds are not imported.
  std::optional<SlotId> import(const SlotInfo &Info);

  const SlotInfo &info(SlotId S) const { return Slots[S]; }
  /// The summary an element slot belongs to, or the slot itself.
  SlotId summaryOf(SlotId S) const {
    return Slots[S].ElementOf ? *Slots[S].ElementOf : S;
  }
  /// Every slot whose value depends on \p D.
  llvm::ArrayRef<SlotId> readersOf(const clang::ValueDecl *D) const;
  /// Every compound slot built on \p S.
  llvm::ArrayRef<SlotId> compoundsOf(SlotId S) const;

  /// Whether the analysis follows a variable: a local or parameter (or a
  /// CUDA __shared__ variable) whose address is never taken and that no
  /// non-const reference or by-reference capture aliases.
  bool isTracked(const clang::VarDecl *VD) const;
  /// The array a range-for loop variable iterates: `for (float x : v)`.
  const clang::ValueDecl *rangeSource(const clang::VarDecl *LoopVar) const;

  /// Binds a parameter to a slot while a lambda's body is evaluated in its
  /// caller (`std::accumulate(b, e, 0.0, [m](T s, T x) {...})`).
  void bind(const clang::VarDecl *Param, SlotId S) { Bindings[Param] = S; }
  void unbindAll() { Bindings.clear(); }

  clang::ASTContext &context() const { return Ctx; }

private:
  const clang::ValueDecl *followAliases(const clang::ValueDecl *Root,
                                        bool ThroughRows) const;
  bool key(const clang::Expr *E, std::string &Out,
           llvm::SmallVectorImpl<const clang::ValueDecl *> &Roots,
           llvm::SmallVectorImpl<SlotId> &Parts, bool &Summary,
           bool &Compound, unsigned Depth);
  bool indexKey(const clang::Expr *Index, std::string &Out,
                llvm::SmallVectorImpl<const clang::ValueDecl *> &Roots,
                unsigned Depth);
  /// The array of the element the last key() named (null: none).
  const clang::ValueDecl *KeyedArray = nullptr;
  SlotId intern(const std::string &Key, SlotInfo Info);

  clang::ASTContext &Ctx;
  std::deque<SlotInfo> Slots; // stable references
  llvm::StringMap<SlotId> Index;
  llvm::DenseMap<const clang::Expr *, std::optional<SlotId>> Cache;
  llvm::DenseMap<const clang::ValueDecl *, llvm::SmallVector<SlotId, 2>> Readers;
  llvm::DenseMap<SlotId, llvm::SmallVector<SlotId, 2>> Compounds;
  llvm::DenseSet<const clang::VarDecl *> Escaped;
  llvm::DenseMap<const clang::VarDecl *, const clang::ValueDecl *> RangeSources;
  llvm::DenseMap<const clang::VarDecl *, SlotId> Bindings;
  llvm::DenseMap<const clang::VarDecl *, const clang::VarDecl *> Aliases;
  llvm::DenseSet<const clang::VarDecl *> Rows, ReadRows;
};

struct SlotFact {
  Interval Range;
  unsigned Traits = 0;
  bool operator==(const SlotFact &O) const {
    return Range == O.Range && Traits == O.Traits;
  }
};

class State {
public:
  bool Reachable = true;
  /// The path left the rest of a loop iteration by `continue`: what the
  /// other paths read of an element at the loop's index it did not read
  /// (see the merge).
  bool Skipped = false;
  llvm::DenseMap<SlotId, SlotFact> Facts;
  /// (A, B) -> C: A - B <= C.
  llvm::DenseMap<std::pair<SlotId, SlotId>, double> Diff;
  /// Conditions on expressions that are not slots.
  llvm::SmallVector<std::pair<const clang::Expr *, Interval>, 2> Assumed;
  /// Pairs known to differ: their difference is non-zero.
  llvm::SmallVector<std::pair<const clang::Expr *, const clang::Expr *>, 1>
      Distinct;
  /// A variable that holds an expression while nothing the expression
  /// reads changes: a condition (`bool ok = x > 0;`) or a value built from
  /// followed variables (`float d = a * b - c * c;`), so that a test of the
  /// variable says something of what it was built from.
  llvm::SmallVector<std::pair<const clang::VarDecl *, const clang::Expr *>, 1>
      Held;
  /// Containers known not to be empty (`if (v.empty()) return;`).
  llvm::SmallVector<const clang::ValueDecl *, 1> NonEmpty;
  /// Pointers known to be null on this path (`if (sk) {...}` not taken):
  /// what is said of their elements holds vacuously here.
  llvm::SmallVector<const clang::ValueDecl *, 1> Null;
  /// A variable that holds, in each lane, an element of a CUDA __shared__
  /// array read at the lane's own index (or a padding constant): `v =
  /// (lane < n) ? smem[lane] : -FLT_MAX;`. A reduction of it over the lanes
  /// takes every element of the array.
  llvm::SmallVector<std::pair<const clang::VarDecl *, const clang::ValueDecl *>, 1>
      Gathers;

  const SlotFact *fact(SlotId S) const {
    auto It = Facts.find(S);
    return It == Facts.end() ? nullptr : &It->second;
  }
  /// The bound on A - B, if one is known.
  std::optional<double> diff(SlotId A, SlotId B) const;
  /// Adds A - B <= C and what follows from it with the relations already
  /// known. A contradiction makes the state unreachable, unless a summary
  /// takes part: a summary's relations are a heuristic, and a condition
  /// the code tests wins over them.
  void addDiff(SlotId A, SlotId B, double C, const SlotTable &Slots);
  /// Forgets the facts and relations about a slot.
  void forget(SlotId S);
  /// Moves the relations of an element into its summary (weakly).
  void retire(SlotId Element, const SlotTable &Slots);
  /// Forgets what depends on a declaration that changes: its slots (but a
  /// summary with \p KeepSummary), the compounds built on them, and the
  /// conditions that read it. An element whose index changes (`++i`) is
  /// first retired into its summary: what held of it is taken to hold of
  /// every element the loop visits (the loop-correlation heuristic of
  /// docs/guards.md).
  void forgetReaders(const clang::ValueDecl *D, const SlotTable &Slots,
                     bool KeepSummary);

  bool operator==(const State &O) const;
  bool operator!=(const State &O) const { return !(*this == O); }

  /// The facts that hold on both paths.
  static State join(const State &A, const State &B, const SlotTable &Slots);
  /// A join that gives up the bounds and relations that keep growing, so
  /// that the analysis of a loop ends.
  static State widen(const State &Old, const State &New,
                     const SlotTable &Slots);
};

/// The __shared__ array whose element, read at a non-constant index,
/// \p Value is (through `c ? smem[lane] : pad` with a constant pad); null
/// for anything else.
const clang::ValueDecl *gatheredArray(const clang::Expr *Value,
                                      const clang::ASTContext &Ctx);

/// Whether \p S uses \p VD only to read its value (every use an rvalue);
/// \p Read says that \p S itself is read.
bool onlyReads(const clang::Stmt *S, const clang::VarDecl *VD,
               bool Read = false);

/// Whether an expression reads a declaration.
bool readsDecl(const clang::Expr *E, const clang::ValueDecl *D);

} // namespace nanguard

#endif
