//===- NanGuardPass.cpp - Report where a NaN or Inf is born ---------------===//
//
// A module pass, loaded as a plugin, that follows each risky floating-point
// operation with an inline test: "is the result NaN or +-inf while every
// floating-point operand is finite?". Only then, on a cold path, it calls the
// runtime with a static site record (file, line, column, function, operation,
// rule) and the values. A NaN that arrives and propagates is never reported:
// only its origin is.
//
// The test reads exponent bits as integers, so it survives -ffast-math, and
// the checked operation loses its nnan/ninf flags, so the optimiser cannot
// assume the answer. It runs at pipeline start, before inlining and
// vectorisation, so math calls are still calls and debug locations still
// point at the user's code.
//
// Modes: risky (math calls from rules/MathFunctions.def, divisions), all
// (also fadd/fsub/fmul and narrowing conversions), sites=<lint.json> (only
// the operations the static lint flagged).
//
//===----------------------------------------------------------------------===//

#include "MathFunctions.h"
#include "../runtime/nanguard_rt.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"
#include "llvm/IR/IntrinsicsNVPTX.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/PassManager.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/TargetParser/Triple.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;
using namespace nanguard;

#define DEBUG_TYPE "nanguard"

static cl::opt<std::string>
    ModeOption("nanguard-mode",
               cl::desc("What nanguard instruments: risky (default), all, "
                        "or sites=<file> (the JSON output of the nanguard "
                        "lint)"),
               cl::init("risky"));

static cl::opt<bool> DeviceTrap(
    "nanguard-device-trap",
    cl::desc("In GPU code, trap after the first report (the kernel stops "
             "with an error the host sees)"),
    cl::init(false));

namespace {

struct Mode {
  enum Kind { Risky, All, Sites } K = Risky;
  std::string SitesFile;
};

/// A file:line:col the static lint flagged.
struct FlaggedSite {
  std::string File;
  unsigned Line, Column;
  std::string Rule;
};

/// What an instruction computes, for the test and the report.
struct Operation {
  nanguard_site_kind Kind;
  std::string Name; ///< "log", "division", "conversion to float", ...
  std::string Rule; ///< "nanguard-unguarded-log"
  SmallVector<Value *, 2> Operands;
};

class NanGuardPass : public PassInfoMixin<NanGuardPass> {
public:
  explicit NanGuardPass(Mode M) : M(std::move(M)) {}
  PreservedAnalyses run(Module &Mod, ModuleAnalysisManager &AM);
  static bool isRequired() { return true; } // also at -O0 and on optnone

private:
  std::optional<Operation> classify(Instruction &I) const;
  const FlaggedSite *flaggedSite(const Instruction &I) const;
  void instrument(Instruction &I, const Operation &Op, Function &F,
                  OptimizationRemarkEmitter &ORE);
  Constant *siteRecord(Instruction &I, const Operation &Op, Function &F,
                       nanguard_value_type ValueTy, bool IsVector);
  Constant *string(StringRef S);
  bool loadSites(Module &Mod);
  void reportOnDevice(IRBuilder<> &C, Instruction &I, const Operation &Op,
                      Function &F, Value *Result, Value *A, Value *B);
  Function *deviceReportFunction();

  bool Device = false; ///< An NVPTX module: reports go through vprintf.
  Function *DeviceReport = nullptr;

  Mode M;
  Module *Mod = nullptr;
  StructType *SiteTy = nullptr;
  StringMap<Constant *> Strings;
  std::vector<FlaggedSite> Flagged;
  unsigned NumSites = 0;
};

} // namespace

//===----------------------------------------------------------------------===//
// What to instrument
//===----------------------------------------------------------------------===//

static std::string ruleId(StringRef Rule) { return ("nanguard-" + Rule).str(); }

static StringRef typeName(Type *T) {
  T = T->getScalarType();
  if (T->isHalfTy())
    return "half";
  if (T->isBFloatTy())
    return "bfloat";
  if (T->isFloatTy())
    return "float";
  if (T->isDoubleTy())
    return "double";
  return "long double";
}

