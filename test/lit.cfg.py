# -*- Python -*-
# The nanguard lit suite. Run `lit build/test` (after configuring with CMake).
import os
import shutil

import lit.formats

config.name = "nanguard"
config.test_format = lit.formats.ShTest(not lit_config.isWindows)
config.suffixes = [".c", ".cpp", ".cu", ".test", ".ll"]
config.excludes = ["Inputs", "CMakeLists.txt", "check_nanguard.py", "project", "client.py", "neovim_client.lua"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.nanguard_obj_root, "test")

# FileCheck, not, count and clang come from LLVM 22; nanguard from this build,
# or the one `--param nanguard=PATH` names (scripts/test.sh runs the suite
# again with the AddressSanitizer + UndefinedBehaviorSanitizer build).
nanguard_bin = lit_config.params.get("nanguard")
if nanguard_bin:
    nanguard_bin = os.path.abspath(nanguard_bin)
    config.environment["ASAN_OPTIONS"] = "detect_leaks=0"
    config.environment["UBSAN_OPTIONS"] = "halt_on_error=1:print_stacktrace=1"
else:
    nanguard_bin = os.path.join(config.nanguard_tools_dir, "nanguard")
config.environment["PATH"] = os.pathsep.join(
    [os.path.dirname(nanguard_bin), config.nanguard_tools_dir, config.llvm_tools_dir,
     config.environment.get("PATH", "")]
)
# Keep diagnostics free of colour and of the user's terminal width.
config.environment.pop("CLICOLOR_FORCE", None)
# Runtime options of the environment must not leak into the tests.
config.environment.pop("NANGUARD_OPTIONS", None)

# Rule tests run through the nanguard driver and, where clang-tidy-22 is
# there, through clang-tidy with the NanGuardTidy.so plugin, with the same
# expectations.
check_nanguard = os.path.join(config.test_source_root, "check_nanguard.py")
tidy_plugin = os.path.join(config.nanguard_lib_dir, "NanGuardTidy.so")
check_args = ""
if os.path.exists(os.path.join(config.llvm_tools_dir, "clang-tidy")) and os.path.exists(tidy_plugin):
    config.available_features.add("clang-tidy-plugin")
    check_args = " -tidy-plugin=" + tidy_plugin
config.substitutions.append(
    ("%check_nanguard", "%s %s%s" % (config.python_executable, check_nanguard, check_args))
)
config.substitutions.append(("%clang_tidy", os.path.join(config.llvm_tools_dir, "clang-tidy")))
config.substitutions.append(("%clangxx", os.path.join(config.llvm_tools_dir, "clang++")))
config.substitutions.append(("%clang", os.path.join(config.llvm_tools_dir, "clang")))
config.substitutions.append(("%python", config.python_executable))
config.substitutions.append(("%opt", os.path.join(config.llvm_tools_dir, "opt")))
config.substitutions.append(("%llc", os.path.join(config.llvm_tools_dir, "llc")))
config.substitutions.append(
    ("%nanguard_pass", os.path.join(config.nanguard_lib_dir, "NanGuardPass.so"))
)
config.substitutions.append(("%nanguard_cxx", os.path.join(config.nanguard_tools_dir, "nanguard-clang++")))
config.substitutions.append(("%nanguard_cc", os.path.join(config.nanguard_tools_dir, "nanguard-clang")))
config.substitutions.append(("%nanguard_obj_root", config.nanguard_obj_root))
# The longer name first: lit substitutes in order.
config.substitutions.append(
    ("%cuda_shim_include", os.path.join(config.nanguard_src_root, "share", "cuda", "include"))
)
config.substitutions.append(
    ("%cuda_shim", os.path.join(config.nanguard_src_root, "share", "cuda", "nanguard_cuda_shim.h"))
)
config.substitutions.append(
    ("%cuda_compat", os.path.join(config.nanguard_src_root, "share", "cuda", "nanguard_nvcc_compat.h"))
)
# After the longer names that start with it.
config.substitutions.append(("%nanguard", nanguard_bin))
config.substitutions.append(("%inputs", os.path.join(config.test_source_root, "Inputs")))

# Optional pieces of a machine become lit features, so the suite passes
# without them.
# SARIF is validated with Debian's python3-jsonschema (the system Python).
config.substitutions.append(("%system_python", "/usr/bin/python3"))
import subprocess
if subprocess.run(["/usr/bin/python3", "-c", "import jsonschema"],
                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
    config.available_features.add("jsonschema")
if os.path.exists(os.path.join(config.llvm_tools_dir, "..", "lib", "libomp.so")):
    config.available_features.add("openmp")
if shutil.which("script"):
    config.available_features.add("script")
if shutil.which("nvim"):
    config.available_features.add("nvim")
if shutil.which("cmake") and shutil.which("ninja"):
    config.available_features.add("cmake")
if os.path.exists(os.path.join(config.nanguard_tools_dir, "NanGuardUnitTests")):
    config.available_features.add("unittests")
if os.path.exists("/usr/local/cuda/include/cuda_runtime.h"):
    config.available_features.add("cuda-toolkit")
# The sanitizer build of the lint (scripts/test.sh makes it in build-asan/:
# AddressSanitizer and UndefinedBehaviorSanitizer).
sanitized = os.path.join(config.nanguard_src_root, "build-asan", "bin", "nanguard")
if os.path.exists(sanitized):
    config.available_features.add("nanguard-asan")
    config.substitutions.append(("%asan_nanguard", sanitized))
