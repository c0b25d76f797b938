package main

import (
	"fmt"
	"io"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/executor"
)

// newBackend opens the backend --executor names; close releases it (a
// GPU's context). workers is the CPU backend's goroutines per step.
func newBackend(c *cli.Command, workers int) (b executor.Backend, close func() error, err error) {
	return openBackend(c.String("executor"), c.Int("gpu"), workers)
}

func openBackend(name string, ordinal, workers int) (executor.Backend, func() error, error) {
	switch name {
	case "cpu":
		return executor.CPU{Workers: workers}, func() error { return nil }, nil
	case "gpu":
		b, close, err := openGPU(ordinal)
		if err != nil {
			return nil, nil, fmt.Errorf("--executor gpu: %w", err)
		}
		return b, close, nil
	}
	return nil, nil, fmt.Errorf("--executor %q: want cpu or gpu", name)
}

// closeBackend closes a backend at the end of a command, reporting a
// failure on w without hiding the command's own error.
func closeBackend(w io.Writer, close func() error) {
	if err := close(); err != nil {
		fmt.Fprintln(w, "trainrollup: closing the executor:", err)
	}
}