static bool dividesBySqrt(const BinaryOperator &Div) {
  const Value *Den = Div.getOperand(1);
  while (const auto *Cast = dyn_cast<FPExtInst>(Den))
    Den = Cast->getOperand(0);
  const auto *Call = dyn_cast<CallInst>(Den);
  const Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  const MathFunctionInfo *F =
      Callee ? lookupMathSymbol(Callee->getName()) : nullptr;
  return F && F->Kind == MathKind::Sqrt;
}

std::optional<Operation> NanGuardPass::classify(Instruction &I) const {
  if (!I.getType()->isFPOrFPVectorTy())
    return std::nullopt;
  bool All = M.K == Mode::All;
  if (auto *BO = dyn_cast<BinaryOperator>(&I)) {
    Operation Op;
    Op.Operands = {BO->getOperand(0), BO->getOperand(1)};
    switch (BO->getOpcode()) {
    case Instruction::FDiv:
      Op.Kind = NANGUARD_KIND_DIVISION;
      Op.Name = "division";
      // A division by a sqrt is a division by a standard deviation or a
      // norm: the lint's div-by-variance.
      Op.Rule = dividesBySqrt(*BO) ? "nanguard-div-by-variance"
                                   : "nanguard-unguarded-division";
      return Op;
    case Instruction::FRem:
      Op.Kind = NANGUARD_KIND_REMAINDER;
      Op.Name = "remainder";
      Op.Rule = "nanguard-unguarded-division";
      return Op;
    case Instruction::FAdd:
    case Instruction::FSub:
    case Instruction::FMul:
      if (!All && M.K != Mode::Sites)
        return std::nullopt;
      Op.Kind = BO->getOpcode() == Instruction::FAdd   ? NANGUARD_KIND_ADDITION
                : BO->getOpcode() == Instruction::FSub ? NANGUARD_KIND_SUBTRACTION
                                                       : NANGUARD_KIND_MULTIPLICATION;
      Op.Name = BO->getOpcode() == Instruction::FAdd   ? "addition"
                : BO->getOpcode() == Instruction::FSub ? "subtraction"
                                                       : "multiplication";
      Op.Rule = "nanguard-float-overflow";
      return Op;
    default:
      return std::nullopt;
    }
  }
  if (auto *Trunc = dyn_cast<FPTruncInst>(&I)) {
    if (!All && M.K != Mode::Sites)
      return std::nullopt;
    Operation Op;
    Op.Kind = NANGUARD_KIND_CONVERSION;
    Op.Name = ("conversion to " + typeName(Trunc->getType())).str();
    Op.Rule = "nanguard-narrowing-overflow";
    Op.Operands = {Trunc->getOperand(0)};
    return Op;
  }
  // Calls and invokes (a call in a scope with destructors to run becomes an
  // invoke when the callee is not noexcept, as libstdc++'s std::exp is not).
  auto *Call = dyn_cast<CallBase>(&I);
  Function *Callee = Call ? Call->getCalledFunction() : nullptr;
  if (!Callee)
    return std::nullopt;
  const MathFunctionInfo *F = lookupMathSymbol(Callee->getName());
  if (!F || F->kind().Rule.empty())
    return std::nullopt;
  Operation Op;
  Op.Kind = NANGUARD_KIND_CALL;
  StringRef Name = F->Name;
  Name.consume_front("llvm.");
  Op.Name = Name.str();
  Op.Rule = ruleId(F->kind().Rule);
  for (Value *Arg : Call->args())
    if (Arg->getType()->isFPOrFPVectorTy())
      Op.Operands.push_back(Arg);
  if (Op.Operands.empty() || Op.Operands.size() > 2)
    return std::nullopt;
  return Op;
}

/// Paths match when one ends with the other at a component boundary, so a
/// lint run on an absolute path matches a compile with a relative one.
static bool samePath(StringRef A, StringRef B) {
  if (A == B)
    return true;
  if (A.size() < B.size())
    std::swap(A, B);
  return A.ends_with(B) && (A.size() == B.size() ||
                            sys::path::is_separator(A[A.size() - B.size() - 1]));
}

