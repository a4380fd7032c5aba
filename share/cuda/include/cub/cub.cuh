// cub, as much as nanguard's lint reads, for analysis without a CUDA toolkit.
#pragma once
#include <cub/block/block_reduce.cuh>
#include <cub/warp/warp_reduce.cuh>
