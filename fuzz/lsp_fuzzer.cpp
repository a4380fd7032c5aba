//===- lsp_fuzzer.cpp - The language server over arbitrary input ----------===//
//
// The input is what a client writes to the server: Content-Length framing,
// JSON-RPC messages, documents. The server reads it to the end, answering on
// /dev/null; documents it is asked to open are analysed as in an editor.
//
//===----------------------------------------------------------------------===//

#include "Driver.h"
#include <cstdint>
#include <cstdio>
#include <fcntl.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  std::FILE *In = ::fmemopen(const_cast<uint8_t *>(Data), Size, "r");
  if (!In)
    return 0;
  int Out = ::open("/dev/null", O_WRONLY);
  nanguard::runLanguageServer(In, Out);
  ::close(Out);
  std::fclose(In);
  return 0;
}
