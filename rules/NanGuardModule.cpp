//===- NanGuardModule.cpp - The nanguard clang-tidy module ----------------===//
//
// Registers every rule under its fixed id. Linked into the `nanguard` driver
// and the clang-tidy plugin alike.
//
//===----------------------------------------------------------------------===//

#include "DivByVarianceCheck.h"
#include "InverseTrigDomainCheck.h"
#include "NanComparisonCheck.h"
#include "PowDomainCheck.h"
#include "SqrtDomainCheck.h"
#include "NaiveSigmoidCheck.h"
#include "NaiveSoftmaxCheck.h"
#include "PLogPCheck.h"
#include "RawExpCheck.h"
#include "UnguardedDivisionCheck.h"
#include "UnguardedLogCheck.h"
#include "VanishingEpsilonCheck.h"
#include "clang-tidy/ClangTidyModule.h"

using namespace clang::tidy;

namespace nanguard {

class NanGuardModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
#define NANGUARD_RULE(Id, Check, Summary, Description, Default)                            \
  Factories.registerCheck<Check>("nanguard-" Id);
#include "Rules.def"
  }
};

} // namespace nanguard

static ClangTidyModuleRegistry::Add<nanguard::NanGuardModule>
    NanGuardModuleRegistration("nanguard-module",
                               "Finds where floating-point NaN and Inf are born.");
