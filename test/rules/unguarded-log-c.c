// In C the fix clamps with fmaxf/fmax/fmaxl, by the argument's type.
// RUN: %check_nanguard %s unguarded-log %t -- -std=c11

#include <assert.h>
#include <math.h>

float log_prob_f(float p) {
  return logf(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: logf of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return logf(fmaxf(p, 1e-30f));{{$}}
}

double log_prob(double p) {
  return log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return log(fmax(p, 1e-30));{{$}}
}

long double log_prob_l(long double p) {
  return logl(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: logl of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return logl(fmaxl(p, 1e-30L));{{$}}
}

double guarded(double p) { return p > 0.0 ? log(p) : 0.0; }

/* C's assert expands to a comma expression around a statement expression;
 * its condition holds after it. */
double asserted(double x) {
  assert(x > 0);
  return log(x);
}
