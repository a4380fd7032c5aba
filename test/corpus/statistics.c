/* Statistics in C: moments, estimators, likelihoods.
 * Markers: see losses.cpp. */
#include <assert.h>
#include <math.h>
#include <stddef.h>

/* Sample variance, two-pass. */
double variance(const double *x, size_t n) {
  double mean = 0, ss = 0;
  for (size_t i = 0; i < n; ++i)
    mean += x[i];
  mean /= n;
  for (size_t i = 0; i < n; ++i)
    ss += (x[i] - mean) * (x[i] - mean);
  return ss / (n - 1);
}

/* Standard deviation from the naive one-pass formula. */
double stddev_one_pass(const double *x, size_t n) {
  double s = 0, ss = 0;
  for (size_t i = 0; i < n; ++i) {
    s += x[i];
    ss += x[i] * x[i];
  }
  double mean = s / n;
  return sqrt(ss / n - mean * mean); /* expect: nanguard-sqrt-domain (triggered) */
}

double stddev_one_pass_clamped(const double *x, size_t n) {
  double s = 0, ss = 0;
  for (size_t i = 0; i < n; ++i) {
    s += x[i];
    ss += x[i] * x[i];
  }
  double mean = s / n;
  double var = ss / n - mean * mean;
  return sqrt(fmax(var, 0.0)); /* safe */
}

/* Welford's online variance: each update d * (x - new mean) is >= 0 even in
 * floating point (the new mean lies between the old one and x). */
double welford_stddev(const double *x, size_t n) {
  double mean = 0, m2 = 0;
  for (size_t i = 0; i < n; ++i) {
    double d = x[i] - mean;
    mean += d / (double)(i + 1);
    m2 += d * (x[i] - mean);
  }
  return sqrt(m2 / n); /* safe */
}

/* Pearson correlation without a guard for a constant column. */
double pearson(const double *x, const double *y, size_t n) {
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxy / sqrt(sxx * syy); /* expect: nanguard-div-by-variance (triggered) */
}

double pearson_guarded(const double *x, const double *y, size_t n) {
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; ++i) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (size_t i = 0; i < n; ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  if (sxx <= 0 || syy <= 0)
    return 0;
  return sxy / sqrt(sxx * syy); /* safe */
}

/* Geometric mean through logs. */
double geometric_mean(const double *x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; ++i)
    s += log(x[i]); /* expect: nanguard-unguarded-log (triggered) */
  return exp(s / n); /* safe */
}

double geometric_mean_positive(const double *x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; ++i) {
    assert(x[i] > 0);
    s += log(x[i]); /* safe */
  }
  return exp(s / n); /* safe */
}

/* Gaussian density. */
double normal_pdf(double x, double mu, double sigma) {
  double z = (x - mu) / sigma; /* expect: nanguard-div-by-variance */
  return exp(-0.5 * z * z) / (sigma * sqrt(2 * M_PI)); /* expect: nanguard-div-by-variance */
}

/* Gaussian log-density with a floor on sigma. */
double normal_logpdf(double x, double mu, double sigma) {
  double s = fmax(sigma, 1e-12);
  double z = (x - mu) / s; /* safe */
  return -0.5 * z * z - log(s) - 0.5 * log(2 * M_PI); /* safe */
}

/* Log-likelihood of Bernoulli observations. */
double bernoulli_loglik(const int *y, size_t n, double p) {
  double ll = 0;
  for (size_t i = 0; i < n; ++i)
    ll += y[i] ? log(p) : log(1 - p); /* expect: nanguard-unguarded-log (triggered) */
  return ll;
}

/* Chi-square statistic: expected counts of zero give inf. */
double chi_square(const double *obs, const double *expct, size_t n) {
  double c = 0;
  for (size_t i = 0; i < n; ++i)
    c += (obs[i] - expct[i]) * (obs[i] - expct[i]) / expct[i];
  return c;
}

