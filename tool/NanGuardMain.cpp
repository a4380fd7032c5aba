//===- NanGuardMain.cpp - The nanguard command-line driver ----------------===//
//
//   nanguard [options] <files or directories...> [-- <compiler args>]
//   nanguard -p <build-dir> [files or directories...]
//
// The rules are clang-tidy checks; this driver reuses clang-tidy's library for
// running them, NOLINT, configuration files, diagnostics and fixes. What it
// adds: directory walking, one report per location across translation units,
// and an exit status that tells findings (1) from files that could not be
// analysed (2).
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "Reports.h"
#include "Workers.h"
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/Core/Replacement.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/PrettyStackTrace.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
#include <csignal>
#include <map>
#include <unistd.h>

using namespace clang;
using namespace clang::tidy;
using namespace clang::tooling;
using namespace llvm;
using namespace nanguard;

static cl::OptionCategory Category("nanguard options");

static cl::list<std::string> Inputs(cl::Positional,
                                    cl::desc("<files or directories>"),
                                    cl::cat(Category));
static cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory containing compile_commands.json"),
              cl::value_desc("build-dir"), cl::cat(Category));
static cl::opt<std::string>
    Checks("checks",
           cl::desc("Rules to run, as a clang-tidy glob added to the "
                    "configuration's (e.g. -nanguard-raw-exp)"),
           cl::init(""), cl::cat(Category));
static cl::opt<std::string>
    ConfigFile("config-file",
               cl::desc("Read the configuration from this file instead of "
                        "the .nanguard.yaml files found upward from each "
                        "source file"),
               cl::init(""), cl::cat(Category));
static cl::opt<bool> Fix("fix", cl::desc("Apply the suggested fixes in place"),
                         cl::cat(Category));
static cl::opt<std::string>
    ExportFixes("export-fixes",
                cl::desc("Write the suggested fixes as YAML for "
                         "clang-apply-replacements"),
                cl::value_desc("filename"), cl::cat(Category));
static cl::opt<bool> ListRules(
    "list-rules", cl::desc("List every rule: id, on or off by default, summary"),
    cl::cat(Category));
static cl::opt<std::string>
    Explain("explain", cl::desc("Print the page of a rule and exit"),
            cl::value_desc("rule"), cl::cat(Category));
static cl::opt<bool> ListChecks("list-checks",
                                cl::desc("List the enabled rules and exit"),
                                cl::cat(Category));
static cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("Additional argument to append to the compiler "
                       "command line"),
              cl::cat(Category));
enum class OutputFormat { Text, Json, Sarif };
static cl::opt<OutputFormat> Format(
    "format", cl::desc("Output format"),
    cl::values(clEnumValN(OutputFormat::Text, "text",
                          "clang-style diagnostics (default)"),
               clEnumValN(OutputFormat::Json, "json",
                          "one JSON document (docs/json-format.md); also "
                          "what nanguard-clang++ --nanguard-mode=sites= reads"),
               clEnumValN(OutputFormat::Sarif, "sarif",
                          "SARIF 2.1.0, for code scanning")),
    cl::init(OutputFormat::Text), cl::cat(Category));
static cl::opt<std::string>
    OutputFile("output", cl::desc("Write the report to this file instead of "
                                  "standard output"),
               cl::value_desc("file"), cl::cat(Category));
static cl::opt<unsigned>
    Jobs("j",
         cl::desc("Translation units analysed in parallel, each in a worker "
                  "process (default: all cores; never more than the files)"),
         cl::init(0), cl::cat(Category));
static cl::opt<std::string> SourceRoot(
    "source-root",
    cl::desc("The directory SARIF and baseline paths are relative to "
             "(default: the current directory)"),
    cl::value_desc("dir"), cl::cat(Category));
static cl::opt<std::string> RuleDocsUrl(
    "rule-docs-url",
    cl::desc("Where the rule pages are, for SARIF's helpUri (default: the "
             "installed docs)"),
    cl::value_desc("url"), cl::cat(Category));
static cl::opt<std::string>
    WriteBaseline("write-baseline",
                  cl::desc("Record today's findings in this file"),
                  cl::value_desc("file"), cl::cat(Category));