const FlaggedSite *NanGuardPass::flaggedSite(const Instruction &I) const {
  const DebugLoc &DL = I.getDebugLoc();
  if (!DL)
    return nullptr;
  auto *Scope = cast<DIScope>(DL.getScope());
  SmallString<256> Path(Scope->getFilename());
  if (!sys::path::is_absolute(Path))
    sys::path::make_absolute(Scope->getDirectory(), Path);
  for (const FlaggedSite &S : Flagged)
    if (S.Line == DL.getLine() && S.Column == DL.getCol() &&
        (samePath(S.File, Path) || samePath(S.File, Scope->getFilename())))
      return &S;
  return nullptr;
}

bool NanGuardPass::loadSites(Module &Mod) {
  LLVMContext &Ctx = Mod.getContext();
  auto Buffer = MemoryBuffer::getFile(M.SitesFile);
  if (!Buffer) {
    Ctx.emitError("nanguard: cannot read sites file '" + M.SitesFile +
                  "': " + Buffer.getError().message());
    return false;
  }
  Expected<json::Value> Parsed = json::parse((*Buffer)->getBuffer());
  if (!Parsed) {
    Ctx.emitError("nanguard: sites file '" + M.SitesFile +
                  "' is not valid JSON: " + toString(Parsed.takeError()));
    return false;
  }
  // The lint's --format=json: {"findings": [{"file", "line", "column", ...}]}
  const json::Array *Findings = nullptr;
  if (const json::Object *Root = Parsed->getAsObject())
    Findings = Root->getArray("findings");
  if (!Findings) {
    Ctx.emitError("nanguard: sites file '" + M.SitesFile +
                  "' has no \"findings\" array (write it with `nanguard "
                  "--format=json`)");
    return false;
  }
  for (const json::Value &V : *Findings) {
    const json::Object *O = V.getAsObject();
    if (!O)
      continue;
    std::optional<StringRef> File = O->getString("file");
    std::optional<int64_t> Line = O->getInteger("line");
    std::optional<int64_t> Column = O->getInteger("column");
    std::optional<StringRef> Rule = O->getString("rule");
    if (File && Line && Column)
      Flagged.push_back({File->str(), unsigned(*Line), unsigned(*Column),
                         Rule ? Rule->str() : std::string()});
  }
  return true;
}

//===----------------------------------------------------------------------===//
// The inline test and the cold report
//===----------------------------------------------------------------------===//

/// The exponent field of a floating type, as an integer mask.
static APInt exponentMask(Type *ScalarTy) {
  const fltSemantics &Sem = ScalarTy->getFltSemantics();
  unsigned Bits = ScalarTy->getPrimitiveSizeInBits();
  unsigned Precision = APFloat::semanticsPrecision(Sem);
  // IEEE formats keep an implicit integer bit; x87's 80-bit format stores it.
  unsigned MantissaBits = ScalarTy->isX86_FP80Ty() ? Precision : Precision - 1;
  unsigned ExponentBits = Bits - 1 - MantissaBits;
  return APInt::getBitsSet(Bits, MantissaBits, MantissaBits + ExponentBits);
}

/// i1 (or <N x i1>): the value's exponent bits are all ones (NaN or inf).
static Value *isNonFinite(IRBuilder<> &B, Value *V) {
  Type *Ty = V->getType();
  Type *Scalar = Ty->getScalarType();
  Type *IntScalar = B.getIntNTy(Scalar->getPrimitiveSizeInBits());
  Type *IntTy = IntScalar;
  if (auto *VT = dyn_cast<VectorType>(Ty))
    IntTy = VectorType::get(IntScalar, VT->getElementCount());
  Constant *Mask = ConstantInt::get(IntTy, exponentMask(Scalar));
  Value *Bits = B.CreateBitCast(V, IntTy);
  return B.CreateICmpEQ(B.CreateAnd(Bits, Mask), Mask);
}

static std::optional<nanguard_value_type> valueType(Type *T,
                                                    const Triple &TT) {
  T = T->getScalarType();
  if (T->isHalfTy())
    return NANGUARD_TYPE_HALF;
  if (T->isBFloatTy())
    return NANGUARD_TYPE_BFLOAT;
  if (T->isFloatTy())
    return NANGUARD_TYPE_FLOAT;
  if (T->isDoubleTy())
    return NANGUARD_TYPE_DOUBLE;
  // The runtime takes a C long double: x87's format on x86, binary128 on
  // most other 64-bit targets.
  if ((T->isX86_FP80Ty() && TT.isX86()) || (T->isFP128Ty() && !TT.isX86()))
    return NANGUARD_TYPE_LONG_DOUBLE;
  return std::nullopt;
}

