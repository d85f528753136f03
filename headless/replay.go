package main

import (
	"errors"
	"flag"
	"fmt"
	"io"

	"stackarena/engine"
	"stackarena/match"
	"stackarena/match/replay"
)

// replayFlags are headless replay's flags. A new output of a replay (pictures, say) adds its flag in add and
// its per-tick work as an observer in observers: the command calls every observer after every Step.
type replayFlags struct {
	report *reportFlags
	verify bool
	pics   *pictureFlags
}

func (f *replayFlags) add(fs *flag.FlagSet) {
	f.report = addReportFlags(fs)
	fs.BoolVar(&f.verify, "verify", false, "check every stored state hash; at the first that differs, name its tick and both hashes and exit 1")
	f.pics = addPictureFlags(fs)
}

// check checks the flags once parsed.
func (f *replayFlags) check() error { return f.report.check() }

// observers are what runs after every Step of the re-simulation, besides the hash checks; each returns an
// error to stop the command with exit status 1. close runs at the end, whatever happened.
func (f *replayFlags) observers() (observers []func(w *engine.World) error, close func() error, err error) {
	return nil, func() error { return nil }, nil
}

// replayCommand is headless replay FILE: it re-simulates a recorded match and prints its report, or checks it
// with -verify.
func replayCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("headless replay", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var f replayFlags
	f.add(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			replayUsage(stdout, fs)
			return exitOK
		}
		return complain(stderr, exitBadInput, "replay: %v (headless replay -h lists the flags)", err)
	}
	// A flag after the file name is still a flag.
	if fs.NArg() > 1 {
		file := fs.Arg(0)
		if err := fs.Parse(fs.Args()[1:]); err != nil {
			return complain(stderr, exitBadInput, "replay: %v (headless replay -h lists the flags)", err)
		}
		if fs.NArg() > 0 {
			return complain(stderr, exitBadInput, "replay: one replay file at a time (got %q and %q)", file, fs.Arg(0))
		}
		fs.Parse([]string{file})
	}
	if fs.NArg() != 1 {
		return complain(stderr, exitBadInput, "replay: name the replay file: headless replay [flags] FILE")
	}
	if err := f.check(); err != nil {
		return complain(stderr, exitBadInput, "replay: %v", err)
	}
	path := fs.Arg(0)
	rep, err := replay.Load(path)
	if err != nil {
		return complain(stderr, exitBadInput, "%v", err)
	}
	sim, err := replay.NewSimCores(rep, match.DefaultCores()) // the same match on any number of shards
	if err != nil {
		return complain(stderr, exitBadInput, "%s: %v", path, err)
	}
	defer sim.Close()
	observers, closeObservers, err := f.observers()
	if err != nil {
		return complain(stderr, exitBadInput, "replay: %v", err)
	}
	w := sim.World()
	pics, err := f.pics.open()
	if err != nil {
		return complain(stderr, exitBadInput, "replay: %v", err)
	}
	pics.start(w)
	var mismatch *replay.Mismatch
	step := func() error {
		err := sim.Step()
		if errors.As(err, &mismatch) {
			if f.verify {
				return err
			}
			err = nil
		}
		if err != nil {
			return err
		}
		for _, o := range observers {
			if err := o(w); err != nil {
				return err
			}
		}
		return nil
	}
	status := drive(w, step, sim.Done, f.report, pics, stdout, stderr)
	if err := closeObservers(); err != nil && status == exitOK {
		status = complain(stderr, exitFailure, "replay: %v", err)
	}
	if status != exitOK {
		return status
	}
	if m := sim.Mismatch(); m != nil {
		return complain(stderr, exitFailure, "%s: this is not the recorded match: %v", path, m)
	}
	if f.verify {
		fmt.Fprintf(stderr, "headless: %s: verified: %d stored hashes and the end (tick %d, %s) match\n", path, len(rep.Hashes), rep.End.Tick, rep.End)
	}
	return exitOK
}

func replayUsage(out io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(out, `headless replay re-simulates a recorded match and prints its report.

Usage:
  headless replay [flags] FILE

A replay holds the match (map, bots, seed), the source of its .star bots and every input from outside the
simulation (a person's controls, reloaded scripts), by tick: playing it is re-simulating it, and the state hash
it stores every 100 ticks proves the match is the one recorded. Record one with headless -record FILE, or on the
desktop (stackarena -record FILE, or F6); watch one with stackarena -replay FILE. docs/REPLAYS.md describes the
file.

Flags:
`)
	fs.SetOutput(out)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(out, `
Examples:
  headless -record match.replay.gz -seed 7        record a match
  headless replay match.replay.gz                  play it again: the same report
  headless replay -verify match.replay.gz          check every stored hash

Exit status: 0 done (verified, with -verify); 1 the re-simulation differs from the recording (the first tick
whose hash differs, with both hashes), or failed; 2 a bad, truncated or unreadable replay, or one recorded under
other rules (it says which); 130 interrupted.
`)
}
