package main

import (
	"context"
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	t.Run("env wins", func(t *testing.T) {
		t.Setenv("GOGC", "150")
		debug.SetGCPercent(150)
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		tuneGC(ctx, nil)
		if got := debug.SetGCPercent(150); got != 150 {
			t.Errorf("GC percent %d with GOGC set, want 150", got)
		}
	})
	t.Run("tuned", func(t *testing.T) {
		t.Setenv("GOGC", "")
		t.Setenv("GOMEMLIMIT", "")
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		tuneGC(ctx, []string{"../../spec/signintokens.yaml", "no-such-file"})
		if got := debug.SetGCPercent(100); got != -1 {
			t.Errorf("GC percent %d, want -1 (only the memory limit)", got)
		}
		if limit := debug.SetMemoryLimit(-1); limit < 128<<20 {
			t.Errorf("memory limit %d, want at least 128 MiB", limit)
		}
	})
}
