//===- Driver.h - What the command line and the language server share -----===//

#ifndef NANGUARD_TOOL_DRIVER_H
#define NANGUARD_TOOL_DRIVER_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace nanguard {

/// The configuration file nanguard reads (the keys of a .clang-tidy file).
inline constexpr llvm::StringLiteral ConfigFileName = ".nanguard.yaml";

/// clang-tidy's options for nanguard: the rules on, headers included, the
/// .nanguard.yaml files found upward from each source (or \p ConfigFile),
/// and \p Checks added on top. Null, with \p Error set, when \p ConfigFile
/// cannot be read or parsed.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
createOptionsProvider(llvm::StringRef Checks, llvm::StringRef ConfigFile,
                      std::string &Error,
                      llvm::StringRef WarningsAsErrors = "");

/// Checks the nanguard options of the configurations that apply to
/// \p Files: a known rule and option, a valid value (Severity is warning or
/// error, Epsilon a positive number). Each problem is reported once on
/// stderr, naming the file, line and key; returns false if there was one.
bool validateCheckOptions(clang::tidy::ClangTidyOptionsProvider &Provider,
                          llvm::ArrayRef<std::string> Files);

/// The severity a configuration gives a rule (CheckOptions
/// <rule>.Severity): true for error.
bool configuredAsError(const clang::tidy::ClangTidyOptions &Options,
                       llvm::StringRef Rule);

/// A file:// URI of the directory of rule pages: installed beside the
/// binary, or the source tree's docs/rules.
std::string rulePagesUri();

/// The .nanguard.yaml files that did not parse (each reported once, with
/// its line, on stderr).
const llvm::StringSet<> &invalidConfigs();

/// A compiler error (the file did not parse), not a finding.
bool isCompilerError(const clang::tidy::ClangTidyError &E);

/// A path of a finding made absolute: compile commands may name files
/// relative to their build directory.
std::string absolutePath(const clang::tidy::ClangTidyError &E,
                         llvm::StringRef Path);

/// The path with symbolic links, `.` and `..` resolved, or the path itself
/// when it does not exist.
std::string realPath(llvm::StringRef Path);

/// Orders findings by file and offset, and keeps one of each: a header seen
/// from many files, or a template instantiated many times, reports once.
void sortAndDeduplicate(std::vector<clang::tidy::ClangTidyError> &Errors);

/// The CUDA shim header (share/cuda/nanguard_cuda_shim.h) for analysing .cu
/// files without a CUDA toolkit.
std::string cudaShimHeader();

/// One file's diagnostics, and the headers it includes that were not found
/// (then the file was analysed partially, see analyseFile).
struct FileAnalysis {
  std::vector<clang::tidy::ClangTidyError> Errors;
  std::vector<std::string> MissingHeaders;
};

/// Runs \p Run (clang-tidy over one file, with the database and file system
/// it is given). When an included header is not found, runs it again with
/// every missing header replaced by an empty one, in memory, searched after
/// the include paths (as many rounds as new headers turn up), so the
/// functions that do not use what those headers declare are still analysed;
/// the rules skip the functions with errors (analysable()). The compiler
/// errors of a file analysed so are left out: the missing headers say why.
FileAnalysis analyseFile(
    const clang::tooling::CompilationDatabase &DB,
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> Base,
    llvm::function_ref<std::vector<clang::tidy::ClangTidyError>(
        const clang::tooling::CompilationDatabase &,
        llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem>)>
        Run);

/// The flags of compile commands that Clang does not know and that were
/// left out (each as written, once).
std::set<std::string> droppedFlags();

/// A compiler command line (argv[0] first) without the flags Clang's
/// driver does not know (GCC's `-fconcepts-diagnostics-depth=2`), which would
/// make it fail; they are added to droppedFlags().
std::vector<std::string> withoutUnknownFlags(const std::vector<std::string> &Args);

/// A compilation database whose commands also get \p Extra and the
/// resource directory of the clang nanguard was built against. A .cu file
/// whose command does not say how to compile CUDA is analysed as CUDA host
/// code, which holds the device functions too (each finding once), with the
/// toolkit at /usr/local/cuda when there is one and the shim otherwise.
std::unique_ptr<clang::tooling::CompilationDatabase>
withNanGuardArguments(std::unique_ptr<clang::tooling::CompilationDatabase> DB,
                      std::vector<std::string> Extra);

/// `nanguard lsp`: a Language Server Protocol server reading \p In (stdin)
/// and writing \p OutFd (standard output); returns at the end of input.
int runLanguageServer(std::FILE *In = stdin, int OutFd = 1);

} // namespace nanguard

#endif
