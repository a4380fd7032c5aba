//===- nanguard_rt.cpp - The nanguard runtime -----------------------------===//
//
// Reports where a NaN or Inf was born, in the shape users know from UBSan:
//
//   src/loss.cpp:42:17: runtime error: log produced -inf from finite operand 0
//     [nanguard-unguarded-log] in function cross_entropy(float const*, int)
//
// Only the cold path lives here; the fast path is the pass's inline test.
// Reports are formatted on the stack and written with one write(2), sites
// count with atomics, and nothing on the report path allocates or takes a
// lock (the pass stores names already demangled). Options come from
// NANGUARD_OPTIONS (colon-separated, like the sanitizers').
//
//===----------------------------------------------------------------------===//

#include "nanguard_rt.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

namespace {

struct Suppression {
  char *rule; // "*" or a rule id, with or without "nanguard-"
  char *glob; // matched against the file and the function
};

struct Options {
  bool halt_on_error = false;
  int exitcode = 1;
  unsigned max_reports_per_site = 1; // 0: every time
  const char *log_path = nullptr;
  bool print_summary = false;
  bool json = false;
  const char *suppressions = nullptr;
};

Options Opts;
int OutFd = 2;
Suppression *Suppressions = nullptr;
unsigned NumSuppressions = 0;
nanguard_site *FiredSites = nullptr; // pushed with a CAS, read at exit
unsigned long TotalReports = 0;
int InitState = 0; // 0 not started, 1 running, 2 done

void writeAll(int Fd, const char *Buf, size_t Len) {
  while (Len) {
    ssize_t N = write(Fd, Buf, Len);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return;
    Buf += N;
    Len -= size_t(N);
  }
}

/// A bounded string builder on the caller's stack.
struct Buffer {
  char *Data;
  size_t Cap, Len = 0;
  Buffer(char *D, size_t C) : Data(D), Cap(C) { Data[0] = 0; }
  void append(const char *Fmt, ...) __attribute__((format(printf, 2, 3))) {
    if (Len + 1 >= Cap)
      return;
    va_list Args;
    va_start(Args, Fmt);
    int N = vsnprintf(Data + Len, Cap - Len, Fmt, Args);
    va_end(Args);
    if (N > 0)
      Len = Len + size_t(N) < Cap ? Len + size_t(N) : Cap - 1;
  }
  void appendJsonString(const char *S) {
    append("\"");
    for (; S && *S; ++S) {
      unsigned char C = static_cast<unsigned char>(*S);
      if (C == '"' || C == '\\')
        append("\\%c", C);
      else if (C < 0x20)
        append("\\u%04x", C);
      else
        append("%c", C);
    }
    append("\"");
  }
};

void startupError(const char *Fmt, ...) __attribute__((format(printf, 1, 2)));
void startupError(const char *Fmt, ...) {
  char Text[512];
  Buffer B(Text, sizeof(Text));
  B.append("nanguard: error: ");
  va_list Args;
  va_start(Args, Fmt);
  int N = vsnprintf(Text + B.Len, sizeof(Text) - B.Len, Fmt, Args);
  va_end(Args);
  if (N > 0)
    B.Len = B.Len + size_t(N) < sizeof(Text) - 1 ? B.Len + size_t(N)
                                                 : sizeof(Text) - 2;
  Text[B.Len++] = '\n';
  writeAll(2, Text, B.Len);
}

bool parseBool(const char *Name, const char *Value, bool &Out) {
  if (!strcmp(Value, "0") || !strcmp(Value, "false")) {
    Out = false;
    return true;
  }
  if (!strcmp(Value, "1") || !strcmp(Value, "true")) {
    Out = true;
    return true;
  }
  startupError("NANGUARD_OPTIONS: bad value '%s' for '%s' (expected 0 or 1)",
               Value, Name);
  return false;
}

bool parseUnsigned(const char *Name, const char *Value, unsigned long Max,
                   unsigned long &Out) {
  char *End = nullptr;
  errno = 0;
  unsigned long V = strtoul(Value, &End, 10);
  if (!*Value || *End || errno || V > Max || Value[0] == '-') {
    startupError("NANGUARD_OPTIONS: bad value '%s' for '%s' (expected a "
                 "number from 0 to %lu)",
                 Value, Name, Max);
    return false;
  }
  Out = V;
  return true;
}

void loadSuppressions(const char *Path) {
  FILE *F = fopen(Path, "r");
  if (!F) {
    startupError("cannot read suppressions file '%s': %s", Path,
                 strerror(errno));
    return;
  }
  char Line[1024];
  unsigned LineNo = 0, Cap = 0;
  while (fgets(Line, sizeof(Line), F)) {
    ++LineNo;
    char *S = Line;
    while (*S == ' ' || *S == '\t')
      ++S;
    size_t L = strlen(S);
    while (L && (S[L - 1] == '\n' || S[L - 1] == '\r' || S[L - 1] == ' '))
      S[--L] = 0;
    if (!*S || *S == '#')
      continue;
    char *Colon = strchr(S, ':');
    if (!Colon || Colon == S || !Colon[1]) {
      startupError("%s:%u: bad suppression '%s' (expected rule:glob, e.g. "
                   "nanguard-unguarded-log:*/legacy/*)",
                   Path, LineNo, S);
      continue;
    }
    *Colon = 0;
    if (NumSuppressions == Cap) {
      Cap = Cap ? Cap * 2 : 16;
      Suppressions = static_cast<Suppression *>(
          realloc(Suppressions, Cap * sizeof(Suppression)));
    }
    Suppressions[NumSuppressions++] = {strdup(S), strdup(Colon + 1)};
  }
  fclose(F);
}

void printSummary();

void parseOptions() {
  const char *Env = getenv("NANGUARD_OPTIONS");
  if (!Env || !*Env)
    return;
  char *Copy = strdup(Env);
  for (char *Save = nullptr, *Item = strtok_r(Copy, ":", &Save); Item;
       Item = strtok_r(nullptr, ":", &Save)) {
    char *Eq = strchr(Item, '=');
    if (!Eq) {
      startupError("NANGUARD_OPTIONS: '%s' has no value (expected name=value)",
                   Item);
      continue;
    }
    *Eq = 0;
    const char *Name = Item, *Value = Eq + 1;
    unsigned long N;
    if (!strcmp(Name, "halt_on_error")) {
      parseBool(Name, Value, Opts.halt_on_error);
    } else if (!strcmp(Name, "exitcode")) {
      if (parseUnsigned(Name, Value, 255, N))
        Opts.exitcode = int(N);
    } else if (!strcmp(Name, "max_reports_per_site")) {
      if (parseUnsigned(Name, Value, 0xffffffffUL, N))
        Opts.max_reports_per_site = unsigned(N);
    } else if (!strcmp(Name, "log_path")) {
      if (*Value)
        Opts.log_path = strdup(Value);
      else
        startupError("NANGUARD_OPTIONS: empty value for 'log_path'");
    } else if (!strcmp(Name, "print_summary")) {
      parseBool(Name, Value, Opts.print_summary);
    } else if (!strcmp(Name, "log_format")) {
      if (!strcmp(Value, "json"))
        Opts.json = true;
      else if (!strcmp(Value, "text"))
        Opts.json = false;
      else
        startupError("NANGUARD_OPTIONS: bad value '%s' for 'log_format' "
                     "(expected text or json)",
                     Value);
    } else if (!strcmp(Name, "suppressions")) {
      Opts.suppressions = strdup(Value);
    } else {
      startupError("NANGUARD_OPTIONS: unknown option '%s' (known: "
                   "halt_on_error, exitcode, max_reports_per_site, log_path, "
                   "print_summary, log_format, suppressions)",
                   Name);
    }
  }
  free(Copy);

  if (Opts.log_path) {
    char Path[4096];
    snprintf(Path, sizeof(Path), "%s.%d", Opts.log_path, int(getpid()));
    int Fd = open(Path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (Fd < 0)
      startupError("cannot open log_path '%s': %s; reporting to stderr", Path,
                   strerror(errno));
    else
      OutFd = Fd;
  }
  if (Opts.suppressions)
    loadSuppressions(Opts.suppressions);
}

void initialize() {
  int Expected = 0;
  if (__atomic_compare_exchange_n(&InitState, &Expected, 1, false,
                                  __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    parseOptions();
    atexit(printSummary);
    __atomic_store_n(&InitState, 2, __ATOMIC_RELEASE);
    return;
  }
  while (__atomic_load_n(&InitState, __ATOMIC_ACQUIRE) != 2)
    ;
}

__attribute__((constructor)) void initializeAtStartup() { initialize(); }

/// Prints a value so that it reads back to the same bits.
void formatValue(char *Out, size_t N, long double V, uint8_t Type) {
  if (isnan(V)) {
    snprintf(Out, N, "nan");
    return;
  }
  if (isinf(V)) {
    snprintf(Out, N, V > 0 ? "inf" : "-inf");
    return;
  }
  switch (Type) {
  case NANGUARD_TYPE_HALF:
    snprintf(Out, N, "%.5g", double(V));
    break;
  case NANGUARD_TYPE_BFLOAT:
    snprintf(Out, N, "%.4g", double(V));
    break;
  case NANGUARD_TYPE_FLOAT:
    snprintf(Out, N, "%.9g", double(V));
    break;
  case NANGUARD_TYPE_DOUBLE:
    snprintf(Out, N, "%.17g", double(V));
    break;
  default:
    snprintf(Out, N, "%.21Lg", V);
    break;
  }
}

bool ruleMatches(const char *Pattern, const char *Rule) {
  if (!strcmp(Pattern, "*") || !strcmp(Pattern, Rule))
    return true;
  return !strncmp(Rule, "nanguard-", 9) && !strcmp(Pattern, Rule + 9);
}

bool isSuppressed(const nanguard_site *Site, const char *Function) {
  for (unsigned I = 0; I < NumSuppressions; ++I) {
    const Suppression &S = Suppressions[I];
    if (!ruleMatches(S.rule, Site->rule))
      continue;
    if ((Site->file && !fnmatch(S.glob, Site->file, 0)) ||
        !fnmatch(S.glob, Function, 0))
      return true;
  }
  return false;
}


void report(nanguard_site *Site, uint32_t Lane, long double Result,
            long double A, long double B) {
  initialize();
  uint32_t Seen = __atomic_fetch_add(&Site->count, 1, __ATOMIC_RELAXED);
  __atomic_fetch_add(&TotalReports, 1, __ATOMIC_RELAXED);
  if (Seen == 0) {
    nanguard_site *Head = __atomic_load_n(&FiredSites, __ATOMIC_ACQUIRE);
    do
      Site->next = Head;
    while (!__atomic_compare_exchange_n(&FiredSites, &Head, Site, true,
                                        __ATOMIC_RELEASE, __ATOMIC_ACQUIRE));
  }
  if (Opts.max_reports_per_site && Seen >= Opts.max_reports_per_site)
    return;

  const char *Function = Site->function ? Site->function : "<unknown>";
  if (isSuppressed(Site, Function))
    return;

  char R[64], VA[64], VB[64];
  formatValue(R, sizeof(R), Result, NANGUARD_TYPE_DOUBLE);
  formatValue(VA, sizeof(VA), A, Site->type);
  formatValue(VB, sizeof(VB), B, Site->type);
  const char *Infix = nanguard_infix_operator(Site->kind);

  char Text[4096];
  Buffer Out(Text, sizeof(Text));
  if (Opts.json) {
    Out.append("{\"file\":");
    if (Site->file)
      Out.appendJsonString(Site->file);
    else
      Out.append("null");
    Out.append(",\"line\":%u,\"column\":%u,\"function\":", Site->line,
               Site->column);
    Out.appendJsonString(Function);
    Out.append(",\"operation\":");
    Out.appendJsonString(Site->operation);
    Out.append(",\"rule\":");
    Out.appendJsonString(Site->rule);
    Out.append(",\"result\":\"%s\",\"operands\":[\"%s\"", R, VA);
    if (Site->num_operands > 1)
      Out.append(",\"%s\"", VB);
    Out.append("]");
    if (Site->is_vector)
      Out.append(",\"lane\":%u", Lane);
    Out.append(",\"count\":%u}\n", Seen + 1);
  } else {
    if (Site->file)
      Out.append("%s:%u:%u: ", Site->file, Site->line, Site->column);
    else
      Out.append("<unknown location>: ");
    Out.append("runtime error: %s produced %s", Site->operation, R);
    if (Site->is_vector)
      Out.append(" in lane %u", Lane);
    if (Site->num_operands == 1)
      Out.append(" from finite operand %s", VA);
    else if (Infix)
      Out.append(" from finite operands %s %s %s", VA, Infix, VB);
    else
      Out.append(" from finite operands %s, %s", VA, VB);
    Out.append(" [%s] in function %s", Site->rule, Function);
    if (!Site->file)
      Out.append(" (no debug info: compile with -g for the file and line)");
    Out.append("\n");
  }
  writeAll(OutFd, Text, Out.Len);

  if (Opts.halt_on_error) {
    if (Opts.print_summary)
      printSummary();
    fflush(nullptr);
    _exit(Opts.exitcode);
  }
}

int compareByCount(const void *L, const void *R) {
  const nanguard_site *A = *static_cast<nanguard_site *const *>(L);
  const nanguard_site *B = *static_cast<nanguard_site *const *>(R);
  uint32_t CA = __atomic_load_n(&A->count, __ATOMIC_RELAXED);
  uint32_t CB = __atomic_load_n(&B->count, __ATOMIC_RELAXED);
  return CA < CB ? 1 : CA > CB ? -1 : 0;
}

void printSummary() {
  static int Printed = 0;
  if (!Opts.print_summary || __atomic_exchange_n(&Printed, 1, __ATOMIC_ACQ_REL))
    return;
  // At exit the program's own buffered output comes first, as it would have
  // without the summary.
  fflush(stdout);
  size_t N = 0;
  for (nanguard_site *S = __atomic_load_n(&FiredSites, __ATOMIC_ACQUIRE); S;
       S = S->next)
    ++N;
  char Text[4096];
  Buffer Out(Text, sizeof(Text));
  Out.append("nanguard: summary: %zu %s produced NaN or Inf (%lu %s)\n", N,
             N == 1 ? "site" : "sites",
             __atomic_load_n(&TotalReports, __ATOMIC_RELAXED),
             __atomic_load_n(&TotalReports, __ATOMIC_RELAXED) == 1 ? "time"
                                                                   : "times");
  writeAll(OutFd, Text, Out.Len);
  if (!N)
    return;
  nanguard_site **Sites =
      static_cast<nanguard_site **>(malloc(N * sizeof(nanguard_site *)));
  if (!Sites)
    return;
  size_t I = 0;
  for (nanguard_site *S = __atomic_load_n(&FiredSites, __ATOMIC_ACQUIRE); S;
       S = S->next)
    Sites[I++] = S;
  qsort(Sites, N, sizeof(nanguard_site *), compareByCount);
  for (I = 0; I < N; ++I) {
    const nanguard_site *S = Sites[I];
    const char *Function = S->function ? S->function : "<unknown>";
    Buffer Line(Text, sizeof(Text));
    Line.append("  %8u  ", __atomic_load_n(&S->count, __ATOMIC_RELAXED));
    if (S->file)
      Line.append("%s:%u:%u: ", S->file, S->line, S->column);
    else
      Line.append("<unknown location>: ");
    Line.append("%s [%s] in function %s\n", S->operation, S->rule, Function);
    writeAll(OutFd, Text, Line.Len);
  }
  free(Sites);
}

} // namespace

extern "C" {

__attribute__((cold, noinline, visibility("default"))) void
__nanguard_report(nanguard_site *Site, uint32_t Lane, double Result, double A,
                  double B) {
  report(Site, Lane, Result, A, B);
}

__attribute__((cold, noinline, visibility("default"))) void
__nanguard_report_ld(nanguard_site *Site, uint32_t Lane, long double Result,
                     long double A, long double B) {
  report(Site, Lane, Result, A, B);
}

} // extern "C"
