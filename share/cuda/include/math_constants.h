// math_constants.h for nanguard's lint without a CUDA toolkit.
#pragma once
#define CUDART_INF_F __builtin_inff()
#define CUDART_NAN_F __builtin_nanf("")
#define CUDART_L2E_F 1.442695041f
#define CUDART_LN2_F 0.693147181f
