//===- Driver.cpp - What the command line and the language server share ---===//

#include "Driver.h"
#include "CheckSupport.h"
#include "MathFunctions.h"
#include "clang/Options/Options.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <algorithm>
#include <mutex>
#include <set>

using namespace clang;
using namespace clang::tidy;
using namespace clang::tooling;
using namespace llvm;

namespace nanguard {

static StringSet<> InvalidConfigs;
static std::mutex ConfigMutex; // Configurations are read from worker threads.

const StringSet<> &invalidConfigs() { return InvalidConfigs; }

static ErrorOr<ClangTidyOptions>
parseConfigReportingErrors(MemoryBufferRef Buffer) {
  std::lock_guard<std::mutex> Lock(ConfigMutex);
  StringRef Path = Buffer.getBufferIdentifier();
  bool Seen = InvalidConfigs.contains(Path);
  auto Parsed = parseConfigurationWithDiags(
      Buffer, [&](const SMDiagnostic &D) {
        if (!Seen)
          D.print("nanguard", errs());
      });
  if (Parsed)
    return Parsed;
  InvalidConfigs.insert(Path);
  // Report once here and go on with the defaults, so the other files are
  // still analysed; the driver turns the error into exit status 2.
  return ClangTidyOptions();
}

namespace {
/// clang-tidy's hierarchical configuration, read from .nanguard.yaml files
/// (same keys as .clang-tidy) so a project's own .clang-tidy, written for
/// other checks, does not switch nanguard's rules off.
class NanGuardOptionsProvider : public FileOptionsProvider {
public:
  NanGuardOptionsProvider(ClangTidyGlobalOptions Global,
                          ClangTidyOptions Defaults, ClangTidyOptions Overrides)
      : FileOptionsProvider(std::move(Global), std::move(Defaults),
                            std::move(Overrides), handlers()) {
    // The constructor that takes handlers leaves the file system unset.
    FS = vfs::getRealFileSystem();
  }

