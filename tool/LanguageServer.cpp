//===- LanguageServer.cpp - nanguard lsp ----------------------------------===//
//
// A Language Server Protocol server over stdio (JSON-RPC with LLVM's
// llvm::json, no socket). It analyses the editor's buffer, not the file on
// disk, with the flags of the nearest compile_commands.json above the file
// (as clangd does) or defaults by file type, publishes the findings as
// diagnostics and offers their fix-its as quick fixes. A document that does
// not parse gets its compiler errors as diagnostics; a malformed message
// gets a JSON-RPC error and the server keeps serving.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "Reports.h"
#include "Workers.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include <cstdio>
#include <unistd.h>

using namespace clang;
using namespace clang::tidy;
using namespace clang::tooling;
using namespace llvm;

namespace nanguard {
namespace {

// JSON-RPC and LSP error codes.
constexpr int ParseError = -32700, InvalidRequest = -32600,
              MethodNotFound = -32601, InvalidParams = -32602,
              ServerNotInitialized = -32002;

/// The file a document URI names: a file: URI's path (made absolute when a
/// client sends a relative one); for other schemes (`untitled:Untitled-1`),
/// a file of that name in the server's directory, with the extension of its
/// language, which the buffer stands for (nothing is written there).
std::string uriToPath(StringRef URI, StringRef LanguageId = "") {
  if (!URI.consume_front("file://") && !URI.consume_front("file:")) {
    StringRef Name = URI.rsplit(':').second;
    Name = Name.rsplit('/').second.empty() ? Name : Name.rsplit('/').second;
    std::string File = Name.empty() ? "untitled" : Name.str();
    for (char &C : File)
      if (!isAlnum(C) && C != '.' && C != '-' && C != '_')
        C = '_';
    if (sys::path::extension(File).empty())
      File += LanguageId == "c"                               ? ".c"
              : LanguageId == "cuda" || LanguageId == "cuda-cpp" ? ".cu"
                                                              : ".cpp";
    SmallString<256> Path;
    sys::fs::current_path(Path);
    sys::path::append(Path, File);
    return std::string(Path);
  }
  std::string Path;
  for (size_t I = 0; I < URI.size(); ++I) {
    if (URI[I] == '%' && I + 2 < URI.size()) {
      unsigned Byte;
      if (!URI.substr(I + 1, 2).getAsInteger(16, Byte)) {
        Path.push_back(char(Byte));
        I += 2;
        continue;
      }
    }
    Path.push_back(URI[I]);
  }
  SmallString<256> Absolute(Path);
  sys::fs::make_absolute(Absolute);
  sys::path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

/// The largest message the server reads; a longer one is skipped unread.
constexpr size_t MaxMessageBytes = 256u << 20;
/// The deepest nesting of arrays and objects a message may have: llvm::json
/// parses recursively, and no LSP message comes near this.
constexpr unsigned MaxNesting = 512;

/// Whether a JSON text nests arrays and objects deeper than \p Limit
/// (brackets inside strings do not count).
bool nestsDeeperThan(StringRef Text, unsigned Limit) {
  unsigned Depth = 0;
  bool InString = false;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = Text[I];
    if (InString) {
      if (C == '\\')
        ++I;
      else if (C == '"')
        InString = false;
    } else if (C == '"') {
      InString = true;
    } else if (C == '[' || C == '{') {
      if (++Depth > Limit)
        return true;
    } else if ((C == ']' || C == '}') && Depth) {
      --Depth;
    }
  }
  return false;
}

struct Finding {
  json::Object Diagnostic;
  json::Array Edits; ///< The fix-it as LSP TextEdits; empty without one.
};

struct Document {
  std::string Path, Text;
  int64_t Version = 0;
  std::vector<Finding> Findings;
};

class Server {
public:
  Server(std::FILE *In, int OutFd) : In(In), OutFd(OutFd) {}
  int run();

private:
  enum class Read { Message, TooLarge, End };
  Read read(std::string &Body);
  void send(json::Value Message);
  void reply(const json::Value &Id, json::Value Result) {
    send(json::Object{{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
  }
  void replyError(const json::Value &Id, int Code, const Twine &Message) {
    send(json::Object{
        {"jsonrpc", "2.0"},
        {"id", Id},
        {"error", json::Object{{"code", Code}, {"message", Message.str()}}}});
  }
  void notify(StringRef Method, json::Value Params) {
    send(json::Object{{"jsonrpc", "2.0"}, {"method", Method}, {"params", std::move(Params)}});
  }
  void handle(json::Object &Message);
  void handleRequest(StringRef Method, const json::Value &Id,
                     const json::Object *Params);
  void handleNotification(StringRef Method, const json::Object *Params);
  void analyse(StringRef URI, Document &Doc);
  void publish(StringRef URI, const Document &Doc);
  json::Array codeActions(const json::Object &Params);

  std::FILE *In;
  int OutFd;
  StringMap<Document> Documents;
  std::string RulePages = rulePagesUri();
  bool Initialized = false, ShuttingDown = false;
};

Server::Read Server::read(std::string &Body) {
  size_t Length = 0;
  bool HaveLength = false;
  char Line[1024];
  while (true) {
    if (!std::fgets(Line, sizeof(Line), In))
      return Read::End;
    StringRef L = StringRef(Line).rtrim("\r\n");
    if (L.empty()) {
      if (HaveLength)
        break;
      continue; // Stray blank lines between messages.
    }
    if (L.consume_front_insensitive("content-length:")) {
      HaveLength = !L.trim().getAsInteger(10, Length);
    }
  }
  if (Length > MaxMessageBytes) {
    // Skipped in pieces, never allocated: the next message follows it.
    char Chunk[65536];
    for (size_t Left = Length; Left;) {
      size_t N = std::fread(Chunk, 1, std::min(Left, sizeof(Chunk)), In);
      if (N == 0)
        break;
      Left -= N;
    }
    return Read::TooLarge;
  }
  Body.resize(Length);
  return std::fread(Body.data(), 1, Length, In) == Length ? Read::Message
                                                             : Read::End;
}

void Server::send(json::Value Message) {
  std::string Body;
  raw_string_ostream(Body) << Message;
  std::string Frame =
      "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
  const char *P = Frame.data();
  size_t Left = Frame.size();
  while (Left) {
    ssize_t N = ::write(OutFd, P, Left);
    if (N <= 0)
      return;
    P += N;
    Left -= size_t(N);
  }
}

int Server::run() {
  std::string Body;
  while (true) {
    Read Got = read(Body);
    if (Got == Read::End)
      break;
    if (Got == Read::TooLarge) {
      replyError(nullptr, InvalidRequest,
                 "message too large (more than " +
                     Twine(MaxMessageBytes >> 20) + " MiB): skipped");
      continue;
    }
    if (nestsDeeperThan(Body, MaxNesting)) {
      replyError(nullptr, ParseError,
                 "Parse error: arrays and objects nested more than " +
                     Twine(MaxNesting) + " deep");
      continue;
    }
    Expected<json::Value> Parsed = json::parse(Body);
    if (!Parsed) {
      replyError(nullptr, ParseError,
                 "Parse error: " + toString(Parsed.takeError()));
      continue;
    }
    json::Object *Message = Parsed->getAsObject();
    if (!Message) {
      replyError(nullptr, InvalidRequest, "a message must be a JSON object");
      continue;
    }
    handle(*Message);
    if (Message->getString("method") == "exit")
      return ShuttingDown ? 0 : 1;
  }
  return ShuttingDown ? 0 : 1;
}

void Server::handle(json::Object &Message) {
  std::optional<StringRef> Method = Message.getString("method");
  const json::Value *Id = Message.get("id");
  const json::Object *Params = Message.getObject("params");
  if (!Method) {
    if (Id) // A response from the client: nothing is asked of it.
      return;
    replyError(nullptr, InvalidRequest, "a message needs a method");
    return;
  }
  if (Id)
    handleRequest(*Method, *Id, Params);
  else
    handleNotification(*Method, Params);
}

void Server::handleRequest(StringRef Method, const json::Value &Id,
                           const json::Object *Params) {
  if (Method == "initialize") {
    Initialized = true;
    reply(Id, json::Object{
                  {"capabilities",
                   json::Object{
                       {"textDocumentSync",
                        json::Object{{"openClose", true},
                                     {"change", 1}, // full text
                                     {"save", json::Object{{"includeText", false}}}}},
                       {"codeActionProvider",
                        json::Object{{"codeActionKinds", json::Array{"quickfix"}}}},
                   }},
                  {"serverInfo", json::Object{{"name", "nanguard"},
                                              {"version", NANGUARD_VERSION}}},
              });
    return;
  }
  if (!Initialized) {
    replyError(Id, ServerNotInitialized, "the server is not initialized");
    return;
  }
  if (ShuttingDown) {
    replyError(Id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (Method == "shutdown") {
    ShuttingDown = true;
    reply(Id, nullptr);
    return;
  }
  if (Method == "textDocument/codeAction") {
    if (!Params) {
      replyError(Id, InvalidParams, "textDocument/codeAction needs params");
      return;
    }
    reply(Id, codeActions(*Params));
    return;
  }
  replyError(Id, MethodNotFound, "method not found: " + Method.str());
}

void Server::handleNotification(StringRef Method, const json::Object *Params) {
  const json::Object *TextDocument =
      Params ? Params->getObject("textDocument") : nullptr;
  std::optional<StringRef> URI =
      TextDocument ? TextDocument->getString("uri") : std::nullopt;
  if (Method == "textDocument/didOpen" && URI) {
    Document &Doc = Documents[*URI];
    Doc.Path = uriToPath(
        *URI, TextDocument->getString("languageId").value_or(""));
    Doc.Text = TextDocument->getString("text").value_or("").str();
    Doc.Version = TextDocument->getInteger("version").value_or(0);
    analyse(*URI, Doc);
  } else if (Method == "textDocument/didChange" && URI) {
    auto It = Documents.find(*URI);
    const json::Array *Changes = Params->getArray("contentChanges");
    if (It == Documents.end() || !Changes || Changes->empty())
      return;
    // Full synchronisation: the last change holds the whole text.
    if (const json::Object *Last = Changes->back().getAsObject())
      if (std::optional<StringRef> Text = Last->getString("text"))
        It->second.Text = Text->str();
    It->second.Version =
        TextDocument->getInteger("version").value_or(It->second.Version);
    analyse(*URI, It->second);
  } else if (Method == "textDocument/didSave" && URI) {
    auto It = Documents.find(*URI);
    if (It != Documents.end())
      analyse(*URI, It->second);
  } else if (Method == "textDocument/didClose" && URI) {
    Documents.erase(*URI);
    notify("textDocument/publishDiagnostics",
           json::Object{{"uri", URI->str()}, {"diagnostics", json::Array{}}});
  }
  // Other notifications (initialized, $/cancelRequest, ...) need nothing.
}

/// Defaults for a file with no compile_commands.json above it.
std::vector<std::string> defaultArguments(StringRef Path) {
  StringRef Ext = sys::path::extension(Path);
  if (Ext == ".c")
    return {"-xc", "-std=c11"};
  if (Ext == ".cu" || Ext == ".cuh")
    return {"-std=c++17"}; // the CUDA flags: withNanGuardArguments' (toolkit or shim)
  if (Ext == ".h")
    return {"-xc++-header", "-std=c++17"};
  return {"-xc++", "-std=c++17"};
}

json::Object position(SourceTexts &Lines, StringRef Path, unsigned Offset) {
  auto [Line, Column] = Lines.lineColumn(Path, Offset);
  return json::Object{{"line", int64_t(Line) - 1},
                      {"character", int64_t(Column) - 1}};
}

json::Object range(SourceTexts &Lines, StringRef Path, unsigned Begin,
                   unsigned End) {
  return json::Object{{"start", position(Lines, Path, Begin)},
                      {"end", position(Lines, Path, End)}};
}

void Server::analyse(StringRef URI, Document &Doc) {
  Doc.Findings.clear();
  std::string Error;
  std::unique_ptr<CompilationDatabase> DB =
      CompilationDatabase::autoDetectFromSource(Doc.Path, Error);
  if (!DB) {
    // The file's directory, or the nearest one that exists: a buffer not
    // saved yet may be in a directory not made yet.
    SmallString<256> Dir = sys::path::parent_path(Doc.Path);
    while (!Dir.empty() && !sys::fs::is_directory(Dir))
      Dir = sys::path::parent_path(Dir);
    DB = std::make_unique<FixedCompilationDatabase>(
        Dir.empty() ? StringRef("/") : StringRef(Dir),
        defaultArguments(Doc.Path));
  }
  DB = withNanGuardArguments(inferMissingCompileCommands(std::move(DB)), {});

  // The buffer as the editor has it, over the real file system.
  auto Memory = makeIntrusiveRefCnt<vfs::InMemoryFileSystem>();
  Memory->addFile(Doc.Path, 0, MemoryBuffer::getMemBufferCopy(Doc.Text, Doc.Path));
  auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      vfs::createPhysicalFileSystem());
  FS->pushOverlay(Memory);

  // In a worker process, as on the command line: a crash while analysing
  // this buffer becomes a diagnostic, and the server lives.
  std::vector<WorkerOutcome> Outcome = runInWorkers(
      1, 1,
      [&](size_t) {
        return analyseFile(
            *DB, FS,
            [&](const CompilationDatabase &Commands,
                IntrusiveRefCntPtr<vfs::OverlayFileSystem> Files) {
              std::string Unused;
              ClangTidyContext Context(createOptionsProvider("", "", Unused),
                                       false, false, false);
              return runClangTidy(Context, Commands, {Doc.Path}, Files, false,
                                  false, StringRef(), /*Quiet=*/true);
            });
      },
      [](size_t) {});
  errs() << Outcome.front().Stderr;
  std::vector<ClangTidyError> Errors = std::move(Outcome.front().Errors);
  sortAndDeduplicate(Errors);
  // What is said of the whole file sits at its start.
  auto AboutFile = [&](int Severity, std::string Message) {
    json::Object Start{{"line", 0}, {"character", 0}};
    Finding F;
    F.Diagnostic = json::Object{
        {"range", json::Object{{"start", json::Object(Start)}, {"end", std::move(Start)}}},
        {"severity", Severity},
        {"source", "nanguard"},
        {"message", std::move(Message)},
    };
    Doc.Findings.push_back(std::move(F));
  };
  if (!Outcome.front().MissingHeaders.empty())
    AboutFile(3, "analysed partially: headers not found: " +
                     join(Outcome.front().MissingHeaders, ", ") +
                     "; the functions that use what they declare were skipped");
  if (!Outcome.front().Failure.empty())
    AboutFile(1, "internal error while analysing this file: " +
                     Outcome.front().Failure);

  SourceTexts Lines;
  Lines.setText(Doc.Path, Doc.Text);
  for (const ClangTidyError &E : Errors) {
    bool InDocument = absolutePath(E, E.Message.FilePath) == Doc.Path;
    if (!InDocument && !isCompilerError(E))
      continue;
    Finding F;
    unsigned Begin = InDocument ? E.Message.FileOffset : 0;
    unsigned End = Begin;
    // The location and the highlighted ranges together (a division points
    // at its operator and highlights the divisor).
    for (const tooling::FileByteRange &R : E.Message.Ranges)
      if (InDocument && absolutePath(E, R.FilePath) == Doc.Path) {
        Begin = std::min(Begin, R.FileOffset);
        End = std::max(End, R.FileOffset + R.Length);
      }
    std::string Message = E.Message.Message;
    if (!InDocument)
      Message = "in included file " + E.Message.FilePath + ": " + Message;
    F.Diagnostic = json::Object{
        {"range", range(Lines, Doc.Path, Begin, End)},
        {"severity", isCompilerError(E) ? 1 : 2},
        {"source", "nanguard"},
        {"message", Message},
    };
    // json::Value borrows a StringRef: every string here is copied.
    StringRef Rule = E.DiagnosticName;
    F.Diagnostic["code"] = Rule.str();
    if (Rule.consume_front("nanguard-"))
      F.Diagnostic["codeDescription"] = json::Object{
          {"href", RulePages + "/" + Rule.str() + ".md"}};
    for (const auto &[File, Replacements] : E.Message.Fix)
      for (const tooling::Replacement &R : Replacements)
        if (absolutePath(E, R.getFilePath()) == Doc.Path)
          F.Edits.push_back(json::Object{
              {"range", range(Lines, Doc.Path, R.getOffset(),
                              R.getOffset() + R.getLength())},
              {"newText", R.getReplacementText().str()}});
    Doc.Findings.push_back(std::move(F));
  }
  publish(URI, Doc);
}

void Server::publish(StringRef URI, const Document &Doc) {
  json::Array Diagnostics;
  for (const Finding &F : Doc.Findings)
    Diagnostics.push_back(json::Object(F.Diagnostic));
  notify("textDocument/publishDiagnostics",
         json::Object{{"uri", URI.str()},
                      {"version", Doc.Version},
                      {"diagnostics", std::move(Diagnostics)}});
}

bool before(const json::Object *A, const json::Object *B) {
  auto L = [](const json::Object *P) {
    return std::make_pair(P->getInteger("line").value_or(0),
                          P->getInteger("character").value_or(0));
  };
  return L(A) < L(B);
}

json::Array Server::codeActions(const json::Object &Params) {
  json::Array Actions;
  const json::Object *TextDocument = Params.getObject("textDocument");
  std::optional<StringRef> URI =
      TextDocument ? TextDocument->getString("uri") : std::nullopt;
  const json::Object *Range = Params.getObject("range");
  auto It = URI ? Documents.find(*URI) : Documents.end();
  if (It == Documents.end() || !Range)
    return Actions;
  const json::Object *Start = Range->getObject("start");
  const json::Object *End = Range->getObject("end");
  for (const Finding &F : It->second.Findings) {
    if (F.Edits.empty())
      continue;
    const json::Object *R = F.Diagnostic.getObject("range");
    // The finding overlaps the requested range.
    if (Start && End && R &&
        (before(End, R->getObject("start")) || before(R->getObject("end"), Start)))
      continue;
    json::Object Changes;
    Changes[URI->str()] = json::Array(F.Edits);
    Actions.push_back(json::Object{
        {"title", "nanguard: fix '" +
                      F.Diagnostic.getString("message").value_or("").str() +
                      "'"},
        {"kind", "quickfix"},
        {"isPreferred", true},
        {"diagnostics", json::Array{json::Object(F.Diagnostic)}},
        {"edit", json::Object{{"changes", std::move(Changes)}}},
    });
  }
  return Actions;
}

} // namespace

int runLanguageServer(std::FILE *In, int OutFd) {
  return Server(In, OutFd).run();
}

} // namespace nanguard
