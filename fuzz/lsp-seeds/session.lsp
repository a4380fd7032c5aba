Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 237

{"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": "file:///tmp/nanguard-fuzz/loss.cpp", "languageId": "cpp", "version": 1, "text": "#include <cmath>\nfloat nll(float p) { return -std::log(p); }\n"}}}Content-Length: 257

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/nanguard-fuzz/loss.cpp"}, "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 40}}, "context": {"diagnostics": []}}}Content-Length: 213

{"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": "file:///tmp/nanguard-fuzz/loss.cpp", "version": 2}, "contentChanges": [{"text": "float f(float x) { return 1 / x; }\n"}]}}Content-Length: 128

{"jsonrpc": "2.0", "method": "textDocument/didClose", "params": {"textDocument": {"uri": "file:///tmp/nanguard-fuzz/loss.cpp"}}}Content-Length: 49

{"jsonrpc": "2.0", "id": 3, "method": "shutdown"}Content-Length: 36

{"jsonrpc": "2.0", "method": "exit"}