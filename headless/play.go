package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"text/tabwriter"
	"time"

	"stackarena/bots"
	"stackarena/bots/remote/listen"
	"stackarena/engine"
	"stackarena/match"
	"stackarena/match/replay"
	"stackarena/match/replay/netplay"
	"stackarena/scheduler"
)

// play is the match command: it builds the match the flags describe, steps it to its end and prints the report.
func play(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("headless", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported in one line below, help goes to stdout
	matchFlags := match.AddFlags(fs)
	out := addReportFlags(fs)
	net := listen.AddFlags(fs)
	record := fs.String("record", "", "record the match to this replay `file` (gzip JSON lines; see docs/REPLAYS.md)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the match to `file`, for go tool pprof")
	pictureFlags := addPictureFlags(fs)
	cores := fs.Int("cores", match.DefaultCores(), "run the scripts' phase of every tick on `N` cores (shards; the match is the same for any N; 1 runs it on the match's own goroutine)")
	stall := fs.Duration("stall", scheduler.DefaultStallLimit, "end the match with an error when a Go bot holds its turn this long without yielding (a wall-clock watchdog, never simulation input)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			playUsage(stdout, fs)
			return exitOK
		}
		return complain(stderr, exitBadInput, "%v (headless -h lists the flags)", err)
	}
	if fs.NArg() > 0 {
		if fs.Arg(0) == "bench" || fs.Arg(0) == "replay" {
			return complain(stderr, exitBadInput, "%s must come first: headless %s [flags]", fs.Arg(0), fs.Arg(0))
		}
		return complain(stderr, exitBadInput, "unexpected argument %q: the match takes flags only (headless -h)", fs.Arg(0))
	}
	if err := out.check(); err != nil {
		return complain(stderr, exitBadInput, "%v", err)
	}
	cfg, err := matchFlags.Config(defaultMatch())
	if err != nil {
		return complain(stderr, exitBadInput, "%v", err)
	}
	pics, err := pictureFlags.open()
	if err != nil {
		return complain(stderr, exitBadInput, "%v", err)
	}
	if *cores < 1 || *cores > engine.MaxShards {
		pics.abandon()
		return complain(stderr, exitBadInput, "-cores %d: want a whole number from 1 to %d", *cores, engine.MaxShards)
	}
	opt := match.Options{Cores: *cores}
	srv, remoteNames, status := serveRemote(net, &cfg, &opt, stderr)
	if status != exitOK {
		pics.abandon()
		return status
	}

	if srv != nil {
		defer srv.Close()
		defer closeOnInterrupt(srv)()
	}
	m, err := match.Build(cfg, opt)
	if err != nil {
		pics.abandon()
		return complain(stderr, exitBadInput, "%v", err)
	}
	w := m.World
	defer w.Close()
	if srv != nil {
		srv.Watch(w)
		defer srv.Finish(w) // before the World closes: the peers still in the match hear how it ended
	}
	pics.start(w)
	watchStalls(w, *stall, stderr, os.Exit)

	var recFile *os.File
	if *record != "" {
		if recFile, err = os.Create(*record); err != nil {
			return complain(stderr, exitBadInput, "-record: %v", err)
		}
		defer recFile.Close()
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return complain(stderr, exitBadInput, "-cpuprofile: %v", err)
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return complain(stderr, exitFailure, "-cpuprofile: %v", err)
		}
		defer pprof.StopCPUProfile()
	}

	step := w.Step
	var rec *replay.Recorder
	if recFile != nil {
		rec = replay.NewRecorder(m, "")
		if srv != nil {
			netplay.Record(rec, srv, remoteNames)
		}
		step = func() error {
			err := w.Step()
			rec.Stepped()
			return err
		}
	}
	status = drive(w, step, w.Over, out, pics, stdout, stderr)
	if rec != nil {
		if err := replay.Write(recFile, rec.Replay()); err != nil {
			return complain(stderr, exitFailure, "-record: %v", err)
		}
		if err := recFile.Close(); err != nil {
			return complain(stderr, exitFailure, "-record: %v", err)
		}
	}
	return status
}