  /// The configuration of a file in a directory that does not exist yet
  /// (an editor's new buffer) is that of the nearest directory that does.
  std::vector<OptionsSource> getRawOptions(StringRef FileName) override {
    SmallString<256> Dir = sys::path::parent_path(FileName);
    if (Dir.empty() || sys::fs::is_directory(Dir))
      return FileOptionsProvider::getRawOptions(FileName);
    while (!Dir.empty() && !sys::fs::is_directory(Dir))
      Dir = sys::path::parent_path(Dir);
    sys::path::append(Dir, sys::path::filename(FileName));
    return FileOptionsProvider::getRawOptions(Dir);
  }

private:
  static ConfigFileHandlers handlers() {
    ConfigFileHandlers Handlers;
    Handlers.emplace_back(std::string(ConfigFileName),
                          parseConfigReportingErrors);
    return Handlers;
  }
};
} // namespace

std::unique_ptr<ClangTidyOptionsProvider>
createOptionsProvider(StringRef Checks, StringRef ConfigFile,
                      std::string &Error, StringRef WarningsAsErrors) {
  ClangTidyGlobalOptions Global;
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  // Every rule that is on by default (Rules.def).
  std::string DefaultChecks = "-*";
#define NANGUARD_RULE(Id, Check, Summary, Description, Default)                \
  if (StringRef(#Default) == "on")                                              \
    DefaultChecks += ",nanguard-" Id;
#include "Rules.def"
  Defaults.Checks = DefaultChecks;
  Defaults.HeaderFilterRegex = ".*";
  Defaults.SystemHeaders = false;
  ClangTidyOptions Overrides;
  if (!Checks.empty())
    Overrides.Checks = Checks.str();
  if (!WarningsAsErrors.empty())
    Overrides.WarningsAsErrors = WarningsAsErrors.str();

  if (!ConfigFile.empty()) {
    auto Buffer = MemoryBuffer::getFile(ConfigFile);
    if (!Buffer) {
      Error = ("cannot read configuration '" + ConfigFile +
               "': " + Buffer.getError().message())
                  .str();
      return nullptr;
    }
    std::string Diagnostics;
    raw_string_ostream OS(Diagnostics);
    auto Parsed = parseConfigurationWithDiags(
        (*Buffer)->getMemBufferRef(),
        [&](const SMDiagnostic &D) { D.print("nanguard", OS); });
    if (!Parsed) {
      Error = ("invalid configuration '" + ConfigFile + "':\n" + Diagnostics)
                  .str();
      return nullptr;
    }
    return std::make_unique<ConfigOptionsProvider>(
        Global, Defaults, Defaults.merge(*Parsed, 0), Overrides);
  }
  return std::make_unique<NanGuardOptionsProvider>(Global, Defaults, Overrides);
}

namespace {
/// The options each rule takes (besides Severity, which all take).
struct RuleOptions {
  StringRef Rule;
  bool HasEpsilon;
};
const RuleOptions KnownRules[] = {
#define NANGUARD_RULE(Id, Check, Summary, Description, Default)               \
  {"nanguard-" Id, StringRef(Id) == "unguarded-log" ||                         \
                       StringRef(Id) == "div-by-variance"},
#include "Rules.def"
};
} // namespace

/// The line of a configuration file that names \p Key (1 when not found).
static unsigned lineOf(StringRef Path, StringRef Key) {
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return 1;
  SmallVector<StringRef, 64> Lines;
  (*Buffer)->getBuffer().split(Lines, '\n');
  for (size_t I = 0; I < Lines.size(); ++I)
    if (Lines[I].contains(Key))
      return unsigned(I) + 1;
  return 1;
}

bool validateCheckOptions(ClangTidyOptionsProvider &Provider,
                          ArrayRef<std::string> Files) {
  bool Valid = true;
  StringSet<> Reported;
  for (const std::string &File : Files) {
    for (const auto &[Options, Source] : Provider.getRawOptions(File)) {
      if (!sys::fs::exists(Source))
        continue; // Defaults and command-line options, not a file.
      for (const auto &[Key, Value] : Options.CheckOptions) {
        StringRef K = Key;
        StringRef V = Value.Value;
        std::string Problem;
        // The analysis settings every rule reads (AnalysisSettings).
        if (K == "MathWrappers") {
          SmallVector<StringRef, 8> Items;
          V.split(Items, ';', -1, false);
          for (StringRef Item : Items) {
            auto [Wrapper, Wrapped] = Item.split('=');
            if (Wrapper.trim().empty() || !lookupMathFunction(Wrapped.trim()))
              Problem = ("bad entry '" + Item +
                         "' (expected wrapper=function, the function one "
                         "nanguard knows, e.g. my_exp=exp)")
                            .str();
          }
        } else if (K == "NameHints") {
          if (!V.equals_insensitive("true") && !V.equals_insensitive("false") &&
              V != "1" && V != "0")
            Problem = ("bad value '" + V + "' (expected true or false)").str();
        }
        if (!Problem.empty()) {
          if (Reported.insert((Source + "\x1f" + K).str()).second) {
            Valid = false;
            std::lock_guard<std::mutex> Lock(ConfigMutex);
            WithColor::error(errs(), "nanguard")
                << Source << ":" << lineOf(Source, K) << ": CheckOptions key '"
                << K << "': " << Problem << "\n";
          }
          continue;
        }
        if (!K.starts_with("nanguard-"))
          continue;
        auto [Rule, Option] = K.split('.');
        const RuleOptions *Known = nullptr;
        for (const RuleOptions &R : KnownRules)
          if (R.Rule == Rule)
            Known = &R;
        if (!Known)
          Problem = ("unknown rule '" + Rule + "'").str();
        else if (Option == "Severity") {
          if (V != "warning" && V != "error")
            Problem = ("bad value '" + V + "' (expected warning or error)").str();
        } else if ((Option == "Epsilon" || Option == "FloatEpsilon" ||
                    Option == "DoubleEpsilon" ||
                    Option == "LongDoubleEpsilon") &&
                   Known->HasEpsilon) {
          double D;
          if (V.getAsDouble(D) || !(D > 0) || D > 1)
            Problem = ("bad value '" + V +
                       "' (expected a positive number such as 1e-5)")
                          .str();
        } else {
          Problem = ("unknown option '" + Option + "' of " + Rule).str();
        }
        if (Problem.empty() || !Reported.insert((Source + "\x1f" + K).str()).second)
          continue;
        Valid = false;
        std::lock_guard<std::mutex> Lock(ConfigMutex);
        WithColor::error(errs(), "nanguard")
            << Source << ":" << lineOf(Source, K) << ": CheckOptions key '"
            << K << "': " << Problem << "\n";
      }
    }
  }
  return Valid;
}

bool configuredAsError(const ClangTidyOptions &Options, StringRef Rule) {
  auto It = Options.CheckOptions.find((Rule + ".Severity").str());
  return It != Options.CheckOptions.end() && It->second.Value == "error";
}

std::string rulePagesUri() {
  std::string Exe = sys::fs::getMainExecutable(nullptr, nullptr);
  SmallString<256> Installed(
      sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Installed, "share", "doc", "nanguard", "rules");
  if (sys::fs::is_directory(Installed))
    return "file://" + std::string(Installed);
  return "file://" NANGUARD_SOURCE_DOCS "/rules";
}

bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == ClangTidyError::Error &&
         StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

std::string absolutePath(const ClangTidyError &E, StringRef Path) {
  if (Path.empty() || sys::path::is_absolute(Path))
    return Path.str();
  SmallString<256> Absolute(Path);
  sys::path::make_absolute(E.BuildDirectory, Absolute);
  sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

std::string realPath(StringRef Path) {
  SmallString<256> Real;
  if (sys::fs::real_path(Path, Real))
    return Path.str();
  return std::string(Real);
}

void sortAndDeduplicate(std::vector<ClangTidyError> &Errors) {
  // One report per site and rule: a template's definition and each of its
  // instantiations report the same site, maybe in other words, and a header
  // reached from two files by two paths (`../inc/h.h`, `../../inc/h.h`) is
  // one file. The first (the definition's, visited first) is kept. Compiler
  // diagnostics keep their message in the key. Paths are shown without
  // `.` and `..`; the key is the real path.
  StringMap<std::string> Real;
  auto RealPath = [&](const std::string &Path) -> const std::string & {
    auto [It, New] = Real.try_emplace(Path);
    if (New)
      It->second = realPath(Path);
    return It->second;
  };
  auto Tidy = [](const ClangTidyError &E, std::string &Path) {
    if (Path.empty())
      return;
    SmallString<256> Clean(absolutePath(E, Path));
    sys::path::remove_dots(Clean, /*remove_dot_dot=*/true);
    Path = std::string(Clean);
  };
  for (ClangTidyError &E : Errors) {
    Tidy(E, E.Message.FilePath);
    for (tooling::DiagnosticMessage &N : E.Notes)
      Tidy(E, N.FilePath);
  }
  auto Key = [&](const ClangTidyError &E) {
    bool Rule = StringRef(E.DiagnosticName).starts_with("nanguard-");
    return std::make_tuple(RealPath(E.Message.FilePath), E.Message.FileOffset,
                           E.DiagnosticName,
                           Rule ? std::string() : E.Message.Message);
  };
  llvm::stable_sort(Errors, [&](const ClangTidyError &A,
                                const ClangTidyError &B) {
    return Key(A) < Key(B);
  });
  Errors.erase(std::unique(Errors.begin(), Errors.end(),
                           [&](const ClangTidyError &A,
                               const ClangTidyError &B) {
                             return Key(A) == Key(B);
                           }),
               Errors.end());
}

std::string cudaShimHeader() {
  std::string Exe = sys::fs::getMainExecutable(nullptr, nullptr);
  SmallString<256> Installed(
      sys::path::parent_path(sys::path::parent_path(Exe)));
  sys::path::append(Installed, "share", "nanguard", "cuda",
                    "nanguard_cuda_shim.h");
  if (sys::fs::exists(Installed))
    return std::string(Installed);
  return NANGUARD_SOURCE_SHARE "/cuda/nanguard_cuda_shim.h";
}

/// share/cuda/nanguard_nvcc_compat.h, beside the shim.
static std::string cudaCompatHeader() {
  SmallString<256> Path(sys::path::parent_path(cudaShimHeader()));
  sys::path::append(Path, "nanguard_nvcc_compat.h");
  return std::string(Path);
}

static bool isCudaSource(StringRef File) {
  StringRef Ext = sys::path::extension(File);
  return Ext == ".cu" || Ext == ".cuh";
}

/// An nvcc command (a CMake project's compile_commands.json) is not a clang
/// command: keep what the analysis needs — include paths, macros, the
/// language standard, forced includes, the file — and let the CUDA
/// defaults below say how to parse it as clang does.
static CommandLineArguments fromNvcc(const CommandLineArguments &Args,
                                     StringRef File) {
  CommandLineArguments Out = {"clang++"};
  auto KeepHostFlag = [&](StringRef A) {
    if (A.starts_with("-D") || A.starts_with("-U") || A.starts_with("-I") ||
        A.starts_with("-std="))
      Out.push_back(A.str());
  };
  for (size_t I = 1; I < Args.size(); ++I) {
    StringRef A = Args[I];
    auto Next = [&]() -> std::optional<std::string> {
      if (I + 1 < Args.size())
        return Args[++I];
      return std::nullopt;
    };
    if (A == "-D" || A == "-U" || A == "-I" || A == "-isystem" ||
        A == "-include" || A == "-idirafter" || A == "-iquote") {
      if (std::optional<std::string> V = Next()) {
        Out.push_back(A.str());
        Out.push_back(*V);
      }
    } else if (A.starts_with("-D") || A.starts_with("-U") ||
               A.starts_with("-I") || A.starts_with("-std=")) {
      Out.push_back(A.str());
    } else if (A.consume_front("--std=")) {
      Out.push_back(("-std=" + A).str());
    } else if (A == "--std" || A == "-std") {
      if (std::optional<std::string> V = Next())
        Out.push_back("-std=" + *V);
    } else if (A.consume_front("-Xcompiler=") ||
               A.consume_front("--compiler-options=")) {
      SmallVector<StringRef, 8> Parts;
      A.split(Parts, ',');
      for (StringRef P : Parts)
        KeepHostFlag(P);
    } else if (A == "-Xcompiler" || A == "--compiler-options") {
      if (std::optional<std::string> V = Next()) {
        SmallVector<StringRef, 8> Parts;
        StringRef(*V).split(Parts, ',');
        for (StringRef P : Parts)
          KeepHostFlag(P);
      }
    } else if (A == "-o" || A == "-x" || A == "-ccbin" || A == "-arch" ||
               A == "-gencode" || A == "--generate-code" || A == "-Xptxas" ||
               A == "-Xlinker" || A == "--output-file" || A == "-MF" ||
               A == "-MT") {
      Next(); // a flag with a separate value nanguard does not need
    } else if (!A.starts_with("-") && sys::path::filename(A) ==
                                          sys::path::filename(File)) {
      Out.push_back(A.str());
    }
  }
  return Out;
}

namespace {
/// Another database's commands with arguments added at the end.
class WithExtraArguments : public CompilationDatabase {
public:
  WithExtraArguments(const CompilationDatabase &Inner,
                     std::vector<std::string> Extra)
      : Inner(Inner), Extra(std::move(Extra)) {}
  std::vector<CompileCommand>
  getCompileCommands(StringRef File) const override {
    std::vector<CompileCommand> Commands = Inner.getCompileCommands(File);
    for (CompileCommand &C : Commands)
      C.CommandLine.insert(C.CommandLine.end(), Extra.begin(), Extra.end());
    return Commands;
  }
  std::vector<std::string> getAllFiles() const override {
    return Inner.getAllFiles();
  }

private:
  const CompilationDatabase &Inner;
  std::vector<std::string> Extra;
};
} // namespace

/// Where the empty stand-ins for missing headers are (in memory only).
static constexpr llvm::StringLiteral MissingHeaderDir = "/nanguard-missing-headers";

/// The headers a run could not find ("'torch/extension.h' file not found").
static std::vector<std::string>
missingHeaders(const std::vector<ClangTidyError> &Errors) {
  std::vector<std::string> Names;
  for (const ClangTidyError &E : Errors) {
    StringRef M = E.Message.Message;
    if (!isCompilerError(E) || !M.consume_front("'"))
      continue;
    auto [Name, Rest] = M.split('\'');
    if (!Name.empty() && Rest.starts_with(" file not found"))
      Names.push_back(Name.str());
  }
  return Names;
}

FileAnalysis analyseFile(
    const CompilationDatabase &DB, IntrusiveRefCntPtr<vfs::FileSystem> Base,
    function_ref<std::vector<ClangTidyError>(
        const CompilationDatabase &, IntrusiveRefCntPtr<vfs::OverlayFileSystem>)>
        Run) {
  FileAnalysis Result;
  Result.Errors = Run(DB, makeIntrusiveRefCnt<vfs::OverlayFileSystem>(Base));
  std::vector<std::string> Missing = missingHeaders(Result.Errors);
  StringSet<> Known;
  WithExtraArguments Partial(
      DB, {"-idirafter", MissingHeaderDir.str(), "-ferror-limit=0"});
  IntrusiveRefCntPtr<vfs::OverlayFileSystem> Layered;
  // Each round finds the headers the one before stopped at; a header that
  // is found empty cannot include more, so the rounds end.
  for (unsigned Round = 0; Round < 64; ++Round) {
    bool New = false;
    for (const std::string &Name : Missing)
      if (Known.insert(Name).second) {
        Result.MissingHeaders.push_back(Name);
        New = true;
      }
    if (!New)
      break;
    auto Memory = makeIntrusiveRefCnt<vfs::InMemoryFileSystem>();
    for (const std::string &Name : Result.MissingHeaders) {
      SmallString<256> Path(MissingHeaderDir);
      sys::path::append(Path, Name);
      Memory->addFile(Path, 0, MemoryBuffer::getMemBuffer(""));
    }
    Layered = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(Base);
    Layered->pushOverlay(Memory);
    Result.Errors = Run(Partial, Layered);
    Missing = missingHeaders(Result.Errors);
  }
  if (Result.MissingHeaders.empty())
    return Result;
  // Once more, knowing where the errors are: the rules skip the functions
  // that hold one, also where Clang left the erroneous statement out.
  std::vector<std::pair<std::string, unsigned>> Sites;
  for (const ClangTidyError &E : Result.Errors)
    if (isCompilerError(E))
      Sites.emplace_back(absolutePath(E, E.Message.FilePath),
                         E.Message.FileOffset);
  setErrorSites(std::move(Sites));
  Result.Errors = Run(Partial, Layered);
  setErrorSites({});
  llvm::erase_if(Result.Errors, isCompilerError);
  return Result;
}

static std::mutex DroppedMutex;
static std::set<std::string> Dropped;

std::set<std::string> droppedFlags() {
  std::lock_guard<std::mutex> Lock(DroppedMutex);
  return Dropped;
}

/// The command without the flags Clang's driver does not know (GCC's
/// `-fconcepts-diagnostics-depth=2`), which would make it fail: a compile
/// command written for another compiler still tells the includes and macros.
CommandLineArguments withoutUnknownFlags(const CommandLineArguments &Args) {
  if (Args.size() < 2)
    return Args;
  StringRef Driver = sys::path::stem(Args.front());
  opt::Visibility Visibility(Driver == "cl" || Driver.ends_with("clang-cl")
                                 ? options::CLOption
                                 : options::ClangOption);
  SmallVector<const char *, 32> Argv;
  for (size_t I = 1; I < Args.size(); ++I)
    Argv.push_back(Args[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  opt::InputArgList Parsed = getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount, Visibility);
  SmallVector<bool, 32> Drop(Argv.size(), false);
  for (const opt::Arg *A : Parsed.filtered(options::OPT_UNKNOWN)) {
    Drop[A->getIndex()] = true;
    std::lock_guard<std::mutex> Lock(DroppedMutex);
    Dropped.insert(A->getAsString(Parsed));
  }
  if (llvm::none_of(Drop, [](bool D) { return D; }))
    return Args;
  CommandLineArguments Out = {Args.front()};
  for (size_t I = 0; I < Argv.size(); ++I)
    if (!Drop[I])
      Out.push_back(Argv[I]);
  return Out;
}

std::unique_ptr<CompilationDatabase>
withNanGuardArguments(std::unique_ptr<CompilationDatabase> DB,
                      std::vector<std::string> Extra) {
  auto Adjusted =
      std::make_unique<ArgumentsAdjustingCompilations>(std::move(DB));
  Adjusted->appendArgumentsAdjuster(
      [](const CommandLineArguments &Args, StringRef File) {
        if (Args.empty() ||
            !sys::path::filename(Args.front()).starts_with("nvcc"))
          return Args;
        return fromNvcc(Args, File);
      });
  Adjusted->appendArgumentsAdjuster(
      [](const CommandLineArguments &Args, StringRef) {
        return withoutUnknownFlags(Args);
      });
  Adjusted->appendArgumentsAdjuster(
      [](const CommandLineArguments &Args, StringRef File) {
        if (!isCudaSource(File))
          return Args;
        bool Says = llvm::any_of(Args, [](StringRef A) {
          return A.starts_with("--cuda-") || A == "-nocudainc" ||
                 A.starts_with("--offload");
        });
        // What nvcc provides and clang's CUDA headers lack, forced in
        // whatever the command says (share/cuda/nanguard_nvcc_compat.h).
        auto WithCompat = [](CommandLineArguments A) {
          A.insert(A.end(), {"-include", cudaCompatHeader()});
          return A;
        };
        if (Says) {
          // CUDA 13 keeps cub and thrust in include/cccl, which nvcc adds to
          // the include path and clang does not: add it for the toolkit the
          // command names, unless the command already does.
          CommandLineArguments Adjusted = Args;
          for (StringRef A : Args)
            if (A.consume_front("--cuda-path=")) {
              std::string Cccl = (A + "/include/cccl").str();
              if (sys::fs::is_directory(Cccl) &&
                  llvm::none_of(Args, [](StringRef B) {
                    return B.contains("include/cccl");
                  }))
                Adjusted.insert(Adjusted.end(), {"-isystem", Cccl});
            }
          return WithCompat(Adjusted);
        }
        CommandLineArguments Adjusted = Args;
        Adjusted.insert(Adjusted.end(), {"-xcuda", "--cuda-host-only"});
        if (sys::fs::exists("/usr/local/cuda/include/cuda_runtime.h")) {
          Adjusted.insert(Adjusted.end(), {"--cuda-path=/usr/local/cuda",
                                           "-Wno-unknown-cuda-version"});
          // CUDA 13 keeps cub and thrust under include/cccl, which nvcc
          // adds to the include path.
          if (sys::fs::is_directory("/usr/local/cuda/include/cccl"))
            Adjusted.insert(Adjusted.end(),
                            {"-isystem", "/usr/local/cuda/include/cccl"});
        }
        else
          Adjusted.insert(Adjusted.end(),
                          {"-nocudainc", "-nocudalib", "-include",
                           cudaShimHeader(), "-isystem",
                           (sys::path::parent_path(cudaShimHeader()) + "/include")
                               .str()});
        return WithCompat(Adjusted);
      });
  Extra.push_back("-resource-dir=" NANGUARD_CLANG_RESOURCE_DIR);
  Adjusted->appendArgumentsAdjuster(
      getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::END));
  return Adjusted;
}

} // namespace nanguard
