// fakecuda: a stand-in for the CUDA driver library (libcuda.so.1) that runs
// the executor's kernels on the CPU emulator (executor/gpu/kernels/emu/sim.c).
// For CI, which has no GPU: make cuda-check runs the cuda build's GPU tests
// and bin/gpu/check against it. What that exercises: the Go side of the
// cuda build (gorgonia.org/cu's calls, the Device, kernel parameters as cu
// passes them, launch geometry, copies) and the check script. What it does
// not: the PTX (a launch runs gcc's build of kernels.cu, not nvcc's; the
// PTX itself is executed by emu.Interp in executor/gpu's tests), the
// driver's JIT, current-context and thread semantics (it keeps none),
// asynchronous and sticky errors (launches are synchronous), and the GPU.
// It implements only the driver calls the executor makes, and relies on
// lazy binding for the rest of cu's symbols (LD_BIND_NOW fails at load);
// it says what it is in its device name and is never shipped in bin/gpu.
//
// Built by make fakecuda into bin/fakecuda/libcuda.so.1, exporting only
// the cu* functions (fakecuda.map).

#include <cuda.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim.h"

#define NKERNELS SIM_KERNELS
#define kernel_names sim_kernel_names
#define kernel_params sim_kernel_params

// Handles: one device, one context, one module; functions are kernel
// index + 1.
#define CTX ((CUcontext)(uintptr_t)0xc0)
#define MOD ((CUmodule)(uintptr_t)0x30)

CUresult cuInit(unsigned int flags) { return flags == 0 ? CUDA_SUCCESS : CUDA_ERROR_INVALID_VALUE; }

CUresult cuDriverGetVersion(int *v) {
	*v = 11080;
	return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int *n) {
	*n = 1;
	return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice *d, int ordinal) {
	if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
	*d = 0;
	return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char *name, int len, CUdevice d) {
	if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
	snprintf(name, (size_t)len, "fake CUDA driver (kernels.cu on the CPU, not a GPU)");
	return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int *v, CUdevice_attribute a, CUdevice d) {
	if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
	switch (a) {
	case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR: *v = 9; break;
	case CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR: *v = 0; break;
	default: return CUDA_ERROR_NOT_SUPPORTED;
	}
	return CUDA_SUCCESS;
}

CUresult cuCtxCreate(CUcontext *c, unsigned int flags, CUdevice d) {
	(void)flags;
	if (d != 0) return CUDA_ERROR_INVALID_DEVICE;
	*c = CTX;
	return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext c) { return c == CTX ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT; }
CUresult cuCtxDestroy(CUcontext c) { return c == CTX ? CUDA_SUCCESS : CUDA_ERROR_INVALID_CONTEXT; }
CUresult cuCtxSynchronize(void) { return CUDA_SUCCESS; }

// cuModuleLoadData accepts PTX that defines every kernel the emulator has.
CUresult cuModuleLoadData(CUmodule *m, const void *image) {
	char entry[64];
	for (int k = 0; k < NKERNELS; k++) {
		snprintf(entry, sizeof entry, ".visible .entry %s(", kernel_names[k]);
		if (strstr((const char *)image, entry) == NULL) return CUDA_ERROR_INVALID_PTX;
	}
	*m = MOD;
	return CUDA_SUCCESS;
}

CUresult cuModuleUnload(CUmodule m) { return m == MOD ? CUDA_SUCCESS : CUDA_ERROR_INVALID_HANDLE; }

CUresult cuModuleGetFunction(CUfunction *f, CUmodule m, const char *name) {
	if (m != MOD) return CUDA_ERROR_INVALID_HANDLE;
	for (int k = 0; k < NKERNELS; k++) {
		if (strcmp(name, kernel_names[k]) == 0) {
			*f = (CUfunction)(uintptr_t)(k + 1);
			return CUDA_SUCCESS;
		}
	}
	return CUDA_ERROR_NOT_FOUND;
}

CUresult cuMemAlloc(CUdeviceptr *p, size_t n) {
	void *m = malloc(n);
	if (m == NULL) return CUDA_ERROR_OUT_OF_MEMORY;
	memset(m, 0xa5, n); // device memory is not zeroed
	*p = (CUdeviceptr)(uintptr_t)m;
	return CUDA_SUCCESS;
}

CUresult cuMemFree(CUdeviceptr p) {
	free((void *)(uintptr_t)p);
	return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD(CUdeviceptr dst, const void *src, size_t n) {
	memcpy((void *)(uintptr_t)dst, src, n);
	return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoH(void *dst, CUdeviceptr src, size_t n) {
	memcpy(dst, (const void *)(uintptr_t)src, n);
	return CUDA_SUCCESS;
}

// cuLaunchKernel reads each parameter as the kernel's signature says (all
// 8 bytes wide) and runs every thread of the 1-D grid on the emulator.
CUresult cuLaunchKernel(CUfunction f, unsigned int gx, unsigned int gy, unsigned int gz, unsigned int bx, unsigned int by,
                        unsigned int bz, unsigned int shmem, CUstream s, void **params, void **extra) {
	int k = (int)(uintptr_t)f - 1;
	if (k < 0 || k >= NKERNELS || gy != 1 || gz != 1 || by != 1 || bz != 1 || shmem != 0 || s != NULL || extra != NULL ||
	    params == NULL)
		return CUDA_ERROR_INVALID_VALUE;
	uint64_t args[32];
	for (int i = 0; i < kernel_params[k]; i++) memcpy(&args[i], params[i], 8);
	if (sim_launch(k, (long long)gx * bx, args, kernel_params[k]) != 0) return CUDA_ERROR_INVALID_VALUE;
	return CUDA_SUCCESS;
}
