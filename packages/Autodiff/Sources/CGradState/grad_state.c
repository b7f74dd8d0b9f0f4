// See include/grad_state.h.
#include "grad_state.h"

_Thread_local void *cgs_current_slot = 0;