Constant *NanGuardPass::string(StringRef S) {
  auto It = Strings.find(S);
  if (It != Strings.end())
    return It->second;
  Constant *Data = ConstantDataArray::getString(Mod->getContext(), S);
  auto *GV = new GlobalVariable(*Mod, Data->getType(), /*isConstant=*/true,
                                GlobalValue::PrivateLinkage, Data,
                                "__nanguard_str");
  GV->setUnnamedAddr(GlobalValue::UnnamedAddr::Global);
  GV->setAlignment(Align(1));
  Strings[S] = GV;
  return GV;
}

/// The source path a report names: as the compiler was given it, relative
/// to the directory of the compile when it was, else with its directory
/// (clang records /src/a.cpp compiled from /src/build as "a.cpp" in "/src").
static std::string reportedPath(const DIScope &Scope) {
  StringRef Name = Scope.getFilename(), Dir = Scope.getDirectory();
  if (Name.empty() || sys::path::is_absolute(Name) || Dir.empty())
    return Name.str();
  SmallString<256> Cwd;
  if (!sys::fs::current_path(Cwd) && Cwd == Dir)
    return Name.str();
  SmallString<256> Path(Dir);
  sys::path::append(Path, Name);
  return std::string(Path);
}

Constant *NanGuardPass::siteRecord(Instruction &I, const Operation &Op,
                                   Function &F, nanguard_value_type ValueTy,
                                   bool IsVector) {
  LLVMContext &Ctx = Mod->getContext();
  auto *Ptr = PointerType::getUnqual(Ctx);
  Constant *File = ConstantPointerNull::get(Ptr);
  unsigned Line = 0, Column = 0;
  if (const DebugLoc &DL = I.getDebugLoc()) {
    File = string(reportedPath(*cast<DIScope>(DL.getScope())));
    Line = DL.getLine();
    Column = DL.getCol();
  }
  Type *I8 = Type::getInt8Ty(Ctx), *I32 = Type::getInt32Ty(Ctx);
  Constant *Fields[] = {
      File,
      string(demangle(F.getName())),
      string(Op.Name),
      string(Op.Rule),
      ConstantInt::get(I32, Line),
      ConstantInt::get(I32, Column),
      ConstantInt::get(I8, Op.Kind),
      ConstantInt::get(I8, ValueTy),
      ConstantInt::get(I8, Op.Operands.size()),
      ConstantInt::get(I8, IsVector),
      ConstantInt::get(I32, 0),
      ConstantPointerNull::get(Ptr),
  };
  auto *GV = new GlobalVariable(*Mod, SiteTy, /*isConstant=*/false,
                                GlobalValue::PrivateLinkage,
                                ConstantStruct::get(SiteTy, Fields),
                                "__nanguard_site");
  GV->setAlignment(Align(8));
  ++NumSites;
  return GV;
}

/// Drops what -ffast-math promises about a result (nnan/ninf flags, a
/// nofpclass(nan inf) return), so the optimiser cannot fold the test away.
static void forgetFiniteness(Instruction &I) {
  if (isa<FPMathOperator>(I)) {
    I.setHasNoNaNs(false);
    I.setHasNoInfs(false);
  }
  if (auto *Call = dyn_cast<CallBase>(&I)) {
    Call->removeRetAttr(Attribute::NoFPClass);
    if (Function *Callee = Call->getCalledFunction())
      if (lookupMathSymbol(Callee->getName()))
        Callee->removeRetAttr(Attribute::NoFPClass);
  }
}