/* Student t statistic. */
double t_statistic(double mean, double mu0, double sd, size_t n) {
  return (mean - mu0) / (sd / sqrt((double)n)); /* expect: nanguard-div-by-variance */
}

/* Coefficient of variation. */
double coeff_variation(double sd, double mean) {
  return sd / mean;
}

/* Shannon entropy in bits of a histogram of counts. */
double entropy_bits(const unsigned *counts, size_t n, unsigned total) {
  double h = 0;
  for (size_t i = 0; i < n; ++i) {
    double p = (double)counts[i] / total;
    h -= p * log2(p); /* expect: nanguard-plogp (triggered) */
  }
  return h;
}

double entropy_bits_guarded(const unsigned *counts, size_t n, unsigned total) {
  double h = 0;
  for (size_t i = 0; i < n; ++i) {
    if (counts[i] == 0)
      continue;
    double p = (double)counts[i] / total;
    h -= p * log2(p); /* safe */
  }
  return h;
}

/* Log of the gamma-function ratio via lgamma: domain is safe for n >= 1. */
double log_binomial(unsigned n, unsigned k) {
  return lgamma(n + 1.0) - lgamma(k + 1.0) - lgamma(n - k + 1.0);
}

/* Log-odds of a probability estimate. */
double logit(double p) {
  return log(p / (1 - p)); /* expect: nanguard-unguarded-log (triggered) */
}

double logit_clamped(double p) {
  p = fmin(fmax(p, 1e-9), 1 - 1e-9);
  return log(p / (1 - p)); /* safe */
}

/* Fisher z-transform of a correlation coefficient. */
double fisher_z(double r) {
  return atanh(r); /* expect: nanguard-inverse-trig-domain (triggered) */
}

double fisher_z_clamped(double r) {
  return atanh(fmin(fmax(r, -0.999999), 0.999999)); /* safe */
}

/* Exponentially weighted moving variance: >= 0 for alpha in [0, 1]. */
double ewm_std(const double *x, size_t n, double alpha) {
  double mean = x[0], var = 0;
  for (size_t i = 1; i < n; ++i) {
    double d = x[i] - mean;
    mean += alpha * d;
    var = (1 - alpha) * (var + alpha * d * d);
  }
  return sqrt(var); /* safe */
}

/* Softplus, the stable way. */
double softplus(double x) {
  return x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)); /* safe */
}

/* Softplus, the textbook way: a log-sum-exp of 0 and x without the max. */
double softplus_naive(double x) {
  return log(1 + exp(x)); /* expect: nanguard-naive-softmax (triggered) */
}

/* Harmonic mean. */
double harmonic_mean(const double *x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; ++i)
    s += 1.0 / x[i];
  return n / s;
}

#ifdef NANGUARD_CORPUS_MAIN
#include <stdio.h>
int main(void) {
  /* A constant column whose E[x^2] - E[x]^2 rounds to -2.3e-10. */
  double c[3] = {1293.3655630969854, 1293.3655630969854, 1293.3655630969854};
  volatile double s = stddev_one_pass(c, 3) + stddev_one_pass_clamped(c, 3);
  s += variance(c, 3) + welford_stddev(c, 3);
  double y[3] = {1, 2, 3};
  s += pearson(c, y, 3) + pearson_guarded(c, y, 3);
  double z[2] = {0, 1};
  s += geometric_mean(z, 2);
  double pos[2] = {1, 2};
  s += geometric_mean_positive(pos, 2);
  s += normal_logpdf(1, 0, 0);
  int obs[2] = {1, 0};
  s += bernoulli_loglik(obs, 2, 1.0);
  unsigned counts[3] = {0, 2, 2};
  s += entropy_bits(counts, 3, 4) + entropy_bits_guarded(counts, 3, 4);
  s += log_binomial(10, 3);
  s += logit(1.0) + logit_clamped(1.0);
  s += fisher_z(1.0) + fisher_z_clamped(1.0);
  s += softplus(1000) + softplus_naive(1000);
  printf("done %g\n", (double)s);
  return 0;
}
#endif
