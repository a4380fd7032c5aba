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
#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CommonOptionsParser.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include <mutex>
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"
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
         cl::desc("Translation units analysed in parallel (default: all cores)"),
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


static bool isSourceFile(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  return Ext == ".c" || Ext == ".cc" || Ext == ".cpp" || Ext == ".cxx" ||
         Ext == ".c++" || Ext == ".C" || Ext == ".cu";
}

static void error(const Twine &Message) {
  WithColor::error(errs(), "nanguard") << Message << "\n";
}

/// Expands the inputs: a directory stands for the C, C++ and CUDA sources
/// under it (hidden directories skipped), in a stable order.
static std::vector<std::string> expandInputs(ArrayRef<std::string> Paths,
                                             bool &Missing) {
  std::vector<std::string> Files;
  for (const std::string &Path : Paths) {
    if (sys::fs::is_directory(Path)) {
      std::vector<std::string> Found;
      std::error_code EC;
      for (sys::fs::recursive_directory_iterator It(Path, EC), End;
           It != End && !EC; It.increment(EC)) {
        StringRef Name = sys::path::filename(It->path());
        if (It->type() == sys::fs::file_type::directory_file) {
          if (Name.starts_with("."))
            It.no_push();
          continue;
        }
        if (isSourceFile(It->path()))
          Found.push_back(It->path());
      }
      if (EC)
        error("cannot read directory '" + Path + "': " + EC.message());
      llvm::sort(Found);
      llvm::append_range(Files, Found);
      continue;
    }
    if (!sys::fs::exists(Path)) {
      error("no such file or directory: '" + Path + "'");
      Missing = true;
      continue;
    }
    Files.push_back(Path);
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


int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  if (argc >= 2 && StringRef(argv[1]) == "lsp")
    return runLanguageServer();
  cl::HideUnrelatedOptions(Category);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "nanguard " NANGUARD_VERSION " (LLVM " LLVM_VERSION_STRING ")\n";
  });

  std::string DatabaseError;
  std::unique_ptr<CompilationDatabase> Database =
      FixedCompilationDatabase::loadFromCommandLine(argc, argv, DatabaseError);
  if (!DatabaseError.empty()) {
    error(DatabaseError);
    return 2;
  }
  cl::ParseCommandLineOptions(
      argc, argv,
      "nanguard: finds where floating-point NaN and Inf are born\n\n"
      "  nanguard [options] <files or directories...> [-- <compiler args>]\n"
      "  nanguard -p <build-dir> [files or directories...]\n"
      "  nanguard lsp          (a language server over stdin/stdout)\n\n"
      "Exit status: 0 no findings, 1 findings (see --fail-on), 2 a file "
      "could not be analysed or the configuration is invalid.\n");

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
    Database = CompilationDatabase::autoDetectFromDirectory(
        sys::fs::is_directory(Inputs.front())
            ? StringRef(Inputs.front())
            : sys::path::parent_path(Inputs.front()),
        DatabaseError);
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

  // One translation unit per task, each with its own clang-tidy context: a
  // file that does not parse is named and the others are still analysed.
  // Results are merged in file order, so the output is the same for any -j.
  std::vector<std::vector<ClangTidyError>> PerFile(Files.size());
  bool Progress = !Quiet && sys::Process::StandardErrIsDisplayed();
  std::mutex ProgressMutex;
  unsigned Started = 0;
  auto Analyse = [&](size_t I) {
    if (Progress) {
      std::lock_guard<std::mutex> Lock(ProgressMutex);
      errs() << "\r\033[K["
             << format_decimal(++Started, std::to_string(Files.size()).size())
             << "/" << Files.size() << "] " << Files[I];
    }
    std::string Unused;
    ClangTidyContext FileContext(
        createOptionsProvider(Checks, ConfigFile, Unused, WarningsAsErrors),
        false, false, false);
    // A file system with its own working directory: ClangTool moves into
    // each command's directory, and the real file system's is the process's.
    auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
        vfs::createPhysicalFileSystem());
    PerFile[I] = runClangTidy(FileContext, *Adjusted, Files[I], FS,
                              Fix || !ExportFixes.empty(), false, StringRef(),
                              /*Quiet=*/true);
  };
  unsigned Threads = Jobs ? Jobs : llvm::hardware_concurrency().compute_thread_count();
  if (Threads <= 1 || Files.size() <= 1) {
    for (size_t I = 0; I < Files.size(); ++I)
      Analyse(I);
  } else {
    DefaultThreadPool Pool(llvm::hardware_concurrency(Threads));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async(Analyse, I);
    Pool.wait();
  }
  if (Progress)
    errs() << "\r\033[K";

  std::vector<ClangTidyError> All;
  StringSet<> Unanalysed;
  for (size_t I = 0; I < Files.size(); ++I) {
    if (llvm::any_of(PerFile[I], isCompilerError)) {
      Unanalysed.insert(Files[I]);
      Failed = true;
    }
    llvm::append_range(All, std::move(PerFile[I]));
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

  unsigned WarningsAsErrorsCount = 0;
  auto Render = [&] {
    handleErrors(All, Context, Fix ? FB_Fix : FB_NoFix, WarningsAsErrorsCount,
                 BaseFS);
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
    raw_ostream &OS = File ? *File : outs();
    if (Format == OutputFormat::Json)
      writeJson(All, Unanalysed, Sources, OS);
    else
      writeSarif(All, Unanalysed, Sources,
                 RuleDocsUrl.empty() ? rulePagesUri() : RuleDocsUrl, OS);
    // Applying fixes also renders the text report: keep it off the JSON.
    if (Fix)
      withStdoutRedirectedTo(2, Render);
  } else if (OutputFd >= 0) {
    withStdoutRedirectedTo(OutputFd, Render);
  } else {
    Render();
  }
  if (OutputFd >= 0)
    ::close(OutputFd);

  if (!ExportFixes.empty()) {
    std::error_code EC;
    raw_fd_ostream OS(ExportFixes, EC, sys::fs::OF_None);
    if (EC) {
      error("cannot write '" + ExportFixes + "': " + EC.message());
      Failed = true;
    } else {
      exportReplacements(Files.empty() ? "" : Files.front(), All, OS);
    }
  }

  unsigned Findings = llvm::count_if(
      All, [](const ClangTidyError &E) { return !isCompilerError(E); });
  unsigned ErrorFindings = llvm::count_if(All, [](const ClangTidyError &E) {
    return !isCompilerError(E) &&
           (E.DiagLevel == ClangTidyError::Error || E.IsWarningAsError);
  });
  StringSet<> FilesWithFindings;
  for (const ClangTidyError &E : All)
    if (!isCompilerError(E))
      FilesWithFindings.insert(E.Message.FilePath);
  for (const std::string &File : Files)
    if (Unanalysed.contains(File))
      error("could not analyse '" + File +
            "': it does not compile (see the errors above)");
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
           << (Unanalysed.empty()
                   ? std::string()
                   : ", " + std::to_string(Unanalysed.size()) +
                         " could not be analysed")
           << (InBaseline ? ", " + std::to_string(InBaseline) +
                                " in the baseline not reported"
                          : std::string())
           << "\n";
  if (Failed)
    return 2;
  switch (FailOnLevel) {
  case FailOn::Warning:
    return Findings ? 1 : 0;
  case FailOn::Error:
    return ErrorFindings ? 1 : 0;
  case FailOn::Never:
    return 0;
  }
  return 0;
}