static cl::opt<std::string>
    Baseline("baseline",
             cl::desc("Report only findings this baseline does not record"),
             cl::value_desc("file"), cl::cat(Category));
enum class FailOn { Warning, Error, Never };
static cl::opt<FailOn> FailOnLevel(
    "fail-on", cl::desc("Which findings make the exit status 1"),
    cl::values(clEnumValN(FailOn::Warning, "warning", "any finding (default)"),
               clEnumValN(FailOn::Error, "error",
                          "findings of rules with Severity error, or in "
                          "--warnings-as-errors"),
               clEnumValN(FailOn::Never, "never", "none")),
    cl::init(FailOn::Warning), cl::cat(Category));
static cl::opt<std::string> WarningsAsErrors(
    "warnings-as-errors",
    cl::desc("Rules (a glob, as clang-tidy's) whose findings are errors"),
    cl::init(""), cl::cat(Category));
static cl::opt<bool> Quiet("quiet", cl::desc("Do not print the summary line"),
                           cl::cat(Category));
static cl::opt<bool>
    Verbose("verbose",
            cl::desc("Print what the worker of a file whose analysis "
                     "crashed wrote (its stack dump)"),
            cl::cat(Category));
static cl::opt<unsigned> Timeout(
    "timeout",
    cl::desc("Seconds a translation unit may take before its analysis is "
             "stopped and reported as failed (default 600; 0: no limit)"),
    cl::init(600), cl::cat(Category));
static cl::opt<bool> AllowPartial(
    "allow-partial",
    cl::desc("Do not count a file analysed partially (a header it includes "
             "was not found) as a failure: exit 0 or 1 by the findings"),
    cl::cat(Category));
static cl::opt<bool> AllowEmpty(
    "allow-empty",
    cl::desc("Exit 0 when there is no file to analyse (by default a run "
             "over nothing is an error, so CI does not pass on nothing)"),
    cl::cat(Category));
static cl::opt<std::string> DebugHang(
    "debug-hang-on", cl::Hidden,
    cl::desc("Never finish analysing files whose name ends with this (to "
             "test --timeout)"),
    cl::cat(Category));
static cl::opt<std::string> DebugCrash(
    "debug-crash-on", cl::Hidden,
    cl::desc("Crash while analysing files whose name ends with this (to "
             "test crash isolation)"),
    cl::cat(Category));


static bool isSourceFile(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return Ext == ".c" || Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx" ||
         Ext == ".c++" || Ext == ".C" || Ext == ".cu";
}

static void error(const Twine &Message) {
  WithColor::error(errs(), "nanguard") << Message << "\n";
}

/// Expands the inputs: a directory stands for the C, C++ and CUDA sources
/// under it (hidden directories skipped), in a stable order. Each real file
/// is taken once, however many paths name it, and a directory reached again
/// through a symbolic link is not entered again.
static std::vector<std::string> expandInputs(ArrayRef<std::string> Paths,
                                             bool &Missing) {
  std::vector<std::string> Files;
  StringSet<> Taken;
  auto Take = [&](const std::string &Path) {
    if (Taken.insert(realPath(Path)).second)
      Files.push_back(Path);
  };
  for (const std::string &Path : Paths) {
    if (sys::fs::is_directory(Path)) {
      std::vector<std::string> Found;
      StringSet<> Entered;
      Entered.insert(realPath(Path));
      std::error_code EC;
      for (sys::fs::recursive_directory_iterator It(Path, EC), End;
           It != End && !EC; It.increment(EC)) {
        StringRef Name = sys::path::filename(It->path());
        sys::fs::file_type Type = It->type();
        if (Type == sys::fs::file_type::symlink_file) {
          ErrorOr<sys::fs::basic_file_status> Status = It->status();
          Type = Status ? Status->type() : sys::fs::file_type::status_error;
        }
        if (Type == sys::fs::file_type::directory_file) {
          if (Name.starts_with(".") ||
              !Entered.insert(realPath(It->path())).second)
            It.no_push();
          continue;
        }
        if (Type == sys::fs::file_type::regular_file && isSourceFile(It->path()))
          Found.push_back(It->path());
      }
      if (EC)
        error("cannot read directory '" + Path + "': " + EC.message());
      llvm::sort(Found);
      for (const std::string &F : Found)
        Take(F);
      continue;
    }
    if (!sys::fs::exists(Path)) {
      error("no such file or directory: '" + Path + "'");
      Missing = true;
      continue;
    }
    Take(Path);
  }
  return Files;
}

