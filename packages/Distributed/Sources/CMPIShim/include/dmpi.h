// Open MPI's handles (MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM) are macros over addresses of globals, which
// Swift cannot import; these wrappers take small integer codes instead and return MPI's error code.
#ifndef DMPI_H
#define DMPI_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Element types, in the order of Distributed's `WireType`.
enum { DMPI_UINT8, DMPI_INT8, DMPI_INT16, DMPI_UINT16, DMPI_INT32, DMPI_INT64, DMPI_FLOAT, DMPI_DOUBLE };
/// Reductions, in the order of `ReduceOp`'s MPI counterparts (avg is a sum divided afterwards).
enum { DMPI_SUM, DMPI_PROD, DMPI_MIN, DMPI_MAX };

/// An outstanding non-blocking operation (MPI_Request is a pointer in Open MPI).
typedef void *dmpi_request;

int dmpi_init(int *rank, int *size, int *multithreaded);
int dmpi_finalize(void);
int dmpi_is_finalized(void);
void dmpi_abort(int code);
double dmpi_wtime(void);
void dmpi_error_string(int code, char *buffer, int capacity);

// With `request` NULL the call blocks; otherwise it starts the operation and fills `request`.
int dmpi_allreduce(const void *send, void *recv, int64_t count, int type, int op, dmpi_request *request);
int dmpi_bcast(void *buffer, int64_t count, int type, int root, dmpi_request *request);
int dmpi_allgather(const void *send, void *recv, int64_t count, int type, dmpi_request *request);
int dmpi_reduce_scatter_block(const void *send, void *recv, int64_t count, int type, int op, dmpi_request *request);
int dmpi_gather(const void *send, void *recv, int64_t count, int type, int root, dmpi_request *request);
int dmpi_scatter(const void *send, void *recv, int64_t count, int type, int root, dmpi_request *request);
int dmpi_barrier(dmpi_request *request);
int dmpi_send(const void *buffer, int64_t count, int type, int dst, int tag, dmpi_request *request);
int dmpi_recv(void *buffer, int64_t count, int type, int src, int tag, dmpi_request *request);
/// Waits for `request`; `source` (may be NULL) receives the sender's rank for a receive.
int dmpi_wait(dmpi_request *request, int *source);

#ifdef __cplusplus
}
#endif
#endif
