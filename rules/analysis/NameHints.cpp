//===- NameHints.cpp - What a name says about a value ---------------------===//

#include "NameHints.h"
#include "ExprHelpers.h"
#include "llvm/ADT/STLExtras.h"
#include <cctype>

using namespace llvm;

namespace nanguard {

SmallVector<std::string, 4> identifierWords(StringRef Name) {
  SmallVector<std::string, 4> Words;
  std::string Cur;
  for (size_t I = 0; I < Name.size(); ++I) {
    char C = Name[I];
    bool Boundary = C == '_' || (isupper(C) && I > 0 && islower(Name[I - 1]));
    if (Boundary && !Cur.empty()) {
      Words.push_back(Cur);
      Cur.clear();
    }
    if (C != '_')
      Cur.push_back(char(tolower(C)));
  }
  if (!Cur.empty())
    Words.push_back(Cur);
  return Words;
}

static bool hintsOn() { return analysisSettings().NameHints; }

bool nameSaysEpsilon(StringRef Name) {
  if (!hintsOn())
    return false;
  for (const std::string &W : identifierWords(Name))
    if (W == "eps" || W == "epsilon" || W == "eps2" || W == "epsf")
      return true;
  return false;
}

bool nameSaysSpread(StringRef Name) {
  if (!hintsOn())
    return false;
  for (const std::string &W : identifierWords(Name))
    if (W == "std" || W == "stddev" || W == "stdev" || W == "sd" ||
        W == "sigma" || W == "var" || W == "variance" || W == "norm" ||
        W == "l2" || W == "rms" || W == "l2norm")
      return true;
  return false;
}

bool nameSaysCounter(StringRef Name) {
  if (!hintsOn())
    return false;
  for (const std::string &W : identifierWords(Name))
    if (W == "step" || W == "steps" || W == "epoch" || W == "epochs" ||
        W == "iter" || W == "iters" || W == "iteration" || W == "iterations")
      return true;
  return false;
}

/// Words that may follow the extreme's own word in a name of the extreme
/// value: max_val, max_logit, max_new, maxReduce, max_element.
static bool qualifiesExtreme(StringRef W) {
  static const char *const Words[] = {
      "val",   "value", "values", "v",     "x",      "logit", "logits",
      "score", "scores", "elem",  "element", "el",   "new",   "old",
      "prev",  "cur",   "curr",   "local", "global", "all",   "abs",
      "reduce", "reduction", "op", "of",   "in",     "out",   "f",
      "t",     "i",     "j",      "k",     "s",      "m",     "block",
      "warp",  "thread", "row",   "col",   "sync",   "shfl",  "0",
      "1",     "2"};
  return llvm::any_of(Words, [&](const char *Q) { return W == Q; });
}

static bool nameSaysExtreme(StringRef Name, StringRef Word, StringRef Long) {
  if (!hintsOn())
    return false;
  SmallVector<std::string, 4> Words = identifierWords(Name);
  for (size_t I = 0; I < Words.size(); ++I) {
    StringRef W = Words[I];
    bool Extreme = W == Word || W == Long || W == (Word + "val").str() ||
                   W == (Word + "v").str() ||
                   // rowmax, vmax, gmax: a short prefix and the word.
                   (W.ends_with(Word) && W.size() <= Word.size() + 3 &&
                    !W.starts_with("arg") && W != "softmax");
    if (!Extreme)
      continue;
    if (llvm::all_of(ArrayRef(Words).drop_front(I + 1),
                     [](const std::string &After) {
                       return qualifiesExtreme(After);
                     }))
      return true;
  }
  return false;
}

bool nameSaysMax(StringRef Name) {
  return nameSaysExtreme(Name, "max", "maximum");
}

bool nameSaysMin(StringRef Name) {
  return nameSaysExtreme(Name, "min", "minimum");
}

bool nameSaysSum(StringRef Name) {
  if (!hintsOn())
    return false;
  for (const std::string &W : identifierWords(Name))
    if (W == "sum" || W == "plus" ||
        (StringRef(W).ends_with("sum") && W.size() <= 8 && W != "checksum"))
      return true;
  return false;
}

} // namespace nanguard
