#include <cmath>
float nll_f(float p) { return -std::log(p); }
double nll_d(double p) { return -std::log(p); }
