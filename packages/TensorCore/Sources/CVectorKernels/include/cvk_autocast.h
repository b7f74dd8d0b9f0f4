// The per-thread state behind TensorCore's autocast (torch's autocast is thread-local too). Every op on
// autocast's lists reads it on entry, so it is a C `_Thread_local` (one segment-relative load); Swift has
// no thread-local storage of its own.
#ifndef CVK_AUTOCAST_H
#define CVK_AUTOCAST_H

typedef struct {
    int dtype;         // 0: autocast off; otherwise 1 + the raw value of the target DType
    int nesting;       // depth of enabled regions (the cast cache lives while it is above zero)
    int excluded;      // > 0 inside an op autocast already handled: its inner ops run as called
    int cache_enabled; // whether casts of float32 leaf parameters are cached in this region
    void *cache;       // the Swift cast cache (retained) of the outermost region, or NULL
} cvk_autocast_state;

extern _Thread_local cvk_autocast_state cvk_autocast_slot;

static inline cvk_autocast_state *cvk_autocast(void) { return &cvk_autocast_slot; }

#endif
