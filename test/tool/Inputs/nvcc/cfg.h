#define EPS_FROM_HEADER 1e-5f
