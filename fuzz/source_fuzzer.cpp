//===- source_fuzzer.cpp - Every rule over arbitrary source text ----------===//
//
// The input is a translation unit: C++17, or CUDA (with the toolkit or the
// shim, as the command line analyses a .cu file) when it mentions
// __global__ or __device__.
// It is parsed from memory and every nanguard rule runs on it, in process,
// so the sanitizers see the analysis itself.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/VirtualFileSystem.h"
#include <cstdint>

using namespace clang;
using namespace clang::tidy;
using namespace clang::tooling;
using namespace llvm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  StringRef Code(reinterpret_cast<const char *>(Data), Size);
  bool Cuda = Code.contains("__global__") || Code.contains("__device__");
  std::string Path = Cuda ? "/nanguard-fuzz/input.cu" : "/nanguard-fuzz/input.cpp";
  std::unique_ptr<CompilationDatabase> DB = nanguard::withNanGuardArguments(
      std::make_unique<FixedCompilationDatabase>(
          "/", std::vector<std::string>{"-std=c++17", "-ferror-limit=0"}),
      {});
  std::string Error;
  ClangTidyContext Context(
      nanguard::createOptionsProvider("nanguard-*", "", Error), false, false,
      false);
  auto Memory = makeIntrusiveRefCnt<vfs::InMemoryFileSystem>();
  Memory->addFile(Path, 0,
                  MemoryBuffer::getMemBufferCopy(Code, Path));
  auto FS = makeIntrusiveRefCnt<vfs::OverlayFileSystem>(
      vfs::createPhysicalFileSystem());
  FS->pushOverlay(Memory);
  runClangTidy(Context, *DB, {Path}, FS, false, false, StringRef(),
               /*Quiet=*/true);
  return 0;
}