void NanGuardPass::instrument(Instruction &I, const Operation &Op, Function &F,
                              OptimizationRemarkEmitter &ORE) {
  auto Missed = [&](StringRef Why) {
    ORE.emit([&] {
      return OptimizationRemarkMissed(DEBUG_TYPE, "NotInstrumented", &I)
             << "cannot instrument " << Op.Name << ": " << Why;
    });
  };
  Type *Ty = I.getType();
  if (isa<ScalableVectorType>(Ty))
    return Missed("scalable vectors are not supported");
  if (I.isTerminator() && !isa<InvokeInst>(I))
    return Missed("it ends its block");
  Triple TT(Mod->getTargetTriple());
  std::optional<nanguard_value_type> VT =
      valueType(Op.Operands.front()->getType(), TT);
  if (!VT || !valueType(Ty, TT))
    return Missed("its floating-point type is not supported");
  for (Value *Operand : Op.Operands)
    if (Operand->getType()->isVectorTy() != Ty->isVectorTy())
      return Missed("mixed scalar and vector operands");
  if (Device && (Ty->isVectorTy() || *VT == NANGUARD_TYPE_LONG_DOUBLE))
    return Missed("vector and long double operations in GPU code are not "
                  "supported");

  // The checked operation must not promise what is being checked.
  forgetFiniteness(I);

  LLVMContext &Ctx = Mod->getContext();
  // After the operation: for an invoke, at the start of its normal
  // destination (split off, so the test runs on that edge only).
  Instruction *InsertBefore = I.getNextNode();
  if (auto *Invoke = dyn_cast<InvokeInst>(&I)) {
    BasicBlock *Normal =
        SplitEdge(Invoke->getParent(), Invoke->getNormalDest());
    InsertBefore = &*Normal->getFirstInsertionPt();
  }
  IRBuilder<> B(InsertBefore);
  B.SetCurrentDebugLocation(I.getDebugLoc());
  Value *Origin = isNonFinite(B, &I);
  for (Value *Operand : Op.Operands)
    Origin = B.CreateAnd(Origin, B.CreateNot(isNonFinite(B, Operand)));
  Value *Cond = Origin, *LaneMask = nullptr;
  auto *Vec = dyn_cast<FixedVectorType>(Ty);
  if (Vec) {
    LaneMask = B.CreateBitCast(Origin, B.getIntNTy(Vec->getNumElements()));
    Cond = B.CreateICmpNE(LaneMask, ConstantInt::get(LaneMask->getType(), 0));
  }
  Instruction *Then = SplitBlockAndInsertIfThen(
      Cond, B.GetInsertPoint(), /*Unreachable=*/false,
      MDBuilder(Ctx).createUnlikelyBranchWeights());

  IRBuilder<> C(Then);
  C.SetCurrentDebugLocation(I.getDebugLoc());
  Value *Lane = C.getInt32(0);
  if (Vec)
    Lane = C.CreateZExtOrTrunc(
        C.CreateBinaryIntrinsic(Intrinsic::cttz, LaneMask, C.getTrue()),
        C.getInt32Ty());
  bool Wide = *VT == NANGUARD_TYPE_LONG_DOUBLE;
  Type *ArgTy = Wide ? Op.Operands.front()->getType()->getScalarType()
                     : C.getDoubleTy();
  auto Scalar = [&](Value *V) -> Value * {
    if (Vec)
      V = C.CreateExtractElement(V, Lane);
    return C.CreateFPCast(V, ArgTy);
  };
  if (Device) {
    reportOnDevice(C, I, Op, F, Scalar(&I), Scalar(Op.Operands[0]),
                   Op.Operands.size() > 1 ? Scalar(Op.Operands[1])
                                          : ConstantFP::get(ArgTy, 0.0));
    ORE.emit([&] {
      return OptimizationRemark(DEBUG_TYPE, "Instrumented", &I)
             << "instrumented " << Op.Name << " (" << Op.Rule << ")";
    });
    return;
  }
  Value *Args[] = {
      siteRecord(I, Op, F, *VT, Vec != nullptr), Lane, Scalar(&I),
      Scalar(Op.Operands[0]),
      Op.Operands.size() > 1 ? Scalar(Op.Operands[1])
                             : ConstantFP::get(ArgTy, 0.0)};
  auto *Ptr = PointerType::getUnqual(Ctx);
  FunctionCallee Report = Mod->getOrInsertFunction(
      Wide ? "__nanguard_report_ld" : "__nanguard_report",
      FunctionType::get(C.getVoidTy(),
                        {Ptr, C.getInt32Ty(), ArgTy, ArgTy, ArgTy}, false));
  if (auto *RF = dyn_cast<Function>(Report.getCallee())) {
    RF->addFnAttr(Attribute::Cold);
    RF->addFnAttr(Attribute::NoInline);
  }
  C.CreateCall(Report, Args);

  ORE.emit([&] {
    return OptimizationRemark(DEBUG_TYPE, "Instrumented", &I)
           << "instrumented " << Op.Name << " (" << Op.Rule << ")";
  });
}

