// OpenBLAS's CBLAS (and openblas_set_num_threads), as Debian installs it (libopenblas-dev).
#include <cblas.h>
