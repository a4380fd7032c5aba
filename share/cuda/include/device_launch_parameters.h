// device_launch_parameters.h for nanguard's lint without a CUDA toolkit: the declarations are in
// nanguard_cuda_shim.h, which the lint includes first.
#pragma once