//===----------------------------------------------------------------------===//
// GPU code: a report through device printf, once per site
//===----------------------------------------------------------------------===//

/// printf's conversion for an operand of this type, exact when read back.
static const char *deviceConversion(Type *T) {
  T = T->getScalarType();
  if (T->isHalfTy() || T->isBFloatTy())
    return "%.5g";
  if (T->isFloatTy())
    return "%.9g";
  return "%.17g";
}

static std::string escapePercent(StringRef S) {
  std::string Out;
  for (char C : S) {
    Out += C;
    if (C == '%')
      Out += '%';
  }
  return Out;
}

/// The report, formatted like the host runtime's, with the block and thread
/// that hit it:
///   k.cu:8:23: runtime error: division produced nan from finite operands 0 /
///   0 [nanguard-unguarded-division] in function softmax(float const*),
///   block (0,0,0), thread (3,0,0)
void NanGuardPass::reportOnDevice(IRBuilder<> &C, Instruction &I,
                                  const Operation &Op, Function &F,
                                  Value *Result, Value *A, Value *B) {
  std::string Format;
  raw_string_ostream OS(Format);
  if (const DebugLoc &DL = I.getDebugLoc())
    OS << escapePercent(reportedPath(*cast<DIScope>(DL.getScope()))) << ':'
       << DL.getLine() << ':' << DL.getCol() << ": ";
  else
    OS << "<unknown location>: ";
  const char *Conv = deviceConversion(Op.Operands.front()->getType());
  OS << "runtime error: " << escapePercent(Op.Name) << " produced %g";
  std::string Infix;
  if (const char *I = nanguard_infix_operator(Op.Kind))
    Infix = escapePercent(I);
  if (Op.Operands.size() == 1)
    OS << " from finite operand " << Conv;
  else if (!Infix.empty())
    OS << " from finite operands " << Conv << ' ' << Infix << ' ' << Conv;
  else
    OS << " from finite operands " << Conv << ", " << Conv;
  OS << " [" << Op.Rule << "] in function "
     << escapePercent(demangle(F.getName()))
     << ", block (%u,%u,%u), thread (%u,%u,%u)";
  if (!I.getDebugLoc())
    OS << " (no debug info: compile with -g for the file and line)";
  OS << '\n';

  // The site's flag: 0 until the first report, from any thread of the grid.
  auto *Fired = new GlobalVariable(*Mod, C.getInt32Ty(), /*isConstant=*/false,
                                   GlobalValue::PrivateLinkage, C.getInt32(0),
                                   "__nanguard_fired");
  Fired->setAlignment(Align(4));
  ++NumSites;
  C.CreateCall(deviceReportFunction(),
               {string(Format), Fired,
                C.getInt32(Op.Operands.size()), Result, A, B});
}

