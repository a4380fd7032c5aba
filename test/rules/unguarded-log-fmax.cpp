// Where std::max is not declared (no <algorithm> or libstdc++ header that
// brings it), the fix uses std::fmax, or fmaxf for the global C names, so no
// include has to be added and float stays float.
// RUN: %check_nanguard %s unguarded-log %t

extern "C" float logf(float);
extern "C" float fmaxf(float, float);
namespace std {
float log(float);
float fmax(float, float);
} // namespace std

float nll(float p) {
  return -std::log(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: log of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return -std::log(std::fmax(p, 1e-30f));{{$}}
}

float nll_c_name(float p) {
  return -logf(p);
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: logf of a value that may be 0 or negative [nanguard-unguarded-log]
  // CHECK-FIXES: {{^}}  return -logf(fmaxf(p, 1e-30f));{{$}}
}
