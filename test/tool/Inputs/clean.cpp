#include <algorithm>
#include <cmath>
float safe_nll(float p) { return -std::log(std::max(p, 1e-12f)); }
