#include <cmath>
double broken(double p) { return std::log(p) + undeclared_variable; }
