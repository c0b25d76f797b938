//go:build !cuda

package main

import (
	"errors"

	"github.com/trainrollup/trainrollup/executor"
)

const (
	gpuBuildNote     = "gpu needs the cuda build, make gpu-build"
	defaultExecutors = "cpu"
)

// openGPU fails: the GPU executor links the CUDA driver, which the default
// build never does (gorgonia.org/cu exits the process on a machine without
// a GPU), and does not link package executor/gpu at all.
func openGPU(int) (executor.Backend, func() error, error) {
	return nil, nil, errors.New("this trainrollup was built without CUDA; build bin/gpu/trainrollup-gpu with make gpu-build and run that on the GPU host")
}
