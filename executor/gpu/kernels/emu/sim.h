// The CPU emulator of kernels.cu (sim.c); see sim.go.
#include <stddef.h>
#include <stdint.h>

enum sim_kernel {
	SIM_DENSE,
	SIM_LOSS_GRAD,
	SIM_BACK_ERROR,
	SIM_WEIGHT_UPDATE,
	SIM_KERNELS,
};

// The kernels' names and parameter counts, by enum sim_kernel (../kernels.go
// has the same table; TestPTXEntries checks it against the PTX).
static const char *const sim_kernel_names[SIM_KERNELS] = {"dense", "loss_grad", "back_error", "weight_update"};
static const int sim_kernel_params[SIM_KERNELS] = {10, 18, 9, 12};

// sim_launch runs kernel k once for every thread id in [0, threads) with
// the nargs 8-byte parameters args, and returns 0, or -1 when nargs is not
// the kernel's parameter count or k is unknown.
int sim_launch(int k, long long threads, const uint64_t *args, int nargs);

// Memory helpers: addresses are host addresses as 64-bit integers, the way
// kernel parameters carry device addresses.
void sim_free(uint64_t addr);
void sim_copy_in(uint64_t dst, const void *src, size_t n);
void sim_copy_out(void *dst, uint64_t src, size_t n);
// sim_guard_ok returns 1 if the n bytes at addr all equal b.
int sim_guard_ok(uint64_t addr, size_t n, int b);