/// void __nanguard_device_report(ptr fmt, ptr fired, i32 nops, double r,
///                               double a, double b)
/// Claims the site's flag with an atomic exchange; the first thread to claim
/// it prints the report with vprintf (and traps with -nanguard-device-trap).
/// Cold and never inlined, so the kernel's fast path is the test alone and
/// the printf buffer lives in this function's frame, not the kernel's.
Function *NanGuardPass::deviceReportFunction() {
  if (DeviceReport)
    return DeviceReport;
  LLVMContext &Ctx = Mod->getContext();
  auto *Ptr = PointerType::getUnqual(Ctx);
  Type *I32 = Type::getInt32Ty(Ctx), *F64 = Type::getDoubleTy(Ctx);
  FunctionType *FT = FunctionType::get(Type::getVoidTy(Ctx),
                                       {Ptr, Ptr, I32, F64, F64, F64}, false);
  Function *Fn = Function::Create(FT, GlobalValue::InternalLinkage,
                                  "__nanguard_device_report", Mod);
  Fn->addFnAttr(Attribute::Cold);
  Fn->addFnAttr(Attribute::NoInline);
  Fn->addFnAttr(Attribute::NoUnwind);
  Value *Fmt = Fn->getArg(0), *FiredPtr = Fn->getArg(1), *NOps = Fn->getArg(2);
  Value *R = Fn->getArg(3), *A = Fn->getArg(4), *B = Fn->getArg(5);

  BasicBlock *Entry = BasicBlock::Create(Ctx, "entry", Fn);
  BasicBlock *Print = BasicBlock::Create(Ctx, "print", Fn);
  BasicBlock *Two = BasicBlock::Create(Ctx, "two", Fn);
  BasicBlock *One = BasicBlock::Create(Ctx, "one", Fn);
  BasicBlock *After = BasicBlock::Create(Ctx, "printed", Fn);
  BasicBlock *Done = BasicBlock::Create(Ctx, "done", Fn);

  // vprintf's argument buffer: each value at its natural alignment.
  StructType *Args2 = StructType::get(
      Ctx, {F64, F64, F64, I32, I32, I32, I32, I32, I32});
  StructType *Args1 =
      StructType::get(Ctx, {F64, F64, I32, I32, I32, I32, I32, I32});
  IRBuilder<> E(Entry);
  AllocaInst *Buf2 = E.CreateAlloca(Args2);
  AllocaInst *Buf1 = E.CreateAlloca(Args1);
  Value *Old = E.CreateAtomicRMW(AtomicRMWInst::Xchg, FiredPtr, E.getInt32(1),
                                 MaybeAlign(4), AtomicOrdering::Monotonic);
  E.CreateCondBr(E.CreateICmpEQ(Old, E.getInt32(0)), Print, Done);

  IRBuilder<> P(Print);
  SmallVector<Value *, 6> Index;
  for (Intrinsic::ID Id :
       {Intrinsic::nvvm_read_ptx_sreg_ctaid_x,
        Intrinsic::nvvm_read_ptx_sreg_ctaid_y,
        Intrinsic::nvvm_read_ptx_sreg_ctaid_z, Intrinsic::nvvm_read_ptx_sreg_tid_x,
        Intrinsic::nvvm_read_ptx_sreg_tid_y, Intrinsic::nvvm_read_ptx_sreg_tid_z})
    Index.push_back(P.CreateIntrinsic(Id, {}));
  P.CreateCondBr(P.CreateICmpEQ(NOps, P.getInt32(2)), Two, One);

  FunctionCallee VPrintf = Mod->getOrInsertFunction(
      "vprintf", FunctionType::get(I32, {Ptr, Ptr}, false));
  auto Fill = [&](BasicBlock *BB, AllocaInst *Buf, StructType *Ty,
                  ArrayRef<Value *> Doubles) {
    IRBuilder<> Q(BB);
    unsigned Field = 0;
    for (Value *V : Doubles)
      Q.CreateStore(V, Q.CreateStructGEP(Ty, Buf, Field++));
    for (Value *V : Index)
      Q.CreateStore(V, Q.CreateStructGEP(Ty, Buf, Field++));
    Q.CreateCall(VPrintf, {Fmt, Buf});
    Q.CreateBr(After);
  };
  Fill(Two, Buf2, Args2, {R, A, B});
  Fill(One, Buf1, Args1, {R, A});

  IRBuilder<> T(After);
  if (DeviceTrap) {
    T.CreateIntrinsic(Intrinsic::trap, {});
    T.CreateUnreachable();
  } else {
    T.CreateBr(Done);
  }
  IRBuilder<> D(Done);
  D.CreateRetVoid();
  DeviceReport = Fn;
  return Fn;
}

