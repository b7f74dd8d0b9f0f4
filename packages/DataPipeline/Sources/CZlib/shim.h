// zlib (zlib1g-dev) for CImageCodecs.
#include <zlib.h>
