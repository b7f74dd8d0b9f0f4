// The baseline DistributedBench compares against: MPI_Allreduce called directly on a float buffer,
// in place, on MPI_COMM_WORLD (already initialized by Distributed in the same process).
#ifndef BARE_MPI_H
#define BARE_MPI_H
int bare_allreduce_sum_float(float *buffer, int count);
int bare_barrier(void);
#endif
