// Monte Carlo: samplers, importance weights, MCMC, particle filters.
// Markers: see losses.cpp.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <random>
#include <vector>

namespace mc {

// Box-Muller: log(u1) with u1 drawn from [0, 1).
std::pair<double, double> box_muller(double u1, double u2) {
  double r = std::sqrt(-2.0 * std::log(u1)); // expect: nanguard-unguarded-log (triggered)
  return {r * std::cos(2 * M_PI * u2), r * std::sin(2 * M_PI * u2)};
}

std::pair<double, double> box_muller_open(double u1, double u2) {
  u1 = 1.0 - u1; // (0, 1] when u1 is in [0, 1)
  if (u1 <= 0)
    u1 = 1e-300;
  double r = std::sqrt(-2.0 * std::log(u1)); // safe
  return {r * std::cos(2 * M_PI * u2), r * std::sin(2 * M_PI * u2)};
}

// Exponential variate by inversion.
double exponential_variate(double u, double rate) {
  return -std::log(1.0 - u) / rate; // expect: nanguard-unguarded-log (triggered)
}

double exponential_variate_std(std::mt19937_64 &rng, double rate) {
  std::exponential_distribution<double> d(rate);
  return d(rng);
}

// Importance weights from log-densities, normalised without the max.
std::vector<double> importance_weights(const std::vector<double> &logw) {
  std::vector<double> w(logw.size());
  double s = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    w[i] = std::exp(logw[i]); // expect: nanguard-naive-softmax (triggered)
    s += w[i];
  }
  for (double &x : w)
    x /= s;
  return w;
}

std::vector<double> importance_weights_stable(const std::vector<double> &logw) {
  double m = *std::max_element(logw.begin(), logw.end());
  std::vector<double> w(logw.size());
  double s = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    w[i] = std::exp(logw[i] - m); // safe
    s += w[i];
  }
  for (double &x : w)
    x /= s; // safe
  return w;
}

// Effective sample size of normalised weights.
double effective_sample_size(const std::vector<double> &w) {
  double ss = 0;
  for (double x : w)
    ss += x * x;
  return 1.0 / ss;
}

// Metropolis acceptance from a log-ratio.
bool metropolis_accept(double log_ratio, double u) {
  return u < std::exp(log_ratio); // expect: nanguard-raw-exp
}

bool metropolis_accept_log(double log_ratio, double u) {
  return std::log(u) < log_ratio; // expect: nanguard-unguarded-log
}

bool metropolis_accept_capped(double log_ratio, double u) {
  return u < std::exp(std::min(0.0, log_ratio)); // safe
}

// Simulated annealing acceptance with a temperature.
bool anneal_accept(double delta_e, double temperature, double u) {
  if (delta_e <= 0)
    return true;
  return u < std::exp(-delta_e / temperature); // safe
}

// Boltzmann weights of energy levels.
std::vector<double> boltzmann(const std::vector<double> &energies, double kT) {
  std::vector<double> p;
  double z = 0;
  for (double e : energies) {
    p.push_back(std::exp(-e / kT)); // expect: nanguard-naive-softmax
    z += p.back();
  }
  for (double &x : p)
    x /= z;
  return p;
}

std::vector<double> boltzmann_shifted(const std::vector<double> &energies, double kT) {
  double emin = *std::min_element(energies.begin(), energies.end());
  std::vector<double> p;
  double z = 0;
  for (double e : energies) {
    p.push_back(std::exp(-(e - emin) / kT)); // safe
    z += p.back();
  }
  for (double &x : p)
    x /= z; // safe
  return p;
}

// Particle filter: systematic resampling needs normalised weights.
void normalise_log_weights(std::vector<double> &logw) {
  double m = logw[0];
  for (double x : logw)
    if (x > m)
      m = x;
  double s = 0;
  for (double x : logw)
    s += std::exp(x - m); // safe
  double lse = m + std::log(s); // safe
  for (double &x : logw)
    x -= lse;
}

// Log-mean-exp of log-likelihood samples (marginal likelihood estimate).
double log_mean_exp(const double *ll, int n) {
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += std::exp(ll[i]); // expect: nanguard-naive-softmax (triggered)
  return std::log(s / n);
}

// Gaussian log-density of a sample under a proposal with a learnt scale.
double proposal_logpdf(double x, double mu, double log_sigma) {
  double sigma = std::exp(log_sigma); // expect: nanguard-raw-exp
  double z = (x - mu) / sigma; // safe
  return -0.5 * z * z - log_sigma;
}

// Rejection sampling from a truncated density.
double rejection_ratio(double fx, double gx, double m) {
  return fx / (m * gx);
}

// Cauchy variate: tan of a uniform angle, no NaN hazard beyond the poles.
double cauchy_variate(double u) {
  return std::tan(M_PI * (u - 0.5));
}

// Monte Carlo estimate of pi with a sqrt of a squared radius.
double mc_pi(const double *x, const double *y, int n) {
  int inside = 0;
  for (int i = 0; i < n; ++i)
    if (std::sqrt(x[i] * x[i] + y[i] * y[i]) <= 1.0) // safe
      ++inside;
  return 4.0 * inside / n;
}

// Geometric Brownian motion step.
double gbm_step(double s, double mu, double sigma, double dt, double z) {
  return s * std::exp((mu - 0.5 * sigma * sigma) * dt + sigma * std::sqrt(dt) * z); // expect: nanguard-raw-exp
}

double gbm_step_checked(double s, double mu, double sigma, double dt, double z) {
  if (dt <= 0)
    return s;
  double drift = (mu - 0.5 * sigma * sigma) * dt + sigma * std::sqrt(dt) * z; // safe
  return s * std::exp(std::min(drift, 50.0)); // safe
}

// Beta variate from two gamma variates.
double beta_from_gammas(double ga, double gb) {
  return ga / (ga + gb);
}

} // namespace mc

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace mc;
  volatile double s = box_muller(0.0, 0.3).first + box_muller_open(0.0, 0.3).first;
  s += exponential_variate(1.0, 2.0);
  std::mt19937_64 rng(1);
  s += exponential_variate_std(rng, 2.0);
  s += importance_weights({1000, 1})[1] + importance_weights_stable({1000, 1})[1];
  s += effective_sample_size({0.5, 0.5});
  s += metropolis_accept_capped(1000, 0.5);
  s += boltzmann_shifted({-1e5, 0}, 1.0)[0];
  std::vector<double> lw = {1000, 1};
  normalise_log_weights(lw);
  double ll[2] = {1000, 1};
  s += log_mean_exp(ll, 2);
  s += cauchy_variate(0.3);
  double x[2] = {0.1, 0.9}, y[2] = {0.1, 0.9};
  s += mc_pi(x, y, 2) + gbm_step_checked(1, 0.1, 0.2, 0.0, 1);
  std::printf("done %g\n", (double)s);
  return 0;
}
#endif
