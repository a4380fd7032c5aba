#include <cmath>
inline double log_likelihood(double p) { return std::log(p); }
