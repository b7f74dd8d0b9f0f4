// The reference LAPACKE over OpenBLAS's LAPACK, as Debian installs it (liblapacke-dev).
#include <lapacke.h>
