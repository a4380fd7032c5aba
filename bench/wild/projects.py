"""The public codebases of the wild evaluation, and how to lint each.

Each project names its GitHub repository (fetched as a plain checkout into
$WILD_SRC/<name>; nothing of it is committed here), the files to lint
(globs relative to its root) and the compiler flags a build would give them.
The header-only dependencies a build would fetch as submodules are checked
out into $WILD_SRC/deps/<name> ({deps} below); a file that does not compile
anyway is counted as not analysed. CUDA files use the toolkit at
/usr/local/cuda when there is one, else nanguard's shim.
"""
import os

DEPS = ["dmlc/dmlc-core", "lemire/fast_double_parser", "fmtlib/fmt"]

if os.path.exists("/usr/local/cuda/include/cuda_runtime.h"):
    CUDA = ["-xcuda", "--cuda-host-only", "--cuda-path=/usr/local/cuda",
            "-Wno-unknown-cuda-version", "-isystem", "/usr/local/cuda/include/cccl"]
else:
    CUDA = ["-xcuda", "--cuda-host-only", "-nocudainc", "-nocudalib",
            "-include", "{shim}", "-isystem", "{shim_include}"]

PROJECTS = [
    {
        "name": "llama2.c",
        "repo": "karpathy/llama2.c",
        "files": ["run.c", "runq.c"],
        "flags": ["-std=gnu11"],
    },
    {
        "name": "llm.c",
        "repo": "karpathy/llm.c",
        "files": ["train_gpt2.c", "test_gpt2.c", "dev/cuda/*.cu", "llmc/*.h"],
        "flags": ["-std=gnu11", "-I."],
        "cuda_flags": CUDA + ["-std=c++17", "-I.", "-Idev/cuda"],
    },
    {
        "name": "ggml",
        "repo": "ggml-org/ggml",
        "files": ["src/ggml.c", "src/ggml-cpu/ops.cpp", "src/ggml-cpu/vec.cpp",
                  "src/ggml-cpu/ggml-cpu.c", "src/ggml-quants.c",
                  "examples/*/*.cpp"],
        "flags": ["-std=c++17", "-Iinclude", "-Isrc", "-Isrc/ggml-cpu",
                  "-D_GNU_SOURCE", "-DGGML_USE_CPU"],
        "c_flags": ["-std=gnu11", "-Iinclude", "-Isrc", "-Isrc/ggml-cpu",
                    "-D_GNU_SOURCE"],
    },
    {
        "name": "LightGBM",
        "repo": "microsoft/LightGBM",
        "files": ["src/objective/*.cpp", "src/metric/*.cpp",
                  "src/treelearner/feature_histogram.cpp",
                  "src/boosting/*.cpp", "src/io/bin.cpp"],
        "flags": ["-std=c++17", "-Iinclude", "-I{deps}/fast_double_parser/include",
                  "-I{deps}/fmt/include"],
    },
    {
        "name": "xgboost",
        "repo": "dmlc/xgboost",
        "files": ["src/objective/*.cc", "src/metric/*.cc",
                  "src/tree/param.cc", "src/common/*.cc"],
        "flags": ["-std=c++17", "-Iinclude", "-Isrc", "-I{deps}/dmlc-core/include"],
    },
]
