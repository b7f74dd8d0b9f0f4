#include "cvk_autocast.h"

_Thread_local cvk_autocast_state cvk_autocast_slot = {0, 0, 0, 1, 0};
