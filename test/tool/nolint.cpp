// Suppression comments of every form, with and without rule names.
// RUN: %nanguard %s -- -std=c++17 > %t.out 2>&1 || true
// RUN: FileCheck %s --input-file=%t.out -implicit-check-not='{{warning|error}}:'

#include <cmath>

double a(double p) { return std::log(p); } // NOLINT
double b(double p) { return std::log(p); } // NOLINT(nanguard-unguarded-log)
double c(double p) { return std::log(p); } // NOLINT(nanguard-*)
// NOLINTNEXTLINE(nanguard-unguarded-log)
double d(double p) { return std::log(p); }
// NOLINTBEGIN(nanguard-raw-exp, nanguard-unguarded-log)
double e(double p) { return std::log(p) + std::exp(p); }
// NOLINTEND(nanguard-raw-exp, nanguard-unguarded-log)

// Suppressing another rule does not hide this one.
double f(double p) { return std::log(p); } // NOLINT(nanguard-raw-exp)
// CHECK: nolint.cpp:[[@LINE-1]]:29: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
// CHECK: nanguard: 1 finding in 1 file, 1 file analysed
