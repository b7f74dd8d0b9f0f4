// Every kernel, instantiated for float32 and float64 (the *_impl.h files are templates over T).
#include "isa.h"

#define T   float
#define SUF f32
#define W   8
#include "vec_impl.h"
#include "sgd_impl.h"
#include "adam_impl.h"
#include "axpy_impl.h"
#undef T
#undef SUF
#undef W
#undef V
#undef FN
#undef FMA

#define T   double
#define SUF f64
#define W   4
#include "vec_impl.h"
#include "sgd_impl.h"
#include "adam_impl.h"
#include "axpy_impl.h"
