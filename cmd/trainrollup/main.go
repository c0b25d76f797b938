// Command trainrollup is the one binary of the project: it runs a sequencer
// node, the operator (batcher and prover), the DA server and a devnet of
// them all; it submits and follows jobs, verifies the chain from L1 and DA,
// sets up proving keys, trains locally and benchmarks. Each command turns
// its flags into the Config of the package that does the work.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v3"

	"github.com/trainrollup/trainrollup/lifecycle"
)

func main() {
	ctx, force, release := lifecycle.Interrupts(context.Background(), func() {
		if serving.Load() {
			fmt.Fprintln(os.Stderr, "trainrollup: stopping; interrupt again to force the stop")
		} else {
			fmt.Fprintln(os.Stderr, "trainrollup: stopping; interrupt again to abort at once")
		}
	}, func() {
		// Work that cannot be interrupted (gnark's key generation) keeps
		// going: a command that runs no service ends here.
		if !serving.Load() {
			fmt.Fprintln(os.Stderr, "trainrollup: aborted")
			os.Exit(130)
		}
		fmt.Fprintln(os.Stderr, "trainrollup: forcing the stop; interrupt again to abort at once")
	})
	forceStop = force
	code := run(ctx, os.Args, os.Stdout, os.Stderr)
	release()
	os.Exit(code)
}

// forceStop closes at the second interrupt; serving is set while a
// command runs a service (serve).
var (
	forceStop <-chan struct{}
	serving   atomic.Bool
)

// serve runs s until the first interrupt (ctx ends) or until s ends by
// itself, then stops it: gracefully for up to grace, at once at the second
// interrupt. started runs once s has started (printing its endpoints).
func serve(ctx context.Context, s lifecycle.Service, grace time.Duration, started func()) error {
	serving.Store(true)
	defer serving.Store(false)
	return lifecycle.Run(ctx, s, lifecycle.RunConfig{Grace: grace, Force: forceStop, Started: started})
}

// run runs the command line args and returns the process exit code: 0 on
// success, 1 on any error (printed to stderr).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if err := checkEnv(os.LookupEnv); err != nil {
		fmt.Fprintln(stderr, "trainrollup:", err)
		return 1
	}
	if err := newApp(stdout, stderr).Run(ctx, args); err != nil {
		if errors.Is(err, context.Canceled) && ctx.Err() != nil {
			fmt.Fprintln(stderr, "trainrollup: interrupted")
			return 130
		}
		fmt.Fprintln(stderr, "trainrollup:", err)
		return 1
	}
	return 0
}

// newApp is the root command: every command and its flags.
func newApp(stdout, stderr io.Writer) *cli.Command {
	return &cli.Command{
		Name:      "trainrollup",
		Usage:     "verifiable ML training on a rollup",
		Writer:    stdout,
		ErrWriter: stderr,
		Commands:  []*cli.Command{trainCommand(), proveStepCommand(), setupCommand(), benchCommand(), nodeCommand(), jobCommand(), datasetCommand(), keyCommand(), daCommand(), verifyCommand(), devnetCommand(), operatorCommand(), adminCommand()},
		// Errors are printed once, by run, with the program's name.
		ExitErrHandler: func(context.Context, *cli.Command, error) {},
	}
}
