package emu

// #include <stdlib.h>
// #include <string.h>
// #include "sim.h"
import "C"

import (
	"errors"
	"fmt"
	"sync"
	"unsafe"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// guard is the number of bytes after each Sim allocation that must keep
// their fill pattern: a kernel or copy that writes past its buffer is
// reported by the next launch instead of corrupting memory unseen.
const guard = 4096

// fill is the byte fresh Sim memory holds: device memory is not zeroed, and
// a stepper that reads what it never wrote must not pass by chance.
const fill = 0xa5

// Sim is a kernels.Device that runs kernels.cu on the CPU: memory is host
// memory, and a launch calls the kernel (compiled as C) once per thread id,
// one thread after another. It computes what a GPU computes from the same
// source, far more slowly. Sim is safe for concurrent use; launches are
// serialised.
type Sim struct {
	mu     sync.Mutex
	allocs map[uint64]int // address: size
	closed bool
}

// NewSim returns an emulated device.
func NewSim() *Sim { return &Sim{allocs: map[uint64]int{}} }

// Name implements kernels.Device.
func (s *Sim) Name() string { return "gpu emulator (kernels.cu on the CPU)" }

// Alloc implements kernels.Device.
func (s *Sim) Alloc(bytes int) (uint64, error) {
	if bytes <= 0 {
		return 0, fmt.Errorf("sim: allocate %d bytes", bytes)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return 0, errClosed
	}
	p := C.malloc(C.size_t(bytes + guard))
	if p == nil {
		return 0, fmt.Errorf("sim: out of memory allocating %d bytes", bytes)
	}
	C.memset(p, fill, C.size_t(bytes+guard))
	addr := uint64(uintptr(p))
	s.allocs[addr] = bytes
	return addr, nil
}

// Free implements kernels.Device.
func (s *Sim) Free(addr uint64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.allocs[addr]; !ok {
		return fmt.Errorf("sim: free of 0x%x, not an allocation", addr)
	}
	err := s.checkGuard(addr)
	delete(s.allocs, addr)
	C.sim_free(C.uint64_t(addr))
	return err
}

// CopyIn implements kernels.Device.
func (s *Sim) CopyIn(dst uint64, src unsafe.Pointer, bytes int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.inside(dst, bytes); err != nil {
		return err
	}
	C.sim_copy_in(C.uint64_t(dst), src, C.size_t(bytes))
	return nil
}

// CopyOut implements kernels.Device.
func (s *Sim) CopyOut(dst unsafe.Pointer, src uint64, bytes int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.inside(src, bytes); err != nil {
		return err
	}
	C.sim_copy_out(dst, C.uint64_t(src), C.size_t(bytes))
	return nil
}

// Launch implements kernels.Device. It returns once every thread ran.
func (s *Sim) Launch(k kernels.Kernel, threads int, args ...uint64) error {
	if err := kernels.CheckLaunch(k, threads, args); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return errClosed
	}
	total := kernels.Blocks(threads) * kernels.BlockSize
	var argp *C.uint64_t
	cargs := make([]C.uint64_t, len(args))
	for i, a := range args {
		cargs[i] = C.uint64_t(a)
	}
	if len(cargs) > 0 {
		argp = &cargs[0]
	}
	if C.sim_launch(C.int(k), C.longlong(total), argp, C.int(len(args))) != 0 {
		return fmt.Errorf("sim: kernel %s rejected %d parameters", k.Name(), len(args))
	}
	for addr := range s.allocs {
		if err := s.checkGuard(addr); err != nil {
			return fmt.Errorf("after kernel %s: %w", k.Name(), err)
		}
	}
	return nil
}

// Close implements kernels.Device: it frees what is still allocated.
func (s *Sim) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for addr := range s.allocs {
		C.sim_free(C.uint64_t(addr))
	}
	clear(s.allocs)
	s.closed = true
	return nil
}

// Allocated returns the number of live allocations (for leak checks).
func (s *Sim) Allocated() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.allocs)
}

var errClosed = errors.New("sim: device closed")

// inside reports whether [addr, addr+bytes) lies in one allocation.
func (s *Sim) inside(addr uint64, bytes int) error {
	if s.closed {
		return errClosed
	}
	if bytes < 0 {
		return fmt.Errorf("sim: copy of %d bytes", bytes)
	}
	for base, size := range s.allocs {
		if addr >= base && addr+uint64(bytes) <= base+uint64(size) {
			return nil
		}
	}
	return fmt.Errorf("sim: %d bytes at 0x%x are not inside one allocation", bytes, addr)
}

func (s *Sim) checkGuard(addr uint64) error {
	if C.sim_guard_ok(C.uint64_t(addr+uint64(s.allocs[addr])), guard, fill) == 0 {
		return fmt.Errorf("sim: a write past the end of the %d-byte buffer at 0x%x", s.allocs[addr], addr)
	}
	return nil
}
