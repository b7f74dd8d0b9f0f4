// libpng (libpng-dev) for CImageCodecs.
#include <png.h>
