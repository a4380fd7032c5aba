//===- Reports.cpp - Machine-readable reports and baselines ---------------===//

#include "Reports.h"
#include "Driver.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/xxhash.h"
#include <algorithm>
#include <map>

using namespace clang;
using namespace clang::tidy;
using namespace llvm;

namespace nanguard {

//===----------------------------------------------------------------------===//
// Source texts and finding keys
//===----------------------------------------------------------------------===//

StringRef SourceTexts::text(StringRef Path) {
  auto It = Texts.find(Path);
  if (It == Texts.end()) {
    auto Buffer = MemoryBuffer::getFile(Path);
    It = Texts.insert({Path, Buffer ? (*Buffer)->getBuffer().str() : ""}).first;
  }
  return It->second;
}

std::pair<unsigned, unsigned> SourceTexts::lineColumn(StringRef Path,
                                                      unsigned Offset) {
  StringRef Text = text(Path);
  Offset = std::min<size_t>(Offset, Text.size());
  StringRef Before = Text.substr(0, Offset);
  unsigned Line = 1 + Before.count('\n');
  size_t LineStart = Before.rfind('\n');
  unsigned Column =
      LineStart == StringRef::npos ? Offset + 1 : Offset - LineStart;
  return {Line, Column};
}

std::string SourceTexts::relative(StringRef AbsolutePath) const {
  SmallString<256> Path(AbsolutePath);
  StringRef R(Root);
  if (!R.empty() && Path.str().starts_with(R) &&
      (Path.size() == R.size() || sys::path::is_separator(Path[R.size()]) ||
       sys::path::is_separator(R.back()))) {
    StringRef Rest = StringRef(Path).drop_front(R.size());
    while (!Rest.empty() && sys::path::is_separator(Rest.front()))
      Rest = Rest.drop_front();
    return sys::path::convert_to_slash(Rest);
  }
  return sys::path::convert_to_slash(AbsolutePath);
}

/// Whitespace runs become one space; leading and trailing whitespace goes.
static std::string normalise(StringRef Code) {
  std::string Out;
  bool Space = false;
  for (char C : Code.trim()) {
    if (isSpace(C)) {
      Space = true;
      continue;
    }
    if (Space)
      Out.push_back(' ');
    Space = false;
    Out.push_back(C);
  }
  return Out;
}

FindingKey SourceTexts::key(const ClangTidyError &E) {
  std::string Path = absolutePath(E, E.Message.FilePath);
  StringRef Text = text(Path);
  StringRef Code;
  // The highlighted code; else the line of the finding.
  for (const auto &R : E.Message.Ranges)
    if (absolutePath(E, R.FilePath) == Path &&
        R.FileOffset + R.Length <= Text.size() && R.Length) {
      Code = Text.substr(R.FileOffset, R.Length);
      break;
    }
  if (Code.empty() && E.Message.FileOffset <= Text.size()) {
    size_t Begin = Text.rfind('\n', E.Message.FileOffset);
    Begin = Begin == StringRef::npos ? 0 : Begin + 1;
    size_t End = Text.find('\n', E.Message.FileOffset);
    Code = Text.slice(Begin, End);
  }
  return {E.DiagnosticName, relative(Path), normalise(Code)};
}

/// The files of a map, in order (the reports do not depend on hashing).
static std::vector<StringRef>
sortedKeys(const StringMap<std::string> &Map) {
  std::vector<StringRef> Keys;
  for (const auto &Entry : Map)
    Keys.push_back(Entry.getKey());
  llvm::sort(Keys);
  return Keys;
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

void writeJson(ArrayRef<ClangTidyError> Errors, const StringMap<std::string> &Unanalysed,
               const StringMap<std::string> &Partial,
               SourceTexts &Sources, raw_ostream &OS) {
  json::OStream J(OS, 2);
  const ClangTidyError *Current = nullptr;
  auto Location = [&](const tooling::DiagnosticMessage &M) {
    std::string Path = absolutePath(*Current, M.FilePath);
    J.attribute("file", Path);
    auto [Line, Column] = Sources.lineColumn(Path, M.FileOffset);
    J.attribute("line", Line);
    J.attribute("column", Column);
  };
  J.object([&] {
    J.attribute("version", 1);
    J.attributeObject("tool", [&] {
      J.attribute("name", "nanguard");
      J.attribute("version", NANGUARD_VERSION);
    });
    J.attributeArray("findings", [&] {
      for (const ClangTidyError &E : Errors) {
        if (isCompilerError(E))
          continue;
        Current = &E;
        J.object([&] {
          J.attribute("rule", E.DiagnosticName);
          J.attribute("severity", E.DiagLevel == ClangTidyError::Error ||
                                          E.IsWarningAsError
                                      ? "error"
                                      : "warning");
          J.attribute("message", E.Message.Message);
          Location(E.Message);
          J.attributeArray("notes", [&] {
            for (const tooling::DiagnosticMessage &N : E.Notes)
              J.object([&] {
                J.attribute("message", N.Message);
                Location(N);
              });
          });
          J.attributeArray("fixes", [&] {
            for (const auto &[File, Replacements] : E.Message.Fix)
              for (const tooling::Replacement &R : Replacements)
                J.object([&] {
                  J.attribute("file", absolutePath(E, R.getFilePath()));
                  J.attribute("offset", R.getOffset());
                  J.attribute("length", R.getLength());
                  J.attribute("replacement", R.getReplacementText());
                });
          });
        });
      }
    });
    J.attributeArray("errors", [&] {
      for (const ClangTidyError &E : Errors)
        if (isCompilerError(E)) {
          Current = &E;
          J.object([&] {
            J.attribute("message", E.Message.Message);
            Location(E.Message);
          });
        }
      for (StringRef File : sortedKeys(Partial))
        J.object([&] {
          J.attribute("message",
                      "the file was analysed partially: headers not found: " +
                          Partial.lookup(File) +
                          "; the functions that use what they declare were "
                          "skipped");
          J.attribute("file", File);
        });
      for (StringRef File : sortedKeys(Unanalysed))
        J.object([&] {
          J.attribute("message", "the file could not be analysed: " +
                                     Unanalysed.lookup(File));
          J.attribute("file", File);
        });
    });
  });
  OS << "\n";
}

//===----------------------------------------------------------------------===//
// SARIF 2.1.0
//===----------------------------------------------------------------------===//

namespace {
struct RuleInfo {
  StringRef Id, Summary, Description, Level;
};
const RuleInfo Rules[] = {
#define NANGUARD_RULE(Id, Check, Summary, Description, Default)               \
  {"nanguard-" Id, Summary, Description, "warning"},
#include "Rules.def"
};
} // namespace

static std::string fileUri(StringRef AbsolutePath) {
  std::string Uri = "file://";
  for (char C : sys::path::convert_to_slash(AbsolutePath)) {
    if (isAlnum(C) || StringRef("/-_.~").contains(C))
      Uri.push_back(C);
    else
      Uri += "%" + utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Uri;
}

static std::string relativeUri(StringRef Relative) {
  std::string Uri;
  for (char C : Relative) {
    if (isAlnum(C) || StringRef("/-_.~").contains(C))
      Uri.push_back(C);
    else
      Uri += "%" + utohexstr(static_cast<unsigned char>(C), false, 2);
  }
  return Uri;
}

void writeSarif(ArrayRef<ClangTidyError> Errors, const StringMap<std::string> &Unanalysed,
               const StringMap<std::string> &Partial,
                SourceTexts &Sources, StringRef RuleDocsBase, raw_ostream &OS) {
  json::Array RulesJson;
  StringMap<unsigned> RuleIndex;
  for (const RuleInfo &R : Rules) {
    RuleIndex[R.Id] = RulesJson.size();
    StringRef Page = R.Id;
    Page.consume_front("nanguard-");
    RulesJson.push_back(json::Object{
        {"id", R.Id},
        {"shortDescription", json::Object{{"text", R.Summary}}},
        {"fullDescription", json::Object{{"text", R.Description}}},
        {"helpUri", (RuleDocsBase + "/" + Page + ".md").str()},
        {"defaultConfiguration", json::Object{{"level", R.Level}}},
    });
  }

  auto Location = [&](const ClangTidyError &E,
                      const tooling::DiagnosticMessage &M) {
    std::string Path = absolutePath(E, M.FilePath);
    auto [Line, Column] = Sources.lineColumn(Path, M.FileOffset);
    json::Object Region{{"startLine", Line}, {"startColumn", Column}};
    // The region runs to the end of the highlighted code (a division points
    // at its operator and highlights the divisor after it).
    unsigned End = M.FileOffset;
    for (const auto &R : M.Ranges)
      if (absolutePath(E, R.FilePath) == Path)
        End = std::max(End, R.FileOffset + R.Length);
    if (End > M.FileOffset) {
      auto [EndLine, EndColumn] = Sources.lineColumn(Path, End);
      Region["endLine"] = EndLine;
      Region["endColumn"] = EndColumn;
    }
    std::string Relative = Sources.relative(Path);
    json::Object Artifact;
    if (sys::path::is_absolute(Relative)) {
      Artifact["uri"] = fileUri(Relative);
    } else {
      Artifact["uri"] = relativeUri(Relative);
      Artifact["uriBaseId"] = "%SRCROOT%";
    }
    return json::Object{
        {"physicalLocation",
         json::Object{{"artifactLocation", std::move(Artifact)},
                      {"region", std::move(Region)}}}};
  };

  json::Array Results;
  std::map<std::string, unsigned> Occurrences;
  for (const ClangTidyError &E : Errors) {
    if (isCompilerError(E))
      continue;
    // Same rule, file and code: the n-th occurrence keeps its fingerprint
    // when lines above it move.
    std::string Key = Sources.key(E).str();
    unsigned N = Occurrences[Key]++;
    char Hex[17];
    snprintf(Hex, sizeof(Hex), "%016llx",
             static_cast<unsigned long long>(
                 xxh3_64bits(Key + "#" + std::to_string(N))));
    json::Array Related;
    for (const tooling::DiagnosticMessage &Note : E.Notes) {
      json::Object L = Location(E, Note);
      L["message"] = json::Object{{"text", Note.Message}};
      Related.push_back(std::move(L));
    }
    json::Object Result{
        {"ruleId", E.DiagnosticName},
        {"level", E.DiagLevel == ClangTidyError::Error || E.IsWarningAsError
                      ? "error"
                      : "warning"},
        {"message", json::Object{{"text", E.Message.Message}}},
        {"locations", json::Array{Location(E, E.Message)}},
        {"partialFingerprints", json::Object{{"nanguard/v1", std::string(Hex)}}},
    };
    auto Index = RuleIndex.find(E.DiagnosticName);
    if (Index != RuleIndex.end())
      Result["ruleIndex"] = Index->second;
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    Results.push_back(std::move(Result));
  }

  json::Array Notifications;
  for (const ClangTidyError &E : Errors)
    if (isCompilerError(E))
      Notifications.push_back(json::Object{
          {"level", "error"},
          {"message", json::Object{{"text", E.Message.Message}}},
          {"locations", json::Array{Location(E, E.Message)}},
      });
  for (StringRef File : sortedKeys(Partial))
    Notifications.push_back(json::Object{
        {"level", "warning"},
        {"message",
         json::Object{{"text", ("'" + File +
                                "' was analysed partially: headers not found: " +
                                Partial.lookup(File) +
                                "; the functions that use what they declare "
                                "were skipped")
                                   .str()}}},
    });
  for (StringRef File : sortedKeys(Unanalysed))
    Notifications.push_back(json::Object{
        {"level", "error"},
        {"message", json::Object{{"text", ("could not analyse '" + File +
                                           "': " + Unanalysed.lookup(File))
                                              .str()}}},
    });

  std::string RootUri = fileUri(Sources.root());
  if (!StringRef(RootUri).ends_with("/"))
    RootUri += "/";
  json::Value Log = json::Object{
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs",
       json::Array{json::Object{
           {"tool",
            json::Object{{"driver",
                          json::Object{{"name", "nanguard"},
                                       {"version", NANGUARD_VERSION},
                                       {"semanticVersion", NANGUARD_VERSION},
                                       {"rules", std::move(RulesJson)}}}}},
           {"originalUriBaseIds",
            json::Object{{"%SRCROOT%", json::Object{{"uri", RootUri}}}}},
           {"invocations",
            json::Array{json::Object{
                {"executionSuccessful", Notifications.empty()},
                {"toolExecutionNotifications", std::move(Notifications)}}}},
           {"results", std::move(Results)},
       }}},
  };
  OS << formatv("{0:2}", Log) << "\n";
}

//===----------------------------------------------------------------------===//
// Baselines
//===----------------------------------------------------------------------===//

void writeBaseline(ArrayRef<ClangTidyError> Errors, SourceTexts &Sources,
                   raw_ostream &OS) {
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Counts;
  for (const ClangTidyError &E : Errors)
    if (!isCompilerError(E)) {
      FindingKey K = Sources.key(E);
      ++Counts[{K.File, K.Rule, K.Code}];
    }
  json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeArray("findings", [&] {
      for (const auto &[Key, Count] : Counts)
        J.object([&] {
          J.attribute("rule", std::get<1>(Key));
          J.attribute("file", std::get<0>(Key));
          J.attribute("code", std::get<2>(Key));
          J.attribute("count", Count);
        });
    });
  });
  OS << "\n";
}

