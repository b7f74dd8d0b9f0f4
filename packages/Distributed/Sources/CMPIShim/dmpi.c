#include "dmpi.h"
#include <mpi.h>
#include <limits.h>
#include <string.h>

static MPI_Datatype type_of(int code) {
    switch (code) {
    case DMPI_UINT8:
        return MPI_UINT8_T;
    case DMPI_INT8:
        return MPI_INT8_T;
    case DMPI_INT16:
        return MPI_INT16_T;
    case DMPI_UINT16:
        return MPI_UINT16_T;
    case DMPI_INT32:
        return MPI_INT32_T;
    case DMPI_INT64:
        return MPI_INT64_T;
    case DMPI_FLOAT:
        return MPI_FLOAT;
    default:
        return MPI_DOUBLE;
    }
}

static MPI_Op op_of(int code) {
    switch (code) {
    case DMPI_SUM:
        return MPI_SUM;
    case DMPI_PROD:
        return MPI_PROD;
    case DMPI_MIN:
        return MPI_MIN;
    default:
        return MPI_MAX;
    }
}

// MPI counts are int; the Swift side splits nothing, so larger buffers are refused here.
// A group of one (no launcher) never initializes MPI: the collectives are then local copies.
static int active = 0;

static size_t size_of(int code) {
    switch (code) {
    case DMPI_UINT8:
    case DMPI_INT8:
        return 1;
    case DMPI_INT16:
    case DMPI_UINT16:
        return 2;
    case DMPI_INT32:
    case DMPI_FLOAT:
        return 4;
    default:
        return 8;
    }
}

static int local_copy(const void *send, void *recv, int64_t count, int type) {
    if (send != recv && count > 0) memmove(recv, send, (size_t)count * size_of(type));
    return MPI_SUCCESS;
}

#define CHECK_COUNT(c)                                                                                                 \
    do {                                                                                                               \
        if ((c) > INT_MAX) return MPI_ERR_COUNT;                                                                       \
    } while (0)
#define IN_PLACE(send, recv) ((send) == (recv) ? MPI_IN_PLACE : (send))

int dmpi_init(int *rank, int *size, int *multithreaded) {
    int provided = 0;
    // MULTIPLE: collectives run on the group's communication thread while the caller may wait on a
    // point-to-point request (or run a synchronous collective when that thread is idle).
    int rc = MPI_Init_thread(NULL, NULL, MPI_THREAD_MULTIPLE, &provided);
    if (rc != MPI_SUCCESS) return rc;
    *multithreaded = provided >= MPI_THREAD_MULTIPLE;
    active = 1;
    // Errors come back as codes (turned into messages in Swift) instead of MPI's default abort.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, rank);
    return MPI_Comm_size(MPI_COMM_WORLD, size);
}

int dmpi_finalize(void) {
    active = 0;
    return MPI_Finalize();
}

int dmpi_is_finalized(void) {
    int flag = 0;
    MPI_Finalized(&flag);
    return flag;
}

void dmpi_abort(int code) { MPI_Abort(MPI_COMM_WORLD, code); }

double dmpi_wtime(void) { return MPI_Wtime(); }

void dmpi_error_string(int code, char *buffer, int capacity) {
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    if (MPI_Error_string(code, text, &length) != MPI_SUCCESS) length = 0;
    int n = length < capacity - 1 ? length : capacity - 1;
    for (int i = 0; i < n; i++) buffer[i] = text[i];
    buffer[n] = 0;
}

int dmpi_allreduce(const void *send, void *recv, int64_t count, int type, int op, dmpi_request *request) {
    CHECK_COUNT(count);
    if (!active) return local_copy(send, recv, count, type);
    const void *source = IN_PLACE(send, recv);
    if (!request) return MPI_Allreduce(source, recv, (int)count, type_of(type), op_of(op), MPI_COMM_WORLD);
    return MPI_Iallreduce(source, recv, (int)count, type_of(type), op_of(op), MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_bcast(void *buffer, int64_t count, int type, int root, dmpi_request *request) {
    CHECK_COUNT(count);
    if (!active) return MPI_SUCCESS;
    if (!request) return MPI_Bcast(buffer, (int)count, type_of(type), root, MPI_COMM_WORLD);
    return MPI_Ibcast(buffer, (int)count, type_of(type), root, MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_allgather(const void *send, void *recv, int64_t count, int type, dmpi_request *request) {
    CHECK_COUNT(count);
    if (!active) return local_copy(send, recv, count, type);
    MPI_Datatype t = type_of(type);
    if (!request) return MPI_Allgather(send, (int)count, t, recv, (int)count, t, MPI_COMM_WORLD);
    return MPI_Iallgather(send, (int)count, t, recv, (int)count, t, MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_reduce_scatter_block(const void *send, void *recv, int64_t count, int type, int op, dmpi_request *request) {
    CHECK_COUNT(count);
    if (!active) return local_copy(send, recv, count, type);
    if (!request) return MPI_Reduce_scatter_block(send, recv, (int)count, type_of(type), op_of(op), MPI_COMM_WORLD);
    return MPI_Ireduce_scatter_block(send, recv, (int)count, type_of(type), op_of(op), MPI_COMM_WORLD,
                                     (MPI_Request *)request);
}

int dmpi_gather(const void *send, void *recv, int64_t count, int type, int root, dmpi_request *request) {
    CHECK_COUNT(count);
    if (!active) return local_copy(send, recv, count, type);
    MPI_Datatype t = type_of(type);
    if (!request) return MPI_Gather(send, (int)count, t, recv, (int)count, t, root, MPI_COMM_WORLD);
    return MPI_Igather(send, (int)count, t, recv, (int)count, t, root, MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_scatter(const void *send, void *recv, int64_t count, int type, int root, dmpi_request *request) {
    CHECK_COUNT(count);
    if (!active) return local_copy(send, recv, count, type);
    MPI_Datatype t = type_of(type);
    if (!request) return MPI_Scatter(send, (int)count, t, recv, (int)count, t, root, MPI_COMM_WORLD);
    return MPI_Iscatter(send, (int)count, t, recv, (int)count, t, root, MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_barrier(dmpi_request *request) {
    if (!active) return MPI_SUCCESS;
    if (!request) return MPI_Barrier(MPI_COMM_WORLD);
    return MPI_Ibarrier(MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_send(const void *buffer, int64_t count, int type, int dst, int tag, dmpi_request *request) {
    CHECK_COUNT(count);
    if (!request) return MPI_Send(buffer, (int)count, type_of(type), dst, tag, MPI_COMM_WORLD);
    return MPI_Isend(buffer, (int)count, type_of(type), dst, tag, MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_recv(void *buffer, int64_t count, int type, int src, int tag, dmpi_request *request) {
    CHECK_COUNT(count);
    int source = src < 0 ? MPI_ANY_SOURCE : src;
    if (!request) return MPI_Recv(buffer, (int)count, type_of(type), source, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return MPI_Irecv(buffer, (int)count, type_of(type), source, tag, MPI_COMM_WORLD, (MPI_Request *)request);
}

int dmpi_wait(dmpi_request *request, int *source) {
    MPI_Status status;
    int rc = MPI_Wait((MPI_Request *)request, &status);
    if (source) *source = status.MPI_SOURCE;
    return rc;
}
