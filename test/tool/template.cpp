// A template instantiated twice reports once, and offers no fix that would
// be right for one instantiation only.
// RUN: %nanguard %s -- -std=c++17 > %t.out 2>&1 || true
// RUN: FileCheck %s --input-file=%t.out -implicit-check-not='{{warning|error}}:'

#include <cmath>

template <typename T> T nll(T p) { return -std::log(p); }
// CHECK: template.cpp:[[@LINE-1]]:44: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
// CHECK-NOT: std::max

float f(float p) { return nll(p); }
double d(double p) { return nll(p); }
// CHECK: nanguard: 1 finding in 1 file, 1 file analysed
