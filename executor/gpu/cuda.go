//go:build cuda

package gpu

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"unsafe"

	"gorgonia.org/cu"

	"github.com/trainrollup/trainrollup/executor/gpu/kernels"
)

// Device is a kernels.Device on one NVIDIA GPU, through the CUDA driver
// API (gorgonia.org/cu): its own context, kernels.PTX loaded once (the
// driver compiles it for the GPU at hand), every launch on the context's
// default stream, so launches and copies run in call order. Each call
// binds the context to its OS thread for the call's duration; Device is
// safe for concurrent use, calls are serialised.
type Device struct {
	mu     sync.Mutex
	ctx    cu.CUContext
	mod    cu.Module
	fns    []cu.Function // by kernels.Kernel
	name   string
	closed bool
}

// Open creates a context on GPU ordinal (0 is the first) and loads the
// kernels.
func Open(ordinal int) (*Device, error) {
	n, err := cu.NumDevices()
	if err != nil {
		return nil, fmt.Errorf("gpu: count devices: %w", err)
	}
	if ordinal < 0 || ordinal >= n {
		return nil, fmt.Errorf("gpu: device %d requested, %d present", ordinal, n)
	}
	dev, err := cu.GetDevice(ordinal)
	if err != nil {
		return nil, fmt.Errorf("gpu: device %d: %w", ordinal, err)
	}
	name, err := dev.Name()
	if err != nil {
		return nil, fmt.Errorf("gpu: device %d: %w", ordinal, err)
	}
	major, minor, err := dev.ComputeCapability()
	if err != nil {
		return nil, fmt.Errorf("gpu: device %d: %w", ordinal, err)
	}
	if major < 6 {
		return nil, fmt.Errorf("gpu: %s has compute capability %d.%d, the kernels need 6.0 or later", name, major, minor)
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	ctx, err := dev.MakeContext(cu.SchedAuto)
	if err != nil {
		return nil, fmt.Errorf("gpu: create a context on %s: %w", name, err)
	}
	v := cu.Version() // 1000 * major + 10 * minor
	d := &Device{ctx: ctx, name: fmt.Sprintf("gpu %d: %s (sm_%d%d, driver API %d.%d)", ordinal, name, major, minor, v/1000, v%1000/10)}
	fail := func(err error) (*Device, error) {
		d.ctx.Destroy()
		return nil, err
	}
	if d.mod, err = cu.LoadData(kernels.PTX); err != nil {
		return fail(fmt.Errorf("gpu: load the kernels' PTX (ISA 7.8: needs a driver of CUDA 11.8 or later) on %s: %w", name, err))
	}
	for _, k := range kernels.Kernels() {
		fn, err := d.mod.Function(k.Name())
		if err != nil {
			return fail(fmt.Errorf("gpu: kernel %s: %w", k.Name(), err))
		}
		d.fns = append(d.fns, fn)
	}
	return d, nil
}

// Name implements kernels.Device.
func (d *Device) Name() string { return d.name }

var errDeviceClosed = errors.New("gpu: device closed")

// do runs f with the context current on a locked OS thread.
func (d *Device) do(f func() error) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return errDeviceClosed
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := cu.SetCurrentContext(d.ctx); err != nil {
		return err
	}
	return f()
}

// Alloc implements kernels.Device.
func (d *Device) Alloc(bytes int) (uint64, error) {
	var p cu.DevicePtr
	err := d.do(func() (err error) {
		p, err = cu.MemAlloc(int64(bytes))
		return err
	})
	return uint64(p), err
}

// Free implements kernels.Device.
func (d *Device) Free(addr uint64) error {
	return d.do(func() error { return cu.MemFree(cu.DevicePtr(addr)) })
}

// CopyIn implements kernels.Device: synchronous, after every launch before
// it.
func (d *Device) CopyIn(dst uint64, src unsafe.Pointer, bytes int) error {
	return d.do(func() error { return cu.MemcpyHtoD(cu.DevicePtr(dst), src, int64(bytes)) })
}

// CopyOut implements kernels.Device: it waits for every launch before it,
// so a kernel's failure surfaces here at the latest.
func (d *Device) CopyOut(dst unsafe.Pointer, src uint64, bytes int) error {
	return d.do(func() error { return cu.MemcpyDtoH(dst, cu.DevicePtr(src), int64(bytes)) })
}

// Launch implements kernels.Device. It returns once the launch is queued.
func (d *Device) Launch(k kernels.Kernel, threads int, args ...uint64) error {
	if err := kernels.CheckLaunch(k, threads, args); err != nil {
		return err
	}
	if threads == 0 {
		return nil
	}
	params := make([]unsafe.Pointer, len(args))
	for i := range args {
		params[i] = unsafe.Pointer(&args[i])
	}
	return d.do(func() error {
		return d.fns[k].Launch(kernels.Blocks(threads), 1, 1, kernels.BlockSize, 1, 1, 0, cu.Stream{}, params)
	})
}

// Close implements kernels.Device: it waits for outstanding work, then
// unloads the kernels and destroys the context (and all memory in it).
func (d *Device) Close() error {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil
	}
	d.closed = true
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var errs []error
	if err := cu.SetCurrentContext(d.ctx); err != nil {
		errs = append(errs, err)
	} else {
		errs = append(errs, cu.Synchronize(), d.mod.Unload())
	}
	return errors.Join(append(errs, d.ctx.Destroy())...)
}
