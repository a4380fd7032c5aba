#include <cmath>
#ifndef NANGUARD_TEST_FLAG
#error "the flags of compile_commands.json were not used"
#endif
float normalize(float x, float var) { return x / std::sqrt(var); }
