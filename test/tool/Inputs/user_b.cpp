#include "shared.h"
double b(double p) { return log_likelihood(p) * 2; }
