// Physics: particles, fields, thermodynamics, integrators.
// Markers: see losses.cpp.
#include <algorithm>
#include <cmath>
#include <vector>

namespace phys {

struct Vec3 {
  double x, y, z;
};

inline Vec3 sub(Vec3 a, Vec3 b) { return {a.x - b.x, a.y - b.y, a.z - b.z}; }
inline double dot(Vec3 a, Vec3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }

// Lennard-Jones force magnitude: two particles on top of each other give inf.
double lj_force(Vec3 a, Vec3 b, double eps, double sigma) {
  Vec3 d = sub(a, b);
  double r2 = dot(d, d);
  double sr2 = sigma * sigma / r2;
  double sr6 = sr2 * sr2 * sr2;
  return 24 * eps * (2 * sr6 * sr6 - sr6) / r2;
}

// Gravitational acceleration with Plummer softening.
Vec3 gravity_softened(Vec3 a, Vec3 b, double gm, double soft) {
  Vec3 d = sub(b, a);
  double r2 = dot(d, d) + soft * soft;
  double inv = gm / (r2 * std::sqrt(r2)); // safe
  return {d.x * inv, d.y * inv, d.z * inv};
}

// Unit direction between two bodies without softening.
Vec3 direction(Vec3 a, Vec3 b) {
  Vec3 d = sub(b, a);
  double len = std::sqrt(dot(d, d));
  return {d.x / len, d.y / len, d.z / len}; // expect: nanguard-div-by-variance
}

Vec3 direction_guarded(Vec3 a, Vec3 b) {
  Vec3 d = sub(b, a);
  double len = std::sqrt(dot(d, d));
  if (len == 0)
    return {0, 0, 0};
  return {d.x / len, d.y / len, d.z / len}; // safe
}

// Relativistic Lorentz factor.
double lorentz_gamma(double v, double c) {
  return 1.0 / std::sqrt(1.0 - v * v / (c * c)); // expect: nanguard-div-by-variance, nanguard-sqrt-domain
}

double lorentz_gamma_clamped(double v, double c) {
  double beta2 = std::min(v * v / (c * c), 1.0 - 1e-15);
  return 1.0 / std::sqrt(1.0 - beta2); // safe
}

// Kinetic temperature of an ensemble.
double temperature(const std::vector<Vec3> &vel, double mass, double kb) {
  double ke = 0;
  for (const Vec3 &v : vel)
    ke += 0.5 * mass * dot(v, v);
  return 2 * ke / (3 * vel.size() * kb);
}

// Arrhenius rate.
double arrhenius(double a, double ea, double r, double t) {
  return a * std::exp(-ea / (r * t)); // safe
}

// Partition function of a two-level system at inverse temperature beta.
double two_level_partition(double e0, double e1, double beta) {
  return std::exp(-beta * e0) + std::exp(-beta * e1); // expect: nanguard-raw-exp
}

// Free energy from the partition function: log of a sum of exps without a shift.
double free_energy(const double *levels, int n, double beta) {
  double z = 0;
  for (int i = 0; i < n; ++i)
    z += std::exp(-beta * levels[i]); // expect: nanguard-naive-softmax (triggered)
  return -std::log(z) / beta;
}

// Velocity Verlet step for a harmonic oscillator: no hazard.
void verlet(double &x, double &v, double k, double m, double dt) {
  double a = -k * x / m;
  x += v * dt + 0.5 * a * dt * dt;
  double a2 = -k * x / m;
  v += 0.5 * (a + a2) * dt;
}

// Pendulum period, large-amplitude correction uses asin.
double pendulum_k(double theta0) {
  return std::sin(theta0 / 2);
}

// Snell's law: total internal reflection makes asin's argument exceed 1.
double refraction_angle(double theta_i, double n1, double n2) {
  return std::asin(n1 / n2 * std::sin(theta_i)); // expect: nanguard-inverse-trig-domain (triggered)
}

double refraction_angle_checked(double theta_i, double n1, double n2) {
  double s = n1 / n2 * std::sin(theta_i);
  if (s > 1.0 || s < -1.0)
    return NAN; // total internal reflection, reported to the caller on purpose
  return std::asin(s); // safe
}

// Escape velocity.
double escape_velocity(double gm, double r) {
  return std::sqrt(2 * gm / r);
}

// Damped oscillator: the under-damped frequency is a square root of a difference.
double damped_frequency(double k, double m, double c) {
  return std::sqrt(k / m - (c * c) / (4 * m * m)); // expect: nanguard-sqrt-domain
}

double damped_frequency_checked(double k, double m, double c) {
  double w2 = k / m - (c * c) / (4 * m * m);
  if (w2 <= 0)
    return 0; // critically or over-damped
  return std::sqrt(w2); // safe
}

// Debye screening: exp of a negative distance ratio.
double screened_potential(double q, double r, double debye) {
  return q / r * std::exp(-std::fabs(r) / debye); // safe
}

// Planck's law: exp(h nu / kT) - 1 overflows for high frequencies.
double planck(double nu, double t) {
  const double h = 6.62607015e-34, kb = 1.380649e-23, c = 299792458.0;
  return 2 * h * nu * nu * nu / (c * c) / (std::exp(h * nu / (kb * t)) - 1); // expect: nanguard-raw-exp
}

double planck_expm1(double nu, double t) {
  const double h = 6.62607015e-34, kb = 1.380649e-23, c = 299792458.0;
  double x = std::min(h * nu / (kb * t), 700.0);
  return 2 * h * nu * nu * nu / (c * c) / std::expm1(x); // safe
}

// Equation of state: pressure of an ideal gas.
double ideal_gas_pressure(double n, double t, double v) {
  return n * 8.314462618 * t / v;
}

// Entropy of mixing (ideal solution).
double mixing_entropy(double x1) {
  double x2 = 1 - x1;
  return -(x1 * std::log(x1) + x2 * std::log(x2)); // expect: nanguard-plogp (triggered)
}

// Courant number check for a stable time step.
double stable_dt(double dx, double c, double cfl) {
  return cfl * dx / std::max(c, 1e-12); // safe
}

} // namespace phys

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace phys;
  volatile double s = gravity_softened({0, 0, 0}, {0, 0, 0}, 1, 0.1).x;
  s += direction_guarded({1, 1, 1}, {1, 1, 1}).x;
  s += lorentz_gamma_clamped(3e8, 3e8);
  s += arrhenius(1, 5e4, 8.314, 300);
  double levels[2] = {-1000, 0};
  s += free_energy(levels, 2, 1.0);
  double x = 1, v = 0;
  verlet(x, v, 1, 1, 0.01);
  s += pendulum_k(0.3) + refraction_angle(1.2, 1.5, 1.0);
  s += damped_frequency_checked(1, 1, 3) + screened_potential(1, 0.5, 1);
  s += planck_expm1(1e15, 10) + mixing_entropy(0.0) + stable_dt(0.1, 0, 0.5);
  std::printf("done %g\n", (double)s);
  return 0;
}
#endif
