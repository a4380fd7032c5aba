// A finding inside a macro points at the expansion, with a note at the
// definition; no fix is offered inside a macro.
// RUN: %nanguard --quiet %s -- -std=c++17 > %t.out 2>&1 || true
// RUN: FileCheck %s --input-file=%t.out -implicit-check-not='{{warning|error}}:'

#include <cmath>

#define NLL(p) (-std::log(p))

float loss(float p) { return NLL(p); }
// CHECK: macro.cpp:[[@LINE-1]]:30: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
// CHECK: macro.cpp:8:18: note: expanded from macro 'NLL'
// CHECK-NOT: std::max
