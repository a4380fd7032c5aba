#include <cmath>

double f(double p, double q) {
  return std::log(p) +
         (p / q) + p * q;
}
