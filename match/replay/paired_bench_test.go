//go:build unix

package replay

import (
	"io"
	"slices"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has used so far (user and system, every thread: the GC's included). On a
// shared machine it measures work where the wall clock measures the neighbours too.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPaired plays, records and verifies the match in turn in every iteration, so that all see the same
// conditions, and reports medians over the iterations, in CPU time:
//
//   - record-%: what recording adds to playing, the person's inputs and the hashes (the target: at most 5);
//   - replay-%: what Recorder.Replay then costs, encoding the inputs, as a share of playing;
//   - write-%: what Write then costs, compressing the file, as a share of playing;
//   - verify-%: verification's speed as a share of playing's (the target: at least 90).
//
// Run it with enough iterations for the medians: -benchtime 100x.
func BenchmarkPaired(b *testing.B) {
	rep := roundTrip(b, recordMatch(b))
	var recCost, encCost, writeCost, verSpeed []float64
	for b.Loop() {
		t0 := cpuTime(b)
		playMatch(b, false)
		t1 := cpuTime(b)
		_, r := playMatch(b, true)
		t2 := cpuTime(b)
		got := r.Replay()
		t3 := cpuTime(b)
		if err := Write(io.Discard, got); err != nil {
			b.Fatal(err)
		}
		t4 := cpuTime(b)
		verify(b, rep)
		t5 := cpuTime(b)
		play := (t1 - t0).Seconds()
		recCost = append(recCost, 100*(t2-t1).Seconds()/play-100)
		encCost = append(encCost, 100*(t3-t2).Seconds()/play)
		writeCost = append(writeCost, 100*(t4-t3).Seconds()/play)
		verSpeed = append(verSpeed, 100*play/(t5-t4).Seconds())
	}
	median := func(xs []float64) float64 { slices.Sort(xs); return xs[len(xs)/2] }
	b.ReportMetric(median(recCost), "record-%")
	b.ReportMetric(median(encCost), "replay-%")
	b.ReportMetric(median(writeCost), "write-%")
	b.ReportMetric(median(verSpeed), "verify-%")
}