// reportFlags are the flags that say how a match's report is shown, for the match and for replays.
type reportFlags struct {
	json  bool
	top   int
	quiet bool
}

func addReportFlags(fs *flag.FlagSet) *reportFlags {
	r := &reportFlags{}
	fs.BoolVar(&r.json, "json", false, "print the report as one JSON object on stdout")
	fs.IntVar(&r.top, "top", 10, "show the first `N` places of the ranking in text mode (0: all of them)")
	fs.BoolVar(&r.quiet, "quiet", false, "print no progress line on stderr, even on a terminal")
	return r
}

func (r *reportFlags) check() error {
	if r.top < 0 {
		return fmt.Errorf("-top %d: must not be negative (0 shows the whole ranking)", r.top)
	}
	return nil
}

// drive calls step until done says the match is over or Ctrl-C is pressed, with the progress line and the peak
// memory, drawing the pictures pics asks for (nil: none), then prints w's report as out says. It returns the exit status: exitOK, exitFailure when a step
// fails, exitInterrupted.
func drive(w *engine.World, step func() error, done func() bool, out *reportFlags, pics *pictures, stdout, stderr io.Writer) int {
	interrupt := make(chan os.Signal, 1)
	signal.Notify(interrupt, os.Interrupt)
	defer signal.Stop(interrupt)

	progress := newProgress(stderr, !out.quiet)
	memory := newPeakMemory()
	interrupted := false
	start := time.Now()
	if err := pics.step(w); err != nil {
		return complain(stderr, exitFailure, "-gif: %v", err)
	}
	for !done() && !interrupted {
		if err := step(); err != nil {
			progress.clear()
			pics.abandon()
			return complain(stderr, exitFailure, "tick %d: %v", w.Tick(), err)
		}
		if err := pics.step(w); err != nil {
			progress.clear()
			pics.abandon()
			return complain(stderr, exitFailure, "-gif: %v", err)
		}
		if w.Tick()%256 == 0 {
			memory.sample()
		}
		progress.show(w)
		select {
		case <-interrupt:
			interrupted = true
		default:
		}
	}
	elapsed := time.Since(start)
	progress.clear()
	if err := pics.finish(w); err != nil {
		return complain(stderr, exitFailure, "writing the pictures: %v", err)
	}

	report := match.NewReport(w, elapsed, memory.peak())
	if out.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(report); err != nil {
			return complain(stderr, exitFailure, "writing the report: %v", err)
		}
	} else {
		report.WriteText(stdout, out.top)
	}
	if interrupted {
		return complain(stderr, exitInterrupted, "interrupted at tick %d of %d: the report is of the unfinished match", w.Tick(), w.MaxTicks())
	}
	return exitOK
}

// defaultMatch is the base the flags apply to: one of each built-in bot in an arena sized to them, seed 1 (the
// -seed flag's default). -bots replaces its bots; -config replaces all of it.
func defaultMatch() match.Config {
	c := match.Config{Seed: 1}
	for _, in := range bots.All() {
		c.Bots = append(c.Bots, match.BotSpec{Name: in.Name, Count: 1})
	}
	return c
}

