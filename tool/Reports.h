//===- Reports.h - Machine-readable reports and baselines -----*- C++ -*-===//

#ifndef NANGUARD_TOOL_REPORTS_H
#define NANGUARD_TOOL_REPORTS_H

#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"
#include <string>
#include <vector>

namespace nanguard {

/// What identifies a finding across edits elsewhere in its file: the rule,
/// the file (relative to the source root) and the normalised text of the
/// flagged code. Line numbers are not part of it.
struct FindingKey {
  std::string Rule, File, Code;
  std::string str() const { return Rule + '\x1f' + File + '\x1f' + Code; }
};

/// Reads the files findings point into, once each.
class SourceTexts {
public:
  explicit SourceTexts(std::string SourceRoot = "")
      : Root(std::move(SourceRoot)) {}
  /// Use \p Text for \p Path instead of the file on disk (an editor buffer).
  void setText(llvm::StringRef Path, llvm::StringRef Text) {
    Texts[Path] = Text.str();
  }
  FindingKey key(const clang::tidy::ClangTidyError &E);
  /// The path relative to the source root (with '/'), or absolute when the
  /// file is outside it.
  std::string relative(llvm::StringRef AbsolutePath) const;
  llvm::StringRef text(llvm::StringRef AbsolutePath);
  std::pair<unsigned, unsigned> lineColumn(llvm::StringRef AbsolutePath,
                                           unsigned Offset);
  const std::string &root() const { return Root; }

private:
  std::string Root;
  llvm::StringMap<std::string> Texts;
};

/// The JSON report (docs/json-format.md).
void writeJson(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
               const llvm::StringMap<std::string> &Unanalysed,
               const llvm::StringMap<std::string> &Partial, SourceTexts &Sources,
               llvm::raw_ostream &OS);

/// A SARIF 2.1.0 log: rules from Rules.def, results with locations relative
/// to %SRCROOT% and partialFingerprints stable under unrelated edits.
void writeSarif(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                const llvm::StringMap<std::string> &Unanalysed,
               const llvm::StringMap<std::string> &Partial, SourceTexts &Sources,
                llvm::StringRef RuleDocsBase, llvm::raw_ostream &OS);

/// A baseline: the findings of today, by key, with their counts.
void writeBaseline(llvm::ArrayRef<clang::tidy::ClangTidyError> Errors,
                   SourceTexts &Sources, llvm::raw_ostream &OS);

/// Removes from \p Errors the findings the baseline at \p Path records (as
/// many of each key as it counts); returns how many were removed.
llvm::Expected<unsigned>
applyBaseline(llvm::StringRef Path,
              std::vector<clang::tidy::ClangTidyError> &Errors,
              SourceTexts &Sources);

} // namespace nanguard

#endif
