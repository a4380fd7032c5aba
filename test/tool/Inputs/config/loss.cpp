#include <cmath>
double loss(double p) { return std::log(p) + std::exp(p); }