PreservedAnalyses NanGuardPass::run(Module &Module, ModuleAnalysisManager &) {
  Mod = &Module;
  LLVMContext &Ctx = Module.getContext();
  if (M.K == Mode::Sites && !loadSites(Module))
    return PreservedAnalyses::all();
  auto *Ptr = PointerType::getUnqual(Ctx);
  Type *I8 = Type::getInt8Ty(Ctx), *I32 = Type::getInt32Ty(Ctx);
  SiteTy = StructType::get(Ctx, {Ptr, Ptr, Ptr, Ptr, I32, I32, I8, I8, I8, I8,
                                 I32, Ptr});

  Device = Triple(Module.getTargetTriple()).isNVPTX();
  DeviceReport = nullptr;
  bool Changed = false;
  for (Function &F : Module) {
    if (F.isDeclaration() || F.getName().starts_with("__nanguard_"))
      continue;
    // libdevice (__nv_expf, ...), linked in before the pipeline runs, and
    // the CUDA headers' own helpers (reserved names, __saturatef) are not
    // the user's code.
    if (Device && (F.getName().starts_with("__nv_") ||
                   StringRef(demangle(F.getName())).starts_with("__")))
      continue;
    // The body of a math wrapper such as std::log(float) is not the user's
    // code: the call to it, in the user's code, is what gets checked. Its
    // math must not promise a finite result either (-ffast-math), or the
    // check at the call folds away once the wrapper is inlined.
    if (lookupMathSymbol(F.getName())) {
      F.removeRetAttr(Attribute::NoFPClass);
      for (Instruction &I : instructions(F))
        forgetFiniteness(I);
      continue;
    }
    SmallVector<std::pair<Instruction *, Operation>, 16> Work;
    for (Instruction &I : instructions(F)) {
      std::optional<Operation> Op = classify(I);
      if (!Op)
        continue;
      if (M.K == Mode::Sites) {
        // Only what the lint flagged, reported under the lint's rule id.
        const FlaggedSite *Site = flaggedSite(I);
        if (!Site)
          continue;
        if (!Site->Rule.empty())
          Op->Rule = Site->Rule;
      }
      Work.push_back({&I, std::move(*Op)});
    }
    if (Work.empty())
      continue;
    OptimizationRemarkEmitter ORE(&F);
    for (auto &[I, Op] : Work)
      instrument(*I, Op, F, ORE);
    Changed = true;
  }
  return Changed ? PreservedAnalyses::none() : PreservedAnalyses::all();
}

//===----------------------------------------------------------------------===//
// Registration
//===----------------------------------------------------------------------===//

static std::optional<Mode> parseMode(StringRef Text) {
  Mode M;
  if (Text == "risky" || Text.empty())
    M.K = Mode::Risky;
  else if (Text == "all")
    M.K = Mode::All;
  else if (Text.consume_front("sites=") && !Text.empty()) {
    M.K = Mode::Sites;
    M.SitesFile = Text.str();
  } else
    return std::nullopt;
  return M;
}

static Mode modeFromOption() {
  if (std::optional<Mode> M = parseMode(ModeOption))
    return *M;
  report_fatal_error(Twine("nanguard: bad -nanguard-mode '") + ModeOption +
                         "' (expected risky, all or sites=<file>)",
                     /*gen_crash_diag=*/false);
}

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "NanGuardPass", "0.1.0",
          [](PassBuilder &PB) {
            // opt -passes=nanguard, or nanguard<all>, nanguard<sites=FILE>
            PB.registerPipelineParsingCallback(
                [](StringRef Name, ModulePassManager &MPM,
                   ArrayRef<PassBuilder::PipelineElement>) {
                  if (Name == "nanguard") {
                    MPM.addPass(NanGuardPass(modeFromOption()));
                    return true;
                  }
                  if (Name.consume_front("nanguard<") &&
                      Name.consume_back(">")) {
                    std::optional<Mode> M = parseMode(Name);
                    if (!M)
                      report_fatal_error(
                          Twine("nanguard: bad mode '") + Name +
                              "' (expected risky, all or sites=<file>)",
                          false);
                    MPM.addPass(NanGuardPass(*M));
                    return true;
                  }
                  return false;
                });
            // clang -fpass-plugin=...: at the start of every pipeline,
            // -O0 included, before inlining and vectorisation.
            PB.registerPipelineStartEPCallback(
                [](ModulePassManager &MPM, OptimizationLevel) {
                  MPM.addPass(NanGuardPass(modeFromOption()));
                });
          },
          nullptr};
}
