//===- Guards.h - What is known about a value at a use ----------*- C++ -*-===//
//
// The value facts every rule asks about: "is this expression provably > 0,
// >= 0, non-zero, bounded above, shifted by its maximum?" The answers come
// from one forward analysis per function over Clang's CFG (analysis/):
// intervals, difference relations between values, traits, conditions,
// idiom models and name hints. See docs/guards.md.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RULES_GUARDS_H
#define NANGUARD_RULES_GUARDS_H

#include "analysis/ExprHelpers.h"
#include "analysis/FlowAnalysis.h"
#include "analysis/Interval.h"
#include "analysis/NameHints.h"
#include "analysis/Summaries.h"
#include "analysis/ValueFacts.h"

#endif
