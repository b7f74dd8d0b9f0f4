// OpenBLAS's CBLAS and the reference LAPACKE, as Debian installs them (libopenblas-dev, liblapacke-dev).
#include <cblas.h>
#include <lapacke.h>
