// The per-thread slot behind Autodiff's grad mode. Autograd reads it on every tracked op; a C
// `_Thread_local` read is one segment-relative load, where `pthread_getspecific` is a library call
// (7% of the guide's linear-regression step). Swift has no thread-local storage of its own.
#ifndef CGRAD_STATE_H
#define CGRAD_STATE_H

extern _Thread_local void *cgs_current_slot;

/// This thread's grad-mode flags, or NULL before the thread first touched them.
static inline void *cgs_current(void) { return cgs_current_slot; }

/// Installs this thread's flags (Autodiff still registers them with a pthread key to free them).
static inline void cgs_set_current(void *flags) { cgs_current_slot = flags; }

#endif
