// NANGUARD_OPTIONS: an unknown option or a bad value is reported, naming
// it, and never silently changes behaviour. log_path, log_format=json,
// max_reports_per_site and print_summary do what they say.
// RUN: %nanguard_cxx -O1 -g %s -o %t
// RUN: env NANGUARD_OPTIONS=frobnicate=1:halt_on_error=maybe:max_reports_per_site=-2:log_format=xml:verbose %t 2>&1 >/dev/null | FileCheck %s --check-prefix=BAD
// BAD: nanguard: error: NANGUARD_OPTIONS: unknown option 'frobnicate'
// BAD: nanguard: error: NANGUARD_OPTIONS: bad value 'maybe' for 'halt_on_error' (expected 0 or 1)
// BAD: nanguard: error: NANGUARD_OPTIONS: bad value '-2' for 'max_reports_per_site'
// BAD: nanguard: error: NANGUARD_OPTIONS: bad value 'xml' for 'log_format' (expected text or json)
// BAD: nanguard: error: NANGUARD_OPTIONS: 'verbose' has no value
// BAD: options.cpp:{{[0-9]+}}:{{[0-9]+}}: runtime error: log produced -inf

// RUN: rm -f %t.log.*
// RUN: env NANGUARD_OPTIONS=log_path=%t.log:log_format=json:max_reports_per_site=2:print_summary=1 %t > %t.stdout 2> %t.stderr
// RUN: count 0 < %t.stderr
// RUN: cat %t.log.* | FileCheck %s --check-prefix=JSON
// JSON: {"file":"{{.*}}options.cpp","line":[[#LOGLINE:]],"column":{{[0-9]+}},"function":"main","operation":"log","rule":"nanguard-unguarded-log","result":"-inf","operands":["0"],"count":1}
// JSON-NEXT: {"file":"{{.*}}options.cpp","line":[[#LOGLINE]],{{.*}}"count":2}
// JSON-NEXT: nanguard: summary: 1 site produced NaN or Inf (3 times)
// JSON-NEXT: {{^ +}}3  {{.*}}options.cpp:[[#LOGLINE]]:{{[0-9]+}}: log [nanguard-unguarded-log] in function main
// RUN: FileCheck %s --check-prefix=STDOUT --input-file=%t.stdout
// STDOUT: sum -inf

#include <cmath>
#include <cstdio>

volatile double zero = 0;

int main() {
  double sum = 0;
  for (int i = 0; i < 3; ++i)
    sum += std::log(zero);
  std::printf("sum %g\n", sum);
  return 0;
}
