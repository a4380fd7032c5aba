//===- Workers.h - Each translation unit in a process of its own -*- C++ -*-===//
//
// The command line analyses every translation unit in a worker process
// forked from the driver, so that nothing one file does ends the run: a
// crash in the analysis or in Clang itself (a signal, an abort, a stack
// overflow), or a fatal error, ends only that worker. The driver stays
// single-threaded and small, so fork() is safe and cheap; the worker runs the
// analysis on a thread with a large stack and sends its diagnostics back as
// YAML (clang's own serialization of tooling::Diagnostic).
//
// Why processes and not llvm::CrashRecoveryContext: after a crash recovered
// in-process, locks and global state of Clang and of the analysis may be left
// half-changed for the files that follow, and a stack overflow on a worker
// thread cannot be recovered without an alternate signal stack per thread.
// A process per file isolates all of it for about a millisecond per file.
//
//===----------------------------------------------------------------------===//

#ifndef NANGUARD_TOOL_WORKERS_H
#define NANGUARD_TOOL_WORKERS_H

#include "Driver.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include <string>
#include <vector>

namespace nanguard {

struct WorkerOutcome {
  std::vector<clang::tidy::ClangTidyError> Errors;
  /// The headers not found: the file was analysed partially.
  std::vector<std::string> MissingHeaders;
  /// What the worker wrote on stderr.
  std::string Stderr;
  /// Empty when the worker finished; else what ended it ("Segmentation
  /// fault", "exit status 70").
  std::string Failure;
};

/// Runs \p Task(I) for every I below \p Count, each in a worker process, at
/// most \p Jobs at once; \p OnStart(I) runs in the driver as task I starts.
/// A worker still running after \p TimeoutSeconds (0: no limit) is killed
/// and its task fails. The outcomes are in task order.
std::vector<WorkerOutcome> runInWorkers(
    size_t Count, unsigned Jobs,
    llvm::function_ref<FileAnalysis(size_t)> Task,
    llvm::function_ref<void(size_t)> OnStart, unsigned TimeoutSeconds = 0);

} // namespace nanguard

#endif
