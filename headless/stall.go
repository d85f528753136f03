package main

import (
	"io"
	"time"

	"stackarena/engine"
	"stackarena/scheduler"
)

// watchStalls watches the World's scripts with the scheduler's stall watchdog: a Go bot that holds its turn
// longer than limit of wall-clock time (a loop that never yields, a wait on a plain Go channel) cannot be taken
// back, so the command prints one line naming the bot and the file:line it is stuck in, and ends the process
// with exit (exitFailure). The watchdog never feeds the simulation. World.Close ends it.
func watchStalls(w *engine.World, limit time.Duration, stderr io.Writer, exit func(int)) {
	s := engine.Scheduler(w.Driver())
	if s == nil {
		return
	}
	if _, err := s.Watch(limit, func(e *scheduler.StallError) {
		exit(complain(stderr, exitFailure, "bot %q stalled: %v", e.Name, e))
	}); err != nil {
		exit(complain(stderr, exitFailure, "stall watchdog: %v", err))
	}
}