func playUsage(out io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(out, `headless plays a stackarena match without a window and prints its report.

Usage:
  headless [flags]          play a match to its end (the last bot standing, or -ticks)
  headless bench [flags]    benchmark the scheduler: see headless bench -h
  headless replay FILE      re-simulate a recorded match (-record FILE): see headless replay -h
  headless tournament       many seeded matches on every core, rated: see headless tournament -h

With neither -bots nor -config, the match is one of each built-in bot in an arena sized to them, seed 1.
-config reads a match file (walls, doors, bots; match/default.json is the desktop's default map); the other
flags given override it. A config is one JSON object in a regular file of at most 16 MB; a match holds at most
200,000 bots and doors together, and 10,000 walls.

Flags:
`)
	fs.SetOutput(out)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(out, "\nBuilt-in bots (use these names in -bots):\n")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, in := range bots.All() {
		fmt.Fprintf(tw, "  %s\t%s\n", in.Name, in.About)
	}
	tw.Flush()
	fmt.Fprint(out, `A name ending in .star is the path of a bot scripted in Starlark (bots/star/examples has three).

Examples:
  headless                                        one of each built-in bot
  headless -bots spinbot=5000,squarebot=5000      10,000 bots, the arena sized to them
  headless -config match/default.json -seed 7     the desktop's default map with another seed
  headless -bots chaser=4,sniper=2 -arena 1600x1000 -doors 6 -ticks 5000
  headless -json -quiet -seed 3 > report.json     one JSON object: winner, ticks, ticks_per_second, ...
  headless -top 0 -bots dodger=20                 the whole ranking
  headless -bots bots/star/examples/hunter.star=3,sniper=3
  headless -config match/default.json -gif m.gif  the match as an animated GIF, drawn without a window
  headless -gif m.gif -every 2 -size 960x600 -debug -scans -png last.png
  headless -record match.replay.gz                record the match; headless replay -verify plays it back

The report: the winner and the ranking (energy left, kills, damage dealt, ticks survived, shots, hits), then
ticks, ticks per second, the peak number of actors (bots, bullets, doors), tasklet switches per second, peak
memory, and the state hash: the same flags and seed give the same hash on any machine. Peak memory is the
process's peak resident set size (getrusage's ru_maxrss) on Linux; elsewhere, the largest total of the Go
runtime's memory (runtime/metrics /memory/classes/total:bytes) sampled every 256 ticks.

On a terminal, a progress line on stderr shows the tick, the bots alive and the speed (-quiet hides it).
Ctrl-C stops the match and prints the report of what was played.

Exit status: 0 done; 2 bad input (flags, config file, bot names, an arena too small), with one line on
stderr; 1 a failure while running; 3 an internal error, a bug (one line names the file holding its stack);
130 interrupted.
`)
}

// progress is the line on stderr that shows how a match goes, redrawn a few times a second and erased at the
// end; it is drawn only when stderr is a terminal.
type progress struct {
	out      io.Writer
	on       bool
	shown    bool
	last     time.Time
	lastTick uint64
}

// progressEvery is how often the progress line is redrawn.
const progressEvery = 250 * time.Millisecond

func newProgress(stderr io.Writer, wanted bool) *progress {
	return &progress{out: stderr, on: wanted && isTerminal(stderr), last: time.Now()}
}

// isTerminal reports whether w is a character device (a terminal), without any module beyond os.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// liveWorld is what the progress line reads of a World.
type liveWorld interface {
	Tick() uint64
	MaxTicks() uint64
	AliveBots() int
	Actors() int
}

// show redraws the line if it is due. It reads the clock only when the line is on.
func (p *progress) show(w liveWorld) {
	if !p.on {
		return
	}
	now := time.Now()
	dt := now.Sub(p.last)
	if dt < progressEvery {
		return
	}
	rate := float64(w.Tick()-p.lastTick) / dt.Seconds()
	p.last, p.lastTick = now, w.Tick()
	fmt.Fprintf(p.out, "\r\x1b[Ktick %d/%d  bots alive %d  actors %d  %.0f ticks/s", w.Tick(), w.MaxTicks(), w.AliveBots(), w.Actors(), rate)
	p.shown = true
}

// status shows a fixed message on the line (for the bench's rows).
func (p *progress) status(format string, args ...any) {
	if !p.on {
		return
	}
	fmt.Fprintf(p.out, "\r\x1b[K"+format, args...)
	p.shown = true
}

// clear erases the line.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.out, "\r\x1b[K")
		p.shown = false
	}
}

// trimLines keeps the last n non-empty lines of s, joined by " | " (a child's stderr in one line).
func trimLines(s string, n int) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, " | ")
}