/// clang-tidy's renderer writes to standard output; this points standard
/// output at another descriptor while it runs.
static void withStdoutRedirectedTo(int Fd, llvm::function_ref<void()> Body) {
  outs().flush();
  int Saved = ::dup(1);
  ::dup2(Fd, 1);
  Body();
  outs().flush();
  ::dup2(Saved, 1);
  ::close(Saved);
}

/// Whether a report reached its file: a full disk or a closed pipe is an
/// error of the run (exit 2), said in words, not an abort.
static bool checkWritten(raw_fd_ostream &OS, StringRef Name) {
  OS.flush();
  if (!OS.has_error())
    return true;
  error("cannot write '" + Name + "': " + OS.error().message());
  OS.clear_error();
  return false;
}

using FixPlan = std::map<std::string, tooling::Replacements>;

/// The fixes --fix applies: each finding's, unless it overlaps one taken
/// before it. A finding whose fix is taken gets a note saying so (as
/// clang-tidy's "FIX-IT applied") and counts as fixed, not as left.
static FixPlan planFixes(std::vector<ClangTidyError> &Errors,
                         std::vector<bool> &Fixed) {
  FixPlan PerFile;
  Fixed.assign(Errors.size(), false);
  for (size_t I = 0; I < Errors.size(); ++I) {
    ClangTidyError &E = Errors[I];
    if (isCompilerError(E) || E.Message.Fix.empty())
      continue;
    FixPlan Tentative = PerFile;
    bool Fits = true;
    for (const auto &[File, Replacements] : E.Message.Fix)
      for (const tooling::Replacement &R : Replacements) {
        std::string Path = absolutePath(E, R.getFilePath());
        tooling::Replacement Absolute(Path, R.getOffset(), R.getLength(),
                                      R.getReplacementText());
        if (Error Err = Tentative[Path].add(Absolute)) {
          consumeError(std::move(Err));
          Fits = false;
        }
      }
    if (!Fits)
      continue;
    PerFile = std::move(Tentative);
    Fixed[I] = true;
    tooling::DiagnosticMessage Note;
    Note.Message = "the suggested fix was applied";
    Note.FilePath = E.Message.FilePath;
    Note.FileOffset = E.Message.FileOffset;
    E.Notes.push_back(std::move(Note));
  }
  return PerFile;
}

