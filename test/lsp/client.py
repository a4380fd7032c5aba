#!/usr/bin/env python3
"""A scripted LSP client for `nanguard lsp`: sends a scenario's messages and
prints what comes back, one JSON document per line, for FileCheck.

  client.py <nanguard> <scenario> <work-dir>
"""
import json
import os
import subprocess
import sys


class Client:
    def __init__(self, nanguard, stderr=subprocess.DEVNULL):
        self.proc = subprocess.Popen([nanguard, "lsp"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=stderr)
        self.next_id = 1

    def raw(self, body):
        data = body.encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def send(self, method, params=None, request=True):
        message = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            message["params"] = params
        if request:
            message["id"] = self.next_id
            self.next_id += 1
        self.raw(json.dumps(message))
        return message.get("id")

    def receive(self):
        length = None
        while True:
            line = self.proc.stdout.readline()
            if not line:
                return None
            line = line.strip()
            if not line:
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def until(self, predicate):
        while True:
            message = self.receive()
            if message is None:
                print("<the server closed its output>")
                return None
            if predicate(message):
                return message

    def response(self, id):
        return self.until(lambda m: m.get("id") == id and "method" not in m)

    def diagnostics(self, uri):
        return self.until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                          and m["params"]["uri"] == uri)


def show(tag, value):
    print(tag + " " + json.dumps(value, sort_keys=True))


