#include <cmath>
float loss(float p) { return -std::log(p); }