/// Writes the planned fixes into the files. Returns false when a file could
/// not be read or written (each said on stderr).
static bool applyFixes(const FixPlan &PerFile) {
  bool Ok = true;
  for (const auto &[Path, Replacements] : PerFile) {
    auto Buffer = MemoryBuffer::getFile(Path);
    Expected<std::string> Fixed =
        Buffer ? tooling::applyAllReplacements((*Buffer)->getBuffer(),
                                               Replacements)
               : Expected<std::string>(errorCodeToError(Buffer.getError()));
    std::error_code EC;
    if (Fixed) {
      Buffer = nullptr; // Closed before the file is written.
      raw_fd_ostream OS(Path, EC, sys::fs::OF_None);
      if (!EC) {
        OS << *Fixed;
        if (!checkWritten(OS, Path))
          Ok = false;
        continue;
      }
    } else {
      EC = errorToErrorCode(Fixed.takeError());
    }
    error("cannot apply the fixes to '" + Path + "': " + EC.message());
    Ok = false;
  }
  return Ok;
}

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  setBugReportMsg("nanguard crashed while analysing a file: please report "
                  "it, with this stack dump and the file if you can share "
                  "it.\n");
  if (argc >= 2 && StringRef(argv[1]) == "lsp")
    return runLanguageServer();
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "nanguard " NANGUARD_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });

  // The compiler arguments after `--`, without the flags Clang does not know
  // (the fixed database runs Clang's driver over them, which rejects those).
  std::vector<std::string> Storage;
  std::vector<const char *> Argv(argv, argv + argc);
  auto DashDash = llvm::find_if(
      Argv, [](const char *A) { return StringRef(A) == "--"; });
  if (DashDash != Argv.end()) {
    std::vector<std::string> Compiler = {"clang++"};
    Compiler.insert(Compiler.end(), DashDash + 1, Argv.end());
    Storage = withoutUnknownFlags(Compiler);
    Argv.erase(DashDash + 1, Argv.end());
    for (size_t I = 1; I < Storage.size(); ++I)
      Argv.push_back(Storage[I].c_str());
  }
  int Argc = int(Argv.size());
  std::string DatabaseError;
  std::unique_ptr<CompilationDatabase> Database =
      FixedCompilationDatabase::loadFromCommandLine(Argc, Argv.data(),
                                                    DatabaseError);
  if (!DatabaseError.empty()) {
    error(DatabaseError);
    return 2;
  }
  // A usage error exits 2, as a file that cannot be analysed does: 1 means
  // findings, and a script must not take a typo for them.
  if (!cl::ParseCommandLineOptions(
      Argc, Argv.data(),
      "nanguard: finds where floating-point NaN and Inf are born\n\n"
      "  nanguard [options] <files or directories...> [-- <compiler args>]\n"
      "  nanguard -p <build-dir> [files or directories...]\n"
      "  nanguard lsp          (a language server over stdin/stdout)\n\n"
      "Exit status: 0 no findings, 1 findings (see --fail-on), 2 a file "
      "could not be analysed, the configuration is invalid or the command line "
      "is wrong.\n", &errs()))
    return 2;

  std::string ConfigError;
  std::unique_ptr<ClangTidyOptionsProvider> Provider =
      createOptionsProvider(Checks, ConfigFile, ConfigError, WarningsAsErrors);
  if (!Provider) {
    error(ConfigError);
    return 2;
  }

  if (ListRules) {
#define NANGUARD_RULE(Id, Check, Summary, Description, Default)                \
  outs() << left_justify("nanguard-" Id, 32) << left_justify(#Default, 5)      \
         << Summary << "\n";
#include "Rules.def"
    return 0;
  }
  if (!Explain.empty()) {
    StringRef Rule = Explain;
    Rule.consume_front("nanguard-");
    bool Known = false;
#define NANGUARD_RULE(Id, Check, Summary, Description, Default)                \
  Known |= Rule == Id;
#include "Rules.def"
    if (!Known) {
      error("unknown rule '" + Explain + "' (see --list-rules)");
      return 2;
    }
    std::string Page = rulePagesUri();
    StringRef Dir(Page);
    Dir.consume_front("file://");
    auto Text = MemoryBuffer::getFile(Dir + "/" + Rule + ".md");
    if (!Text) {
      error("cannot read the page of nanguard-" + Rule + " in '" + Dir + "'");
      return 2;
    }
    outs() << (*Text)->getBuffer();
    return 0;
  }

  if (ListChecks) {
    ClangTidyOptions Effective = Provider->getOptions(
        Inputs.empty() ? "dummy.cpp" : StringRef(Inputs.front()));
    StringMap<StringRef> Summaries;
#define NANGUARD_RULE(Id, Check, Summary, Description, Default)                            \
  Summaries["nanguard-" Id] = Summary;
#include "Rules.def"
    outs() << "Enabled rules:\n";
    for (const std::string &Name : getCheckNames(Effective, false, false))
      outs() << "    " << left_justify(Name, 28) << Summaries.lookup(Name)
             << "\n";
    return 0;
  }

  if (!BuildPath.empty()) {
    if (Database) {
      error("use either -p or '--', not both");
      return 2;
    }
    Database = CompilationDatabase::loadFromDirectory(BuildPath, DatabaseError);
    if (!Database) {
      error("cannot load the compilation database in '" + BuildPath +
            "': " + DatabaseError);
      return 2;
    }
  } else if (!Database && !Inputs.empty()) {
    SmallString<256> Start(sys::fs::is_directory(Inputs.front())
                               ? StringRef(Inputs.front())
                               : sys::path::parent_path(Inputs.front()));
    sys::fs::make_absolute(Start);
    Database = CompilationDatabase::autoDetectFromDirectory(Start, DatabaseError);
    // A compile_commands.json that is there but does not load must not be
    // passed over in silence: the files would be analysed without their
    // flags, and CI would report on something else than the build.
    for (StringRef Dir = Start; !Database && !Dir.empty();
         Dir = sys::path::parent_path(Dir)) {
      SmallString<256> Json(Dir);
      sys::path::append(Json, "compile_commands.json");
      if (!sys::fs::exists(Json))
        continue;
      std::string JsonError;
      if (!JSONCompilationDatabase::loadFromFile(
              Json, JsonError, JSONCommandLineSyntax::AutoDetect)) {
        error("invalid compilation database '" + Json + "': " + JsonError);
        return 2;
      }
      break;
    }
  }
  if (!Database)
    Database = std::make_unique<FixedCompilationDatabase>(
        ".", std::vector<std::string>());
  bool FromBuild = !BuildPath.empty();

  bool Failed = false;
  std::vector<std::string> Files;
  if (Inputs.empty()) {
    if (!FromBuild) {
      error("no input files (give files or directories, or -p <build-dir>)");
      cl::PrintHelpMessage();
      return 2;
    }
    Files = Database->getAllFiles();
    llvm::sort(Files);
  } else {
    Files = expandInputs(Inputs, Failed);
  }
  if (Files.empty() && !Failed && !AllowEmpty) {
    error(Inputs.empty() ? "the compilation database in '" + BuildPath +
                               "' lists no file to analyse"
                         : Twine("no C, C++ or CUDA source file in the "
                                 "inputs (--allow-empty accepts that)"));
    return 2;
  }
  // Files in no compile command get the command of their nearest neighbour.
  Database = inferMissingCompileCommands(std::move(Database));

  std::unique_ptr<CompilationDatabase> Adjusted = withNanGuardArguments(
      std::move(Database),
      std::vector<std::string>(ExtraArgs.begin(), ExtraArgs.end()));

  if (!validateCheckOptions(*Provider, Files))
    Failed = true;
  ClangTidyContext Context(std::move(Provider), false, false, false);
  auto BaseFS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      vfs::getRealFileSystem());

  // Each compile command is looked at once here: one whose directory does
  // not exist fails its file (ClangTool would abort the process), and the
  // flags Clang does not know are named once for the whole run.
  StringMap<std::string> Unanalysed;
  std::vector<size_t> Runnable;
  for (size_t I = 0; I < Files.size(); ++I) {
    std::string Missing;
    for (const CompileCommand &C : Adjusted->getCompileCommands(Files[I]))
      if (!sys::fs::is_directory(C.Directory))
        Missing = C.Directory;
    if (Missing.empty()) {
      Runnable.push_back(I);
      continue;
    }
    Unanalysed[Files[I]] = "the directory of its compile command, '" +
                           Missing + "', does not exist";
    Failed = true;
  }
  if (!Quiet)
    for (const std::string &Flag : droppedFlags())
      WithColor::note(errs(), "nanguard")
          << "left '" << Flag
          << "' out of the compile commands: clang does not know it\n";

  // One translation unit per worker process, each with its own clang-tidy
  // context: a file that does not parse, or that crashes the analysis or
  // Clang, is named and the others are still analysed (Workers.h). Results
  // are merged in file order, so the output is the same for any -j.
  bool Progress = !Quiet && sys::Process::StandardErrIsDisplayed();
  unsigned Started = 0;
  auto Analyse = [&](size_t R) {
    size_t I = Runnable[R];
    if (!DebugCrash.empty() && StringRef(Files[I]).ends_with(DebugCrash)) {
      std::raise(SIGSEGV);
    }
    if (!DebugHang.empty() && StringRef(Files[I]).ends_with(DebugHang))
      while (true)
        ::pause();
    // A file system with its own working directory: ClangTool moves into
    // each command's directory, and the real file system's is the process's.
    return analyseFile(
        *Adjusted, vfs::createPhysicalFileSystem(),
        [&](const CompilationDatabase &DB,
            IntrusiveRefCntPtr<vfs::OverlayFileSystem> FS) {
          std::string Unused;
          ClangTidyContext FileContext(
              createOptionsProvider(Checks, ConfigFile, Unused,
                                    WarningsAsErrors),
              false, false, false);
          return runClangTidy(FileContext, DB, Files[I], FS,
                              Fix || !ExportFixes.empty(), false, StringRef(),
                              /*Quiet=*/true);
        });
  };
  auto OnStart = [&](size_t R) {
    if (Progress)
      errs() << "\r\033[K["
             << format_decimal(++Started, std::to_string(Runnable.size()).size())
             << "/" << Runnable.size() << "] " << Files[Runnable[R]];
  };
  unsigned Workers =
      Jobs ? Jobs : llvm::hardware_concurrency().compute_thread_count();
  Workers = std::max<size_t>(1, std::min<size_t>(Workers, Runnable.size()));
  std::vector<WorkerOutcome> Outcomes =
      runInWorkers(Runnable.size(), Workers, Analyse, OnStart, Timeout);
  if (Progress)
    errs() << "\r\033[K";

  std::vector<ClangTidyError> All;
  StringMap<std::string> Partial; // file -> the headers not found
  StringSet<> SaidAlready;         // failures reported as they came
  StringSet<> NotCompiling;        // failures whose errors are shown
  for (size_t R = 0; R < Runnable.size(); ++R) {
    const std::string &File = Files[Runnable[R]];
    WorkerOutcome &O = Outcomes[R];
    if (!O.Failure.empty()) {
      error("internal error while analysing '" + File + "': " + O.Failure +
            "; the other files were analysed" +
            (Verbose ? "" : " (--verbose prints the stack dump)"));
      if (Verbose)
        errs() << O.Stderr;
      Unanalysed[File] = "internal error while analysing it: " + O.Failure;
      SaidAlready.insert(File);
      Failed = true;
      continue;
    }
    // ClangTool's own line for a file with errors: the driver says it in
    // its words below.
    SmallVector<StringRef, 8> Lines;
    StringRef(O.Stderr).split(Lines, '\n');
    for (StringRef Line : Lines)
      if (!Line.empty() && !Line.starts_with("Error while processing "))
        errs() << Line << "\n";
    if (llvm::any_of(O.Errors, isCompilerError)) {
      Unanalysed[File] = "it does not compile";
      NotCompiling.insert(File);
      Failed = true;
    }
    if (!O.MissingHeaders.empty()) {
      std::string Headers = join(O.MissingHeaders, ", ");
      if (!Quiet)
        WithColor::note(errs(), "nanguard")
            << "'" << File << "' was analysed partially: headers not found: "
            << Headers
            << "; the functions that use what they declare were skipped\n";
      Partial[File] = Headers;
      if (!AllowPartial)
        Failed = true;
    }
    llvm::append_range(All, std::move(O.Errors));
  }
  sortAndDeduplicate(All);

  // Severity from the configuration of each finding's file.
  for (ClangTidyError &E : All)
    if (!isCompilerError(E) &&
        configuredAsError(Context.getOptionsForFile(E.Message.FilePath),
                          E.DiagnosticName))
      E.DiagLevel = ClangTidyError::Error;

  SmallString<256> Root(SourceRoot);
  if (Root.empty())
    sys::fs::current_path(Root);
  sys::fs::make_absolute(Root);
  SourceTexts Sources{std::string(Root)};
  if (!WriteBaseline.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(WriteBaseline, EC, sys::fs::OF_Text);
    if (EC) {
      error("cannot write '" + WriteBaseline + "': " + EC.message());
      return 2;
    }
    writeBaseline(All, Sources, OS);
    if (!checkWritten(OS, WriteBaseline))
      return 2;
  }
  unsigned InBaseline = 0;
  if (!Baseline.empty()) {
    Expected<unsigned> Removed = applyBaseline(Baseline, All, Sources);
    if (!Removed) {
      error(toString(Removed.takeError()));
      return 2;
    }
    InBaseline = *Removed;
  }

  if (!ExportFixes.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(ExportFixes, EC, sys::fs::OF_None);
    if (EC) {
      error("cannot write '" + ExportFixes + "': " + EC.message());
      Failed = true;
    } else {
      exportReplacements(Files.empty() ? "" : Files.front(), All, OS);
      if (!checkWritten(OS, ExportFixes))
        Failed = true;
    }
  }
  // The report shows every finding (a fixed one with a note); the exit
  // status and the summary are about the findings left.
  std::vector<bool> Fixed;
  FixPlan Plan;
  if (Fix)
    Plan = planFixes(All, Fixed);

  unsigned WarningsAsErrorsCount = 0;
  auto Render = [&] {
    handleErrors(All, Context, FB_NoFix, WarningsAsErrorsCount, BaseFS);
  };
  int OutputFd = -1;
  if (!OutputFile.empty()) {
    std::error_code EC = sys::fs::openFileForWrite(OutputFile, OutputFd);
    if (EC) {
      error("cannot write '" + OutputFile + "': " + EC.message());
      return 2;
    }
  }
  if (Format != OutputFormat::Text) {
    std::unique_ptr<raw_fd_ostream> File;
    if (OutputFd >= 0)
      File = std::make_unique<raw_fd_ostream>(OutputFd, /*shouldClose=*/false);
    raw_fd_ostream &OS = File ? *File : outs();
    if (Format == OutputFormat::Json)
      writeJson(All, Unanalysed, Partial, Sources, OS);
    else
      writeSarif(All, Unanalysed, Partial, Sources,
                 RuleDocsUrl.empty() ? rulePagesUri() : RuleDocsUrl, OS);
    if (!checkWritten(OS, OutputFile.empty() ? StringRef("<stdout>") : StringRef(OutputFile)))
      return 2;
  } else if (OutputFd >= 0) {
    withStdoutRedirectedTo(OutputFd, Render);
  } else {
    Render();
  }
  if (!checkWritten(outs(), OutputFile.empty() ? StringRef("<stdout>") : StringRef(OutputFile)))
    return 2;
  if (OutputFd >= 0)
    ::close(OutputFd);
  if (Fix && !applyFixes(Plan))
    Failed = true;

  unsigned Findings = 0, ErrorFindings = 0, FixedFindings = 0;
  for (size_t I = 0; I < All.size(); ++I) {
    const ClangTidyError &E = All[I];
    if (isCompilerError(E))
      continue;
    ++Findings;
    if (Fix && Fixed[I]) {
      ++FixedFindings;
      continue;
    }
    if (E.DiagLevel == ClangTidyError::Error || E.IsWarningAsError)
      ++ErrorFindings;
  }
  unsigned Left = Findings - FixedFindings;
  StringSet<> FilesWithFindings;
  for (const ClangTidyError &E : All)
    if (!isCompilerError(E))
      FilesWithFindings.insert(E.Message.FilePath);
  for (const std::string &File : Files) {
    auto It = Unanalysed.find(File);
    if (It != Unanalysed.end() && !SaidAlready.contains(File))
      error("could not analyse '" + File + "': " + It->second +
            (NotCompiling.contains(File) ? " (see the errors above)" : ""));
  }
  for (const auto &Config : invalidConfigs()) {
    error("invalid configuration '" + Config.getKey() +
          "' (see the error above); its directory was analysed with the "
          "defaults");
    Failed = true;
  }
  if (!Quiet)
    errs() << "nanguard: " << Findings
           << (Findings == 1 ? " finding" : " findings") << " in "
           << FilesWithFindings.size()
           << (FilesWithFindings.size() == 1 ? " file" : " files") << ", "
           << Files.size() << (Files.size() == 1 ? " file" : " files")
           << " analysed"
           << (Partial.empty()
                   ? std::string()
                   : ", " + std::to_string(Partial.size()) +
                         " analysed partially (headers not found)")
           << (Unanalysed.empty()
                   ? std::string()
                   : ", " + std::to_string(Unanalysed.size()) +
                         " could not be analysed")
           << (InBaseline ? ", " + std::to_string(InBaseline) +
                                " in the baseline not reported"
                          : std::string())
           << (Fix ? "; " + std::to_string(FixedFindings) + " fixed, " +
                         std::to_string(Left) + " left"
                   : std::string())
           << "\n";
  if (Failed)
    return 2;
  if (!WriteBaseline.empty())
    return 0; // Asked to record the findings, not to judge them.
  switch (FailOnLevel) {
  case FailOn::Warning:
    return Left ? 1 : 0;
  case FailOn::Error:
    return ErrorFindings ? 1 : 0;
  case FailOn::Never:
    return 0;
  }
  return 0;
}
