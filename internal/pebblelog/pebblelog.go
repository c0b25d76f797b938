// Package pebblelog sends pebble's log messages to slog, and holds the
// options the project's pebble databases share.
package pebblelog

import (
	"fmt"
	"log/slog"
	"os"

	"github.com/cockroachdb/pebble/v2"
	"github.com/cockroachdb/pebble/v2/sstable"
)

// Incompressible sets opts to store tables without block compression: for
// databases of hashes, signatures and field elements (raft entries of
// signed transactions, the chain), where snappy costs CPU and saves
// nothing.
func Incompressible(opts *pebble.Options) *pebble.Options {
	opts.Levels[0].Compression = func() *sstable.CompressionProfile { return sstable.NoCompression }
	return opts
}

// New returns a pebble logger writing to log (nil: discard): information
// at debug level (WAL replay and the like), errors as errors.
func New(log *slog.Logger) pebble.Logger {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return logger{log}
}

type logger struct{ log *slog.Logger }

func (l logger) Infof(format string, args ...any) {
	l.log.Debug("pebble: " + fmt.Sprintf(format, args...))
}

func (l logger) Errorf(format string, args ...any) {
	l.log.Error("pebble: " + fmt.Sprintf(format, args...))
}

func (l logger) Fatalf(format string, args ...any) {
	l.log.Error("pebble: fatal: " + fmt.Sprintf(format, args...))
	os.Exit(1)
}
