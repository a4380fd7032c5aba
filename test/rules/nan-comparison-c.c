// In C the fix is isnan(x) from <math.h>.
// RUN: %check_nanguard %s nan-comparison %t -- -std=c11

#include <math.h>

int is_missing(double x) {
  return x == NAN;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: comparison with NaN is always false; use isnan(x) to test for NaN [nanguard-nan-comparison]
  // CHECK-FIXES: {{^}}  return isnan(x);{{$}}
}

int ok(double x) { return isnan(x); }
