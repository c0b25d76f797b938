// Package kernels holds the GPU kernels of the executor's op set: their
// CUDA C source (kernels.cu), the PTX nvcc makes of it (kernels.ptx, loaded
// by the cuda build) and the Device interface a backend drives them
// through. Package emu (kernels/emu) holds two Devices that run the kernels
// on the CPU, for tests on any machine.
//
// kernels.ptx records the SHA-256 of the source it was made from, and
// TestPTXCurrent fails when the two drift (make ptx regenerates it).
package kernels

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strings"
	"unsafe"
)

// Source is kernels.cu.
//
//go:embed kernels.cu
var Source string

// PTX is kernels.ptx: nvcc's PTX of Source for compute capability 6.0 and
// later, which the CUDA driver compiles for the GPU at hand when loaded.
//
//go:embed kernels.ptx
var PTX string

// BlockSize is the number of threads per block of every launch.
const BlockSize = 256

// Kernel names a kernel of kernels.cu.
type Kernel int

// The kernels, in the order of kernels.cu (and of emu/sim.h's enum).
const (
	Dense Kernel = iota
	LossGrad
	BackError
	WeightUpdate
	numKernels
)

var kernelInfo = [numKernels]struct {
	name   string
	params int
}{
	Dense:        {"dense", 10},
	LossGrad:     {"loss_grad", 18},
	BackError:    {"back_error", 9},
	WeightUpdate: {"weight_update", 12},
}

// Kernels lists every kernel.
func Kernels() []Kernel { return []Kernel{Dense, LossGrad, BackError, WeightUpdate} }

// Name is the kernel's symbol in kernels.cu and the PTX.
func (k Kernel) Name() string {
	if k < 0 || k >= numKernels {
		return fmt.Sprintf("kernel(%d)", int(k))
	}
	return kernelInfo[k].name
}

// Params is the kernel's number of parameters.
func (k Kernel) Params() int {
	if k < 0 || k >= numKernels {
		return -1
	}
	return kernelInfo[k].params
}

// CheckLaunch reports whether a launch of k with args is well formed.
func CheckLaunch(k Kernel, threads int, args []uint64) error {
	if k < 0 || k >= numKernels {
		return fmt.Errorf("unknown kernel %d", int(k))
	}
	if len(args) != k.Params() {
		return fmt.Errorf("kernel %s takes %d parameters, got %d", k.Name(), k.Params(), len(args))
	}
	if threads < 0 {
		return fmt.Errorf("kernel %s: %d threads", k.Name(), threads)
	}
	return nil
}

// Blocks is the number of blocks of BlockSize threads a launch of threads
// threads takes.
func Blocks(threads int) int { return (threads + BlockSize - 1) / BlockSize }

// Device is where the kernels run: device memory, copies and launches.
// Addresses are device addresses as kernel parameters take them. Calls
// are ordered: a copy out sees every launch before it.
type Device interface {
	// Name describes the device.
	Name() string
	// Alloc returns bytes bytes of device memory (contents undefined).
	Alloc(bytes int) (uint64, error)
	// Free releases memory Alloc returned.
	Free(addr uint64) error
	// CopyIn copies bytes bytes of host memory at src to dst.
	CopyIn(dst uint64, src unsafe.Pointer, bytes int) error
	// CopyOut copies bytes bytes at src to host memory at dst.
	CopyOut(dst unsafe.Pointer, src uint64, bytes int) error
	// Launch runs k with one thread per id in [0, threads), in
	// Blocks(threads) blocks of BlockSize; args are its parameters, each an
	// address or an integer. It may return before the kernel finished.
	Launch(k Kernel, threads int, args ...uint64) error
	// Close releases the device.
	Close() error
}

// SourceHash is the hex SHA-256 of Source.
func SourceHash() string {
	h := sha256.Sum256([]byte(Source))
	return hex.EncodeToString(h[:])
}

// PTXSourceHash is the source hash kernels.ptx records (its line
// "// source sha256 HEX"), or "" if none.
func PTXSourceHash() string {
	for line := range strings.Lines(PTX) {
		if h, ok := strings.CutPrefix(strings.TrimSpace(line), "// source sha256 "); ok {
			return h
		}
	}
	return ""
}
