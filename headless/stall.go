package main

import (
	"io"
	"sync"
	"time"

	"stackarena/engine"
	"stackarena/scheduler"
)

// watchStalls watches the World's scripts with the scheduler's stall watchdog: a Go bot that holds its turn
// longer than limit of wall-clock time (a loop that never yields, a wait on a plain Go channel) cannot be taken
// back, so the command prints one line naming the bot and the file:line it is stuck in, and ends the process
// with exit (exitFailure). The watchdog never feeds the simulation; it watches every shard. World.Close ends it.
func watchStalls(w *engine.World, limit time.Duration, stderr io.Writer, exit func(int)) {
	var once sync.Once // shards may stall at once: one line
	if _, err := w.WatchStalls(limit, func(e *scheduler.StallError) {
		once.Do(func() { exit(complain(stderr, exitFailure, "bot %q stalled: %v", e.Name, e)) })
	}); err != nil {
		exit(complain(stderr, exitFailure, "stall watchdog: %v", err))
	}
}
