//===- Workers.cpp - Each translation unit in a process of its own --------===//

#include "Workers.h"
#include "clang/Tooling/DiagnosticsYaml.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLTraits.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace {
/// What a worker sends back: its diagnostics, and which of them
/// --warnings-as-errors turned into errors ('1' per such diagnostic).
struct WorkerReport {
  std::vector<tooling::Diagnostic> Diagnostics;
  std::string WarningsAsErrors;
  std::string MissingHeaders; ///< One per line.
};
} // namespace

template <> struct llvm::yaml::MappingTraits<WorkerReport> {
  static void mapping(IO &Io, WorkerReport &R) {
    Io.mapRequired("Diagnostics", R.Diagnostics);
    Io.mapRequired("WarningsAsErrors", R.WarningsAsErrors);
    Io.mapOptional("MissingHeaders", R.MissingHeaders);
  }
};

namespace nanguard {

/// Deep expressions (a sum of 50,000 terms) recurse deeply in Clang and in
/// the analysis alike; the stack is reserved, not committed.
static constexpr unsigned WorkerStackSize = 1024u << 20;

static void writeReport(const FileAnalysis &Analysis, int Fd) {
  WorkerReport Report;
  for (const std::string &Header : Analysis.MissingHeaders)
    Report.MissingHeaders += Header + "\n";
  for (const ClangTidyError &E : Analysis.Errors) {
    Report.Diagnostics.push_back(E);
    Report.WarningsAsErrors += E.IsWarningAsError ? '1' : '0';
  }
  raw_fd_ostream OS(Fd, /*shouldClose=*/false);
  yaml::Output Out(OS);
  Out << Report;
}

static bool readReport(StringRef Path, std::vector<ClangTidyError> &Errors,
                       std::vector<std::string> &MissingHeaders) {
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer || (*Buffer)->getBufferSize() == 0)
    return false;
  WorkerReport Report;
  yaml::Input In((*Buffer)->getBuffer());
  In >> Report;
  if (In.error() ||
      Report.WarningsAsErrors.size() != Report.Diagnostics.size())
    return false;
  SmallVector<StringRef, 4> Headers;
  StringRef(Report.MissingHeaders).split(Headers, '\n', -1, false);
  for (StringRef H : Headers)
    MissingHeaders.push_back(H.str());
  for (size_t I = 0; I < Report.Diagnostics.size(); ++I) {
    const tooling::Diagnostic &D = Report.Diagnostics[I];
    ClangTidyError E(D.DiagnosticName, D.DiagLevel, D.BuildDirectory,
                     Report.WarningsAsErrors[I] == '1');
    E.Message = D.Message;
    E.Notes = D.Notes;
    Errors.push_back(std::move(E));
  }
  return true;
}

static std::string readAll(StringRef Path) {
  auto Buffer = MemoryBuffer::getFile(Path);
  return Buffer ? (*Buffer)->getBuffer().str() : std::string();
}

std::vector<WorkerOutcome> runInWorkers(
    size_t Count, unsigned Jobs,
    function_ref<FileAnalysis(size_t)> Task,
    function_ref<void(size_t)> OnStart, unsigned TimeoutSeconds) {
  std::vector<WorkerOutcome> Outcomes(Count);
  struct Running {
    size_t Task;
    SmallString<128> Report, Log;
    std::chrono::steady_clock::time_point Started;
    bool TimedOut = false;
  };
  std::map<pid_t, Running> Live;
  Jobs = std::max(1u, Jobs);

  auto Start = [&](size_t I) {
    OnStart(I);
    Running R{I, {}, {}, std::chrono::steady_clock::now()};
    int ReportFd = -1, LogFd = -1;
    if (sys::fs::createTemporaryFile("nanguard-worker", "yaml", ReportFd,
                                     R.Report) ||
        sys::fs::createTemporaryFile("nanguard-worker", "log", LogFd, R.Log)) {
      if (ReportFd >= 0) {
        ::close(ReportFd);
        sys::fs::remove(R.Report);
      }
      Outcomes[I].Failure = "cannot create a temporary file";
      return;
    }
    outs().flush();
    errs().flush();
    std::fflush(nullptr);
    pid_t Pid = ::fork();
    if (Pid == 0) {
      ::dup2(LogFd, 2);
      FileAnalysis Analysis;
      {
        llvm::thread Worker(std::optional<unsigned>(WorkerStackSize),
                            [&] { Analysis = Task(I); });
        Worker.join();
      }
      writeReport(Analysis, ReportFd);
      errs().flush();
      ::_exit(0);
    }
    ::close(ReportFd);
    ::close(LogFd);
    if (Pid < 0) {
      Outcomes[I].Failure =
          std::string("cannot start a worker process: ") + std::strerror(errno);
      sys::fs::remove(R.Report);
      sys::fs::remove(R.Log);
      return;
    }
    Live.emplace(Pid, std::move(R));
  };

  auto Finish = [&](const Running &R, int Status) {
    WorkerOutcome &O = Outcomes[R.Task];
    O.Stderr = readAll(R.Log);
    if (R.TimedOut) {
      O.Failure = "it took longer than " + std::to_string(TimeoutSeconds) +
                  " s (--timeout)";
    } else if (WIFSIGNALED(Status)) {
      const char *Name = ::strsignal(WTERMSIG(Status));
      O.Failure = Name ? Name : "signal " + std::to_string(WTERMSIG(Status));
    } else if (!WIFEXITED(Status) || WEXITSTATUS(Status) != 0) {
      O.Failure = "exit status " + std::to_string(WEXITSTATUS(Status));
    } else if (!readReport(R.Report, O.Errors, O.MissingHeaders)) {
      O.Failure = "its report could not be read";
    }
    sys::fs::remove(R.Report);
    sys::fs::remove(R.Log);
  };

  size_t Next = 0;
  while (Next < Count || !Live.empty()) {
    while (Next < Count && Live.size() < Jobs)
      Start(Next++);
    if (Live.empty())
      continue;
    int Status = 0;
    // Without a time limit, wait; with one, look every 20 ms and end the
    // workers past it.
    pid_t Pid = ::waitpid(-1, &Status, TimeoutSeconds ? WNOHANG : 0);
    if (Pid == 0) {
      auto Now = std::chrono::steady_clock::now();
      for (auto &[P, R] : Live)
        if (!R.TimedOut &&
            Now - R.Started > std::chrono::seconds(TimeoutSeconds)) {
          R.TimedOut = true;
          ::kill(P, SIGKILL);
        }
      ::usleep(20000);
      continue;
    }
    if (Pid < 0) {
      if (errno == EINTR)
        continue;
      // No child left to wait for: whatever is still listed is lost.
      for (auto &Entry : Live)
        Outcomes[Entry.second.Task].Failure = "the worker process was lost";
      Live.clear();
      continue;
    }
    auto It = Live.find(Pid);
    if (It == Live.end())
      continue;
    Running R = std::move(It->second);
    Live.erase(It);
    Finish(R, Status);
  }
  return Outcomes;
}

} // namespace nanguard
