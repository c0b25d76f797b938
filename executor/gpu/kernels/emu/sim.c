// The CPU emulator of kernels.cu: the kernels are compiled as C functions
// and run once per thread id, in order. Kernels neither share memory nor
// synchronise, so the order of threads cannot change a result, and what
// runs here is bit for bit what a GPU computes from the same source.

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

__thread long long sim_tid;

#include "../kernels.cu"

#define P(T, i) ((T)(uintptr_t)args[i])
#define V(i) ((i64)args[i])

int sim_launch(int k, long long threads, const uint64_t *args, int nargs) {
	if (k < 0 || k >= SIM_KERNELS || nargs != sim_kernel_params[k]) return -1;
	for (sim_tid = 0; sim_tid < threads; sim_tid++) {
		switch (k) {
		case SIM_DENSE:
			dense(P(int *, 0), P(i64 *, 1), P(int *, 2), P(const int *, 3), P(const int *, 4), P(const int *, 5),
			      V(6), V(7), V(8), V(9));
			break;
		case SIM_LOSS_GRAD:
			loss_grad(P(int *, 0), P(const int *, 1), P(const unsigned *, 2), V(3), V(4), V(5),
			          P(int *, 6), P(i64 *, 7), P(i64 *, 8), P(i64 *, 9), P(i64 *, 10), P(i64 *, 11), P(i64 *, 12),
			          P(i64 *, 13), P(i64 *, 14), P(i64 *, 15), P(int *, 16), P(i64 *, 17));
			break;
		case SIM_BACK_ERROR:
			back_error(P(int *, 0), P(i64 *, 1), P(int *, 2), P(const int *, 3), P(const int *, 4), P(const int *, 5),
			           V(6), V(7), V(8));
			break;
		case SIM_WEIGHT_UPDATE:
			weight_update(P(int *, 0), P(int *, 1), P(i64 *, 2), P(i64 *, 3), P(i64 *, 4), P(const int *, 5), P(const int *, 6),
			              V(7), V(8), V(9), V(10), V(11));
			break;
		}
	}
	return 0;
}

void sim_free(uint64_t addr) { free((void *)(uintptr_t)addr); }

void sim_copy_in(uint64_t dst, const void *src, size_t n) { memcpy((void *)(uintptr_t)dst, src, n); }

void sim_copy_out(void *dst, uint64_t src, size_t n) { memcpy(dst, (const void *)(uintptr_t)src, n); }

int sim_guard_ok(uint64_t addr, size_t n, int b) {
	const unsigned char *p = (const unsigned char *)(uintptr_t)addr;
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)b) return 0;
	return 1;
}
