// A header-heavy translation unit for the lint-speed benchmark: the standard
// library's big headers, many template instantiations, and numeric code for
// the rules to look at.
#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <random>
#include <regex>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

namespace heavy {

template <class T, class Dist>
std::vector<T> sample(std::mt19937_64 &rng, Dist dist, std::size_t n) {
  std::vector<T> v(n);
  std::generate(v.begin(), v.end(), [&] { return static_cast<T>(dist(rng)); });
  return v;
}

template <class T> T stable_logsumexp(const std::vector<T> &v) {
  T m = *std::max_element(v.begin(), v.end());
  T s = std::accumulate(v.begin(), v.end(), T(0),
                        [m](T acc, T x) { return acc + std::exp(x - m); });
  return m + std::log(s);
}

template <class T> std::map<std::string, T> summarize(const std::vector<T> &v) {
  std::map<std::string, T> out;
  std::vector<T> sorted(v);
  std::sort(sorted.begin(), sorted.end());
  out["min"] = sorted.front();
  out["median"] = sorted[sorted.size() / 2];
  out["max"] = sorted.back();
  T mean = std::accumulate(v.begin(), v.end(), T(0)) / static_cast<T>(v.size());
  T var = 0;
  for (T x : v)
    var += (x - mean) * (x - mean);
  out["std"] = std::sqrt(var / static_cast<T>(v.size()) + T(1e-6));
  return out;
}

template <class K, class V>
std::unordered_map<K, std::vector<V>> group(const std::vector<K> &keys,
                                            const std::vector<V> &values) {
  std::unordered_map<K, std::vector<V>> g;
  for (std::size_t i = 0; i < keys.size() && i < values.size(); ++i)
    g[keys[i]].push_back(values[i]);
  return g;
}

inline std::string report(const std::map<std::string, double> &m) {
  std::ostringstream os;
  for (const auto &[k, v] : m)
    os << k << '=' << v << ' ';
  return std::regex_replace(os.str(), std::regex("\\s+$"), "");
}

#define HEAVY_CASE(N, T, DIST)                                                 \
  std::string case_##N(std::mt19937_64 &rng) {                                 \
    auto v = sample<T>(rng, DIST, 256);                                        \
    auto s = summarize(v);                                                     \
    std::map<std::string, double> d;                                           \
    for (const auto &[k, x] : s)                                               \
      d[k] = static_cast<double>(x);                                           \
    d["lse"] = static_cast<double>(stable_logsumexp(v));                       \
    std::vector<int> keys(v.size());                                           \
    std::iota(keys.begin(), keys.end(), 0);                                    \
    auto g = group(keys, v);                                                   \
    d["groups"] = static_cast<double>(g.size());                               \
    std::function<double(double)> f = [](double x) { return std::tanh(x); };   \
    d["f"] = f(d["median"]);                                                   \
    return report(d);                                                          \
  }

HEAVY_CASE(0, double, std::normal_distribution<double>(0, 1))
HEAVY_CASE(1, float, std::normal_distribution<float>(0, 1))
HEAVY_CASE(2, double, std::uniform_real_distribution<double>(0, 1))
HEAVY_CASE(3, float, std::uniform_real_distribution<float>(0, 1))
HEAVY_CASE(4, double, std::exponential_distribution<double>(1))
HEAVY_CASE(5, float, std::exponential_distribution<float>(1))
HEAVY_CASE(6, double, std::gamma_distribution<double>(2, 1))
HEAVY_CASE(7, float, std::gamma_distribution<float>(2, 1))
HEAVY_CASE(8, double, std::lognormal_distribution<double>(0, 1))
HEAVY_CASE(9, float, std::lognormal_distribution<float>(0, 1))
HEAVY_CASE(10, double, std::student_t_distribution<double>(3))
HEAVY_CASE(11, float, std::student_t_distribution<float>(3))
HEAVY_CASE(12, double, std::chi_squared_distribution<double>(2))
HEAVY_CASE(13, float, std::chi_squared_distribution<float>(2))
HEAVY_CASE(14, double, std::weibull_distribution<double>(1, 2))
HEAVY_CASE(15, float, std::weibull_distribution<float>(1, 2))
HEAVY_CASE(16, double, std::cauchy_distribution<double>(0, 1))
HEAVY_CASE(17, float, std::cauchy_distribution<float>(0, 1))
HEAVY_CASE(18, double, std::fisher_f_distribution<double>(2, 3))
HEAVY_CASE(19, float, std::fisher_f_distribution<float>(2, 3))
HEAVY_CASE(20, double, std::extreme_value_distribution<double>(0, 1))
HEAVY_CASE(21, float, std::extreme_value_distribution<float>(0, 1))
HEAVY_CASE(22, long double, std::normal_distribution<long double>(0, 1))
HEAVY_CASE(23, long double, std::uniform_real_distribution<long double>(0, 1))

} // namespace heavy

int main() {
  std::mt19937_64 rng(42);
  std::cout << heavy::case_0(rng) << '\n' << heavy::case_23(rng) << '\n';
}
