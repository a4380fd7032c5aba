Content-Length: 257

{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///tmp/nanguard-fuzz/loss.cpp"}, "range": {"start": {"line": 1, "character": 0}, "end": {"line": 1, "character": 40}}, "context": {"diagnostics": []}}}Content-Length: 5

{bad}Content-Length: 83

{"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}Content-Length: 72

{"jsonrpc": "2.0", "id": 9, "method": "workspace/unknown", "params": {}}Content-Length: 6

[1, 2]