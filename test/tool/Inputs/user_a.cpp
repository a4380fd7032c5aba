#include "shared.h"
double a(double p) { return log_likelihood(p); }
