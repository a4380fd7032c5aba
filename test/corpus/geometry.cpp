// Geometry and graphics: angles, normals, intersections, interpolation.
// Markers: see losses.cpp.
#include <algorithm>
#include <cmath>

namespace geo {

struct V3 {
  float x, y, z;
};

inline float dot(V3 a, V3 b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
inline float length(V3 a) { return std::sqrt(dot(a, a)); }

// Angle between two vectors: the cosine rounds to 1.0000001.
float angle_between(V3 a, V3 b) {
  float c = dot(a, b) / (length(a) * length(b));
  return std::acos(c); // expect: nanguard-inverse-trig-domain (triggered)
}

float angle_between_clamped(V3 a, V3 b) {
  float c = dot(a, b) / (length(a) * length(b));
  return std::acos(std::clamp(c, -1.f, 1.f)); // safe
}

float angle_between_atan2(V3 a, V3 b) {
  V3 cr = {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
  return std::atan2(length(cr), dot(a, b)); // safe
}

// Normalise a vector: zero-length input.
V3 normalize(V3 v) {
  float n = std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z);
  return {v.x / n, v.y / n, v.z / n}; // expect: nanguard-div-by-variance (triggered)
}

V3 normalize_safe(V3 v) {
  float n = std::sqrt(v.x * v.x + v.y * v.y + v.z * v.z);
  float inv = n > 0 ? 1.f / n : 0.f; // safe
  return {v.x * inv, v.y * inv, v.z * inv};
}

// Triangle area by Heron's formula: needle triangles round below zero.
double heron(double a, double b, double c) {
  double s = 0.5 * (a + b + c);
  return std::sqrt(s * (s - a) * (s - b) * (s - c)); // expect: nanguard-sqrt-domain (triggered)
}

double heron_stable(double a, double b, double c) {
  double q = (a + (b + c)) * (c - (a - b)) * (c + (a - b)) * (a + (b - c));
  return 0.25 * std::sqrt(std::max(q, 0.0)); // safe
}

// Ray-sphere intersection: the discriminant is tested first.
bool ray_sphere(V3 o, V3 d, V3 c, float r, float &t) {
  V3 oc = {o.x - c.x, o.y - c.y, o.z - c.z};
  float b = dot(oc, d);
  float cc = dot(oc, oc) - r * r;
  float disc = b * b - cc;
  if (disc < 0)
    return false;
  t = -b - std::sqrt(disc); // safe
  return true;
}

// The same, without the test.
float ray_sphere_t(V3 o, V3 d, V3 c, float r) {
  V3 oc = {o.x - c.x, o.y - c.y, o.z - c.z};
  float b = dot(oc, d);
  float cc = dot(oc, oc) - r * r;
  return -b - std::sqrt(b * b - cc); // expect: nanguard-sqrt-domain (triggered)
}

// Great-circle distance by the haversine formula.
double haversine(double lat1, double lon1, double lat2, double lon2) {
  double dlat = lat2 - lat1, dlon = lon2 - lon1;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * std::asin(std::sqrt(h)); // expect: nanguard-inverse-trig-domain
}

double haversine_clamped(double lat1, double lon1, double lat2, double lon2) {
  double dlat = lat2 - lat1, dlon = lon2 - lon1;
  double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * std::asin(std::min(1.0, std::sqrt(h))); // safe
}

// Spherical linear interpolation of unit quaternions.
void slerp(const float *q0, const float *q1, float t, float *out) {
  float d = q0[0] * q1[0] + q0[1] * q1[1] + q0[2] * q1[2] + q0[3] * q1[3];
  float theta = std::acos(d); // expect: nanguard-inverse-trig-domain
  float s = std::sin(theta);
  for (int i = 0; i < 4; ++i)
    out[i] = (std::sin((1 - t) * theta) * q0[i] + std::sin(t * theta) * q1[i]) / s;
}

void slerp_safe(const float *q0, const float *q1, float t, float *out) {
  float d = std::fmin(std::fmax(q0[0] * q1[0] + q0[1] * q1[1] + q0[2] * q1[2] + q0[3] * q1[3], -1.f), 1.f);
  float theta = std::acos(d); // safe
  float s = std::sin(theta);
  if (s < 1e-6f) {
    for (int i = 0; i < 4; ++i)
      out[i] = (1 - t) * q0[i] + t * q1[i];
    return;
  }
  for (int i = 0; i < 4; ++i)
    out[i] = (std::sin((1 - t) * theta) * q0[i] + std::sin(t * theta) * q1[i]) / s;
}

// Distance between points: sum of squares under the root.
float distance(V3 a, V3 b) {
  float dx = a.x - b.x, dy = a.y - b.y, dz = a.z - b.z;
  return std::sqrt(dx * dx + dy * dy + dz * dz); // safe
}

// Barycentric coordinates: a degenerate triangle has zero area.
void barycentric(float px, float py, float ax, float ay, float bx, float by,
                 float cx, float cy, float &u, float &v) {
  float det = (by - cy) * (ax - cx) + (cx - bx) * (ay - cy);
  u = ((by - cy) * (px - cx) + (cx - bx) * (py - cy)) / det;
  v = ((cy - ay) * (px - cx) + (ax - cx) * (py - cy)) / det;
}

// Sphere sampling: z uniform in [-1, 1], radius sqrt(1 - z^2).
V3 sphere_point(float z, float phi) {
  float r = std::sqrt(1.f - z * z); // expect: nanguard-sqrt-domain
  return {r * std::cos(phi), r * std::sin(phi), z};
}

V3 sphere_point_clamped(float z, float phi) {
  float r = std::sqrt(std::max(0.f, 1.f - z * z)); // safe
  return {r * std::cos(phi), r * std::sin(phi), z};
}

// Gamma correction of a linear colour.
float srgb_encode(float c) {
  return c <= 0.0031308f ? 12.92f * c : 1.055f * std::pow(c, 1.f / 2.4f) - 0.055f; // safe
}

float gamma_encode(float c, float gamma) {
  return std::pow(c, 1.f / gamma); // expect: nanguard-pow-domain
}

// Fresnel (Schlick): pow of 1 - cos, cos from a clamped dot product.
float schlick(float cos_theta, float f0) {
  float c = std::clamp(cos_theta, 0.f, 1.f);
  return f0 + (1 - f0) * std::pow(1 - c, 5.f); // safe
}

// Blinn-Phong specular with a dot product clamped at zero.
float specular(V3 n, V3 h, float shininess) {
  return std::pow(std::max(dot(n, h), 0.f), shininess); // safe
}

// Polygon signed area (shoelace): no hazard.
double shoelace(const double *x, const double *y, int n) {
  double a = 0;
  for (int i = 0; i < n; ++i) {
    int j = (i + 1) % n;
    a += x[i] * y[j] - x[j] * y[i];
  }
  return 0.5 * a;
}

} // namespace geo

#ifdef NANGUARD_CORPUS_MAIN
#include <cstdio>
int main() {
  using namespace geo;
  // Parallel vectors whose cosine rounds to 1.00000012.
  V3 a = {0.194397613f, 0.394031644f, 0.352105111f};
  V3 b = {a.x * 3, a.y * 3, a.z * 3};
  volatile float s = angle_between(a, b) + angle_between_clamped(a, b) + angle_between_atan2(a, b);
  s += normalize({0, 0, 0}).x + normalize_safe({0, 0, 0}).x;
  // A needle triangle one ulp past degenerate: the product rounds below 0.
  s += heron(1.9971848082302657, 0.0019325573613681655, 1.9991173655916341);
  s += heron_stable(1.9971848082302657, 0.0019325573613681655, 1.9991173655916341);
  float t;
  s += ray_sphere({0, 0, 0}, {1, 0, 0}, {0, 5, 0}, 1, t);
  s += ray_sphere_t({0, 0, 0}, {1, 0, 0}, {0, 5, 0}, 1);
  s += haversine_clamped(0, 0, 0, 3.14159265358979);
  float q[4] = {0, 0, 0, 1}, out[4];
  slerp_safe(q, q, 0.5f, out);
  s += distance(a, b) + sphere_point_clamped(1.0000001f, 0).x + srgb_encode(0.5f);
  s += schlick(2, 0.04f) + specular(a, b, 16) + 0 * shoelace(nullptr, nullptr, 0);
  std::printf("done %g\n", (double)s);
  return 0;
}
#endif
