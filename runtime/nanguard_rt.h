//===- nanguard_rt.h - The interface between instrumented code and the
//                     runtime ------------------------------------------===//
//
// NanGuardPass emits one site record per instrumented operation and calls
// __nanguard_report from a cold path when the operation turned finite
// operands into NaN or Inf. The layout of the record is a contract between
// the pass (passes/NanGuardPass.cpp builds it as an IR struct) and this
// runtime: change both together, and bump NANGUARD_SITE_VERSION.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_RUNTIME_NANGUARD_RT_H
#define NANGUARD_RUNTIME_NANGUARD_RT_H

#include <stdint.h>

#define NANGUARD_SITE_VERSION 1

#ifdef __cplusplus
extern "C" {
#endif

/// How the operands of a site are printed.
enum nanguard_site_kind {
  NANGUARD_KIND_CALL = 0,       ///< log(a), pow(a, b)
  NANGUARD_KIND_DIVISION = 1,   ///< a / b
  NANGUARD_KIND_ADDITION = 2,   ///< a + b
  NANGUARD_KIND_SUBTRACTION = 3,
  NANGUARD_KIND_MULTIPLICATION = 4,
  NANGUARD_KIND_REMAINDER = 5,  ///< fmod(a, b) as the `frem` instruction
  NANGUARD_KIND_CONVERSION = 6, ///< (float)a
};

/// The floating type of the operands, for printing them exactly.
enum nanguard_value_type {
  NANGUARD_TYPE_HALF = 0,
  NANGUARD_TYPE_BFLOAT = 1,
  NANGUARD_TYPE_FLOAT = 2,
  NANGUARD_TYPE_DOUBLE = 3,
  NANGUARD_TYPE_LONG_DOUBLE = 4,
};

/// The operator printed between the operands of a site of this kind
/// ("0 / 0"), or null for a call ("pow(a, b)" prints "a, b"). Shared by the
/// runtime and the pass, which writes the same text into device reports.
static inline const char *nanguard_infix_operator(uint8_t kind) {
  switch (kind) {
  case NANGUARD_KIND_DIVISION:
    return "/";
  case NANGUARD_KIND_ADDITION:
    return "+";
  case NANGUARD_KIND_SUBTRACTION:
    return "-";
  case NANGUARD_KIND_MULTIPLICATION:
    return "*";
  case NANGUARD_KIND_REMAINDER:
    return "%";
  default:
    return 0;
  }
}

struct nanguard_site {
  const char *file;      ///< Null without debug info.
  const char *function;  ///< The enclosing function, demangled by the pass.
  const char *operation; ///< "log", "division", "conversion to float", ...
  const char *rule;      ///< "nanguard-unguarded-log", ...
  uint32_t line, column;
  uint8_t kind;          ///< enum nanguard_site_kind
  uint8_t type;          ///< enum nanguard_value_type
  uint8_t num_operands;  ///< 1 or 2
  uint8_t is_vector;     ///< The lane argument is meaningful.
  uint32_t count;        ///< Times the site fired (atomic).
  struct nanguard_site *next; ///< The list of sites that fired (summary).
};

/// Called from the cold path: the operation produced \p result (NaN or
/// +-inf) in \p lane from the finite operands \p a (and \p b).
void __nanguard_report(struct nanguard_site *site, uint32_t lane,
                       double result, double a, double b);
void __nanguard_report_ld(struct nanguard_site *site, uint32_t lane,
                          long double result, long double a, long double b);

#ifdef __cplusplus
}
#endif

#endif