Expected<unsigned> applyBaseline(StringRef Path,
                                 std::vector<ClangTidyError> &Errors,
                                 SourceTexts &Sources) {
  auto Buffer = MemoryBuffer::getFile(Path);
  if (!Buffer)
    return createStringError(Buffer.getError(), "cannot read baseline '%s': %s",
                             Path.str().c_str(),
                             Buffer.getError().message().c_str());
  Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed)
    return createStringError(inconvertibleErrorCode(),
                             "baseline '%s' is not valid JSON: %s",
                             Path.str().c_str(),
                             toString(Parsed.takeError()).c_str());
  const json::Object *Root = Parsed->getAsObject();
  const json::Array *Findings = Root ? Root->getArray("findings") : nullptr;
  if (!Findings)
    return createStringError(inconvertibleErrorCode(),
                             "baseline '%s' has no \"findings\" array (write "
                             "one with --write-baseline)",
                             Path.str().c_str());
  StringMap<unsigned> Remaining;
  for (const json::Value &V : *Findings) {
    const json::Object *O = V.getAsObject();
    if (!O)
      continue;
    FindingKey K{O->getString("rule").value_or("").str(),
                 O->getString("file").value_or("").str(),
                 O->getString("code").value_or("").str()};
    Remaining[K.str()] += unsigned(O->getInteger("count").value_or(1));
  }
  unsigned Removed = 0;
  llvm::erase_if(Errors, [&](const ClangTidyError &E) {
    if (isCompilerError(E))
      return false;
    auto It = Remaining.find(Sources.key(E).str());
    if (It == Remaining.end() || It->second == 0)
      return false;
    --It->second;
    ++Removed;
    return true;
  });
  return Removed;
}

} // namespace nanguard
