//go:build cuda

package main

import (
	"github.com/trainrollup/trainrollup/executor"
	"github.com/trainrollup/trainrollup/executor/gpu"
)

const (
	gpuBuildNote     = "this build has the GPU executor"
	defaultExecutors = "cpu,gpu"
)

// openGPU opens GPU ordinal's backend and returns it with its closer.
func openGPU(ordinal int) (executor.Backend, func() error, error) {
	d, err := gpu.Open(ordinal)
	if err != nil {
		return nil, nil, err
	}
	b := gpu.NewBackend(d)
	return b, b.Close, nil
}