def main():
    nanguard, scenario, work = sys.argv[1:]
    os.makedirs(work, exist_ok=True)
    log_path = os.path.join(work, "server.log")
    c = Client(nanguard, open(log_path, "w"))
    if scenario == "basic":
        path = os.path.join(work, "loss.cpp")
        # On disk the file is safe; the editor's buffer is not.
        with open(path, "w") as f:
            f.write("#include <cmath>\nfloat nll(float p) { return -std::log(p + 1e-6f); }\n")
        uri = "file://" + path
        show("initialize", c.response(c.send("initialize", {"processId": None, "rootUri": None,
                                                            "capabilities": {}}))["result"])
        c.send("initialized", {}, request=False)
        text = "#include <cmath>\nfloat nll(float p) { return -std::log(p); }\n"
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                         "version": 1, "text": text}},
               request=False)
        diags = c.diagnostics(uri)["params"]
        show("diagnostics", diags)
        d = diags["diagnostics"][0]
        actions = c.response(c.send("textDocument/codeAction", {
            "textDocument": {"uri": uri}, "range": d["range"],
            "context": {"diagnostics": [d]}}))["result"]
        show("codeActions", actions)
        # The user applies the fix: the buffer changes, the finding goes.
        fixed = "#include <cmath>\nfloat nll(float p) { return -std::log(std::fmax(p, 1e-30f)); }\n"
        c.send("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                          "contentChanges": [{"text": fixed}]}, request=False)
        show("afterChange", c.diagnostics(uri)["params"])
        c.send("textDocument/didClose", {"textDocument": {"uri": uri}}, request=False)
        show("afterClose", c.diagnostics(uri)["params"])
    elif scenario == "compiledb":
        # The flags come from the nearest compile_commands.json above the file.
        src = os.path.join(work, "src")
        os.makedirs(src, exist_ok=True)
        path = os.path.join(src, "norm.cpp")
        text = ("#include <cmath>\n#ifndef FROM_THE_DATABASE\n#error \"flags not used\"\n#endif\n"
                "float norm(float x, float var) { return x / std::sqrt(var); }\n")
        with open(path, "w") as f:
            f.write(text)
        with open(os.path.join(work, "compile_commands.json"), "w") as f:
            json.dump([{"directory": src, "file": "norm.cpp",
                        "command": "clang++ -std=c++17 -DFROM_THE_DATABASE -c norm.cpp"}], f)
        uri = "file://" + path
        c.response(c.send("initialize", {"capabilities": {}}))
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                         "version": 1, "text": text}},
               request=False)
        show("compiledb", c.diagnostics(uri)["params"])
    elif scenario == "cuda":
        # A .cu buffer with no compile command: CUDA host code with the
        # toolkit or the shim; a kernel's finding, with its cub include.
        path = os.path.join(work, "kernel.cu")
        text = ("#include <cub/block/block_reduce.cuh>\n"
                "__global__ void k(const float *x, float *y) {\n"
                "  y[threadIdx.x] = __expf(x[threadIdx.x]);\n"
                "}\n")
        with open(path, "w") as f:
            f.write(text)
        uri = "file://" + path
        c.response(c.send("initialize", {"capabilities": {}}))
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cuda",
                                                         "version": 1, "text": text}},
               request=False)
        show("cuda", c.diagnostics(uri)["params"])
    elif scenario == "errors":
        uri = "file://" + os.path.join(work, "broken.cpp")
        show("beforeInitialize", c.response(c.send("textDocument/codeAction", {}))["error"])
        c.response(c.send("initialize", {"capabilities": {}}))
        c.raw("{this is not json")
        show("malformed", c.receive())
        c.raw("[1, 2]")
        show("notAnObject", c.receive())
        show("unknownMethod", c.response(c.send("workspace/frobnicate", {}))["error"])
        show("missingParams", c.response(c.send("textDocument/codeAction"))["error"])
        c.send("$/unknownNotification", {}, request=False)
        # A document that does not parse: a diagnostic, not a crash.
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                         "version": 1,
                                                         "text": "int f( { return undeclared; }\n"}},
               request=False)
        show("brokenDocument", c.diagnostics(uri)["params"])
    elif scenario == "partial":
        # A buffer whose third-party header is missing: the note, and the
        # finding of the function that does not use it.
        path = os.path.join(work, "ext.cpp")
        text = ("#include <cmath>\n#include <torch/extension.h>\n"
                "float nll(float p) { return -std::log(p); }\n"
                "torch::Tensor f(torch::Tensor x) { return x / std::sqrt(0.f); }\n")
        uri = "file://" + path
        c.response(c.send("initialize", {"capabilities": {}}))
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                         "version": 1, "text": text}},
               request=False)
        for d in c.diagnostics(uri)["params"]["diagnostics"]:
            show("partial", {k: d[k] for k in ("message", "severity", "range")})
    elif scenario == "hostile":
        # Inputs that used to end the server: each gets an answer or a
        # diagnostic, and the server goes on serving.
        c.response(c.send("initialize", {"capabilities": {}}))
        c.raw("[" * 100000)
        show("deepNesting", c.receive())
        # A length far beyond what is sent: skipped, not allocated. It is
        # followed by a real message whose bytes it swallows, so the length
        # announced is honoured by sending that many bytes.
        c.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % (300 << 20))
        c.proc.stdin.write(b" " * (300 << 20))
        c.proc.stdin.flush()
        show("tooLarge", c.receive())
        text = "#include <cmath>\nfloat nll(float p) { return -std::log(p); }\n"
        # A buffer in a directory that does not exist yet.
        uri = "file://" + os.path.join(work, "not", "made", "yet.cpp")
        c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                         "version": 1, "text": text}},
               request=False)
        show("newDirectory", [d["code"] for d in c.diagnostics(uri)["params"]["diagnostics"]])
        # A relative file: URI, and an untitled buffer.
        for uri in ("file:relative.cpp", "untitled:Untitled-1"):
            c.send("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "cpp",
                                                             "version": 1, "text": text}},
                   request=False)
            show(uri, [d["code"] for d in c.diagnostics(uri)["params"]["diagnostics"]])
    show("shutdown", c.response(c.send("shutdown"))["result"])
    c.send("exit", request=False)
    c.proc.stdin.close()
    print("exit status", c.proc.wait(timeout=30))
    if scenario == "hostile":
        # What the server wrote on stderr for the buffers of odd places.
        with open(log_path) as f:
            show("configErrors", sum("Error reading configuration" in line for line in f))


if __name__ == "__main__":
    main()
