package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"stackarena/engine"
)

// benchRowCommand is the hidden subcommand a bench parent runs in a child process: one row, printed as one JSON
// line. Each row runs in a fresh process because goroutines and stacks one row frees are reused by the next in
// a scrambled order, which changes both the memory a row finds and the cost of a switch (see
// scheduler/bench_test.go).
const benchRowCommand = "bench-row"

// Bench limits.
const maxBenchActors = 1_000_000

// benchResult is one row of the table: one world, one size, one mode. The first seven fields are the table's;
// the rest say how it was measured.
type benchResult struct {
	World  string `json:"world"`
	Actors int    `json:"actors"`
	Mode   string `json:"mode"`
	// Cores is how many shards ran the scripts (engine.Config.Shards): 1 is the World's own goroutine.
	Cores              int     `json:"cores"`
	TicksPerSecond     float64 `json:"ticks_per_second"`
	NsPerActorTick     float64 `json:"ns_per_actor_tick"`
	BytesPerActor      float64 `json:"bytes_per_actor"`
	AllocsPerActorTick float64 `json:"allocs_per_actor_tick"`

	// SwitchesPerActorTick is the share of actors resumed per tick (each a switch in and out); 0 for the state
	// machines.
	SwitchesPerActorTick float64 `json:"switches_per_actor_tick"`
	// ActorsMeasured is the mean number of live actors a measured tick began with (ns per actor-tick divides
	// by it): the nominal count, or a little more when bots fired beyond it.
	ActorsMeasured float64 `json:"actors_measured"`
	Ticks          int     `json:"ticks"`
	Warmup         int     `json:"warmup"`
	Seconds        float64 `json:"seconds"`
	// CPUSeconds is the CPU time (user and system, every thread) of the measured ticks: on a machine shared with
	// other work it varies less than the wall time. 0 where the platform does not give it.
	CPUSeconds   float64 `json:"cpu_seconds"`
	GCCycles     uint32  `json:"gc_cycles"`
	PeakRSSBytes uint64  `json:"peak_rss_bytes"`
	// HeapBytes and StackBytes split bytes_per_actor's total: the process's heap and goroutine stacks in use
	// after the run (topped up and collected), before the baseline is subtracted.
	HeapBytes  uint64 `json:"heap_bytes"`
	StackBytes uint64 `json:"stack_bytes"`
	// BuildSeconds and WarmupSeconds are the wall times of building the world and of its warm-up ticks.
	BuildSeconds  float64 `json:"build_seconds"`
	WarmupSeconds float64 `json:"warmup_seconds"`
	// StateHash is the World's hash after the run: the modes of a world and size end in the same one.
	StateHash string `json:"state_hash"`
}

// benchSpec says what a row runs.
type benchSpec struct {
	world, mode   string
	actors        int
	cores         int // engine.Config.Shards; more than 1 only in the tasklets mode
	ticks, warmup int
	seed          uint64
	cpuProfile    string // a file for the CPU profile of the measured ticks, or ""
	memProfile    string // a file for the heap profile after the run, or ""
}

func (s benchSpec) args() []string {
	return []string{benchRowCommand, "-world", s.world, "-mode", s.mode, "-actors", strconv.Itoa(s.actors),
		"-cores", strconv.Itoa(s.cores),
		"-ticks", strconv.Itoa(s.ticks), "-warmup", strconv.Itoa(s.warmup), "-seed", strconv.FormatUint(s.seed, 10),
		"-cpuprofile", s.cpuProfile, "-memprofile", s.memProfile}
}

// benchCommand is headless bench: every selected row in a child process of its own, one at a time; the parent
// prints the table (or JSON lines) as rows come in.
func benchCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("headless bench", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	worlds := fs.String("worlds", strings.Join(worldNames, ","), "the `worlds` to run, comma-separated")
	sizes := fs.String("actors", "1000,10000,100000", "the world sizes in `actors`, comma-separated (10k is 10000, 1m is 1000000)")
	modes := fs.String("modes", strings.Join(modeNames, ","), "the `modes` to run, comma-separated")
	cores := fs.String("cores", "1", "run the tasklets mode's scripts on each of these `numbers` of shards (engine.Config.Shards), comma-separated; the other modes run on 1")
	ticks := fs.Int("ticks", 300, "measure `N` ticks per row")
	warmup := fs.Int("warmup", 100, "step `N` ticks before measuring")
	seed := fs.Uint64("seed", 1, "random `seed` of the worlds")
	jsonOut := fs.Bool("json", false, "print one JSON object per row, one per line")
	quiet := fs.Bool("quiet", false, "print no progress line on stderr, even on a terminal")
	profiles := fs.String("cpuprofile", "", "write a CPU profile of each row's measured ticks into `dir`, as world-actors-mode-cores.pprof")
	memProfiles := fs.String("memprofile", "", "write a heap profile of each row's world after its run into `dir`, as world-actors-mode-cores.heap")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			benchUsage(stdout, fs)
			return exitOK
		}
		return complain(stderr, exitBadInput, "bench: %v (headless bench -h lists the flags)", err)
	}
	if fs.NArg() > 0 {
		return complain(stderr, exitBadInput, "bench: unexpected argument %q (headless bench -h)", fs.Arg(0))
	}
	worldList, err := parseNames("-worlds", *worlds, worldNames)
	if err != nil {
		return complain(stderr, exitBadInput, "bench: %v", err)
	}
	modeList, err := parseNames("-modes", *modes, modeNames)
	if err != nil {
		return complain(stderr, exitBadInput, "bench: %v", err)
	}
	sizeList, err := parseSizes(*sizes)
	if err != nil {
		return complain(stderr, exitBadInput, "bench: %v", err)
	}
	coreList, err := parseCores(*cores)
	if err != nil {
		return complain(stderr, exitBadInput, "bench: %v", err)
	}
	if *ticks < 1 || *warmup < 0 {
		return complain(stderr, exitBadInput, "bench: -ticks %d -warmup %d: measure at least 1 tick, warm up 0 or more", *ticks, *warmup)
	}
	for _, dir := range [][2]string{{"-cpuprofile", *profiles}, {"-memprofile", *memProfiles}} {
		if dir[1] == "" {
			continue
		}
		if err := os.MkdirAll(dir[1], 0o755); err != nil {
			return complain(stderr, exitBadInput, "bench: %s: %v", dir[0], err)
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return complain(stderr, exitFailure, "bench: finding this program to run its rows: %v", err)
	}

	progress := newProgress(stderr, !*quiet)
	if !*jsonOut {
		fmt.Fprintf(stdout, "# %d ticks measured per row after %d of warm-up, each row in a process of its own; GOMAXPROCS %d, %s\n",
			*ticks, *warmup, runtime.GOMAXPROCS(0), runtime.Version())
		fmt.Fprintf(stdout, tableFormat, "world", "actors", "mode", "cores", "ticks/s", "ns/actor-tick", "bytes/actor",
			"allocs/actor-tick", "switches/actor-tick", "state hash")
	}
	status := exitOK
	for _, world := range worldList {
		for _, n := range sizeList {
			var hashes []string // "mode=hash", in mode order
			distinct := map[string]bool{}
			for _, mode := range modeList {
				for _, k := range coreList {
					if k > 1 && mode != modeTasklets {
						continue
					}
					spec := benchSpec{world: world, mode: mode, actors: n, cores: k, ticks: *ticks, warmup: *warmup, seed: *seed}
					if *profiles != "" {
						spec.cpuProfile = filepath.Join(*profiles, fmt.Sprintf("%s-%d-%s-%d.pprof", world, n, mode, k))
					}
					if *memProfiles != "" {
						spec.memProfile = filepath.Join(*memProfiles, fmt.Sprintf("%s-%d-%s-%d.heap", world, n, mode, k))
					}
					progress.status("bench: %s world, %d actors, %s on %d cores...", world, n, mode, k)
					row, err := runRow(exe, spec)
					progress.clear()
					if err != nil {
						status = complain(stderr, exitFailure, "bench: %s world, %d actors, %s on %d cores: %v", world, n, mode, k, err)
						continue
					}
					hashes = append(hashes, fmt.Sprintf("%s/%d=%s", mode, k, row.StateHash))
					distinct[row.StateHash] = true
					if *jsonOut {
						js, _ := json.Marshal(row)
						fmt.Fprintf(stdout, "%s\n", js)
					} else {
						fmt.Fprintf(stdout, tableFormat, row.World, strconv.Itoa(row.Actors), row.Mode, strconv.Itoa(row.Cores),
							fmt.Sprintf("%.1f", row.TicksPerSecond), fmt.Sprintf("%.1f", row.NsPerActorTick),
							fmt.Sprintf("%.0f", row.BytesPerActor), fmt.Sprintf("%.4f", row.AllocsPerActorTick),
							fmt.Sprintf("%.3f", row.SwitchesPerActorTick), row.StateHash)
					}
				}
			}
			if len(distinct) > 1 {
				status = complain(stderr, exitFailure, "bench: %s world, %d actors: the modes and core counts ended in different states (%s): they did not do the same work",
					world, n, strings.Join(hashes, ", "))
			}
		}
	}
	return status
}

// tableFormat lays out a text row: world, actors, mode, cores, then the figures.
const tableFormat = "%-6s %7s  %-12s %5s %9s %14s %12s %18s %20s  %s\n"

// runRow runs spec in a child process and reads its row.
func runRow(exe string, spec benchSpec) (benchResult, error) {
	var out, errOut bytes.Buffer
	cmd := exec.Command(exe, spec.args()...)
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		if msg := trimLines(errOut.String(), 3); msg != "" {
			return benchResult{}, fmt.Errorf("%v: %s", err, msg)
		}
		return benchResult{}, err
	}
	var row benchResult
	if err := json.Unmarshal(out.Bytes(), &row); err != nil {
		return benchResult{}, fmt.Errorf("reading the row %q: %v", trimLines(out.String(), 1), err)
	}
	return row, nil
}

// benchRow is the child: it measures one row in this process and prints it as one JSON line.
func benchRow(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(benchRowCommand, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var spec benchSpec
	fs.StringVar(&spec.world, "world", worldMixed, "")
	fs.StringVar(&spec.mode, "mode", modeTasklets, "")
	fs.IntVar(&spec.actors, "actors", 1000, "")
	fs.IntVar(&spec.cores, "cores", 1, "")
	fs.IntVar(&spec.ticks, "ticks", 300, "")
	fs.IntVar(&spec.warmup, "warmup", 100, "")
	fs.Uint64Var(&spec.seed, "seed", 1, "")
	fs.StringVar(&spec.cpuProfile, "cpuprofile", "", "")
	fs.StringVar(&spec.memProfile, "memprofile", "", "")
	if err := fs.Parse(args); err != nil {
		return complain(stderr, exitBadInput, "%s: %v", benchRowCommand, err)
	}
	row, err := measure(spec)
	if err != nil {
		return complain(stderr, exitFailure, "%s: %v", benchRowCommand, err)
	}
	js, _ := json.Marshal(row)
	fmt.Fprintf(stdout, "%s\n", js)
	return exitOK
}

// measure builds the row's world, steps it spec.warmup ticks, then measures spec.ticks ticks: the wall time,
// the allocations (runtime.MemStats.Mallocs) and the switches. Then it collects the garbage and counts the
// heap and stack in use, minus what was in use before the world was built, per live actor.
func measure(spec benchSpec) (benchResult, error) {
	var base, before, after, settled runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&base)
	built := time.Now()
	bw, err := newBenchWorld(spec.world, spec.mode, spec.actors, spec.seed, spec.cores)
	if err != nil {
		return benchResult{}, err
	}
	defer bw.close()
	buildTime, warmed := time.Since(built), time.Now()
	for range spec.warmup {
		if _, err := bw.step(); err != nil {
			return benchResult{}, err
		}
	}
	warmupTime := time.Since(warmed)
	runtime.GC() // start the measured ticks without the build's garbage
	runtime.ReadMemStats(&before)
	switches := bw.w.Switches()
	actorTicks := 0
	if spec.cpuProfile != "" {
		f, err := os.Create(spec.cpuProfile)
		if err != nil {
			return benchResult{}, err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return benchResult{}, err
		}
	}
	cpuStart, _ := cpuTime()
	start := time.Now()
	for range spec.ticks {
		live, err := bw.step()
		if err != nil {
			return benchResult{}, err
		}
		actorTicks += live
	}
	elapsed := time.Since(start)
	cpuEnd, _ := cpuTime()
	if spec.cpuProfile != "" {
		pprof.StopCPUProfile()
	}
	runtime.ReadMemStats(&after)
	switches = bw.w.Switches() - switches

	bw.topUp() // count memory at the nominal size
	live := bw.w.Actors()
	runtime.GC()
	runtime.ReadMemStats(&settled)
	inUse := int64(settled.HeapInuse+settled.StackInuse) - int64(base.HeapInuse+base.StackInuse)
	if spec.memProfile != "" {
		if err := writeHeapProfile(spec.memProfile); err != nil {
			return benchResult{}, err
		}
	}

	row := benchResult{
		World:                spec.world,
		Actors:               spec.actors,
		Mode:                 spec.mode,
		Cores:                max(1, spec.cores),
		TicksPerSecond:       float64(spec.ticks) / elapsed.Seconds(),
		NsPerActorTick:       float64(elapsed.Nanoseconds()) / float64(actorTicks),
		BytesPerActor:        float64(inUse) / float64(live),
		AllocsPerActorTick:   float64(after.Mallocs-before.Mallocs) / float64(actorTicks),
		SwitchesPerActorTick: float64(switches) / float64(actorTicks),
		ActorsMeasured:       float64(actorTicks) / float64(spec.ticks),
		Ticks:                spec.ticks,
		Warmup:               spec.warmup,
		Seconds:              elapsed.Seconds(),
		CPUSeconds:           (cpuEnd - cpuStart).Seconds(),
		HeapBytes:            settled.HeapInuse,
		StackBytes:           settled.StackInuse,
		GCCycles:             after.NumGC - before.NumGC,
		BuildSeconds:         buildTime.Seconds(),
		WarmupSeconds:        warmupTime.Seconds(),
		StateHash:            fmt.Sprintf("%016x", bw.w.Hash()),
	}
	row.PeakRSSBytes, _ = peakRSS()
	return row, nil
}

// parseNames reads a comma-separated list of names, each one of known.
func parseNames(flagName, s string, known []string) ([]string, error) {
	var out []string
	for _, name := range strings.Split(s, ",") {
		name = strings.TrimSpace(name)
		if name == "" {
			continue
		}
		if !slices.Contains(known, name) {
			return nil, fmt.Errorf("%s: unknown %q: choose from %s", flagName, name, strings.Join(known, ", "))
		}
		if !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: empty: choose from %s", flagName, strings.Join(known, ", "))
	}
	return out, nil
}

// parseCores reads -cores: comma-separated shard counts, each from 1 to engine.MaxShards.
func parseCores(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		k, err := strconv.Atoi(part)
		if err != nil || k < 1 || k > engine.MaxShards {
			return nil, fmt.Errorf("-cores: %q: want a whole number from 1 to %d", part, engine.MaxShards)
		}
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("-cores: empty: give shard counts like 1,2")
	}
	return out, nil
}

// parseSizes reads -actors: comma-separated whole numbers, with optional "_" separators and a k (10k) or m (1m)
// suffix, each from minBenchActors to maxBenchActors.
func parseSizes(s string) ([]int, error) {
	var out []int
	for _, part := range strings.Split(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		text, mult := strings.ToLower(strings.ReplaceAll(part, "_", "")), 1
		if t, ok := strings.CutSuffix(text, "k"); ok {
			text, mult = t, 1000
		} else if t, ok := strings.CutSuffix(text, "m"); ok {
			text, mult = t, 1_000_000
		}
		n, err := strconv.Atoi(text)
		if err != nil || n > maxBenchActors/mult || n*mult < minBenchActors { // the first bound before n*mult can overflow
			return nil, fmt.Errorf("-actors: %q: want a whole number from %d to %d", part, minBenchActors, maxBenchActors)
		}
		out = append(out, n*mult)
	}
	if len(out) == 0 {
		return nil, errors.New("-actors: empty: give sizes like 1000,10000")
	}
	return out, nil
}

func benchUsage(out io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(out, `headless bench measures the scheduler: two worlds at several sizes, each in three modes, every row in a
fresh child process, and prints a table (or, with -json, one JSON object per row and line).

Usage:
  headless bench [flags]

Worlds (every actor counted: bots alive, bullets in flight, doors; topped up to the size before every tick):
  mixed   a shooter mix of 1 bot : 8 bullets : 1 door. Bots are half squarebots (move and turn), half
          spinbots (turn and shoot); bullets are engine bullets, parked for their whole flight, topped up by
          firing from random bots; doors are timed doors that sleep between their moves.
  busy    the worst case: actors resume every tick. 1 spinbot : 9 bullets, the bullets being the talk's
          scripted bullets (a move and a look for a bot every tick), respawned at random spots to keep the
          count, and the spinbots' own shots (engine bullets, parked: about 1 actor in 10).

Modes (the same behaviours, the same actions in the same ticks: a row's modes end in the same state hash):
  tasklets       every script is a tasklet (iter.Pull coroutines under the scheduler): the real thing
  goroutines     every script is a goroutine, handing off over Go channels
  statemachine   every behaviour hand-written as per-tick code, no switching at all: the limit

Cores (-cores 1,2): the tasklets mode's scripts spread over that many shards, each a scheduler on a goroutine of
its own during the script phase (engine.Config.Shards); every core count ends in the same state hash.

Columns: cores; ticks per second; ns per actor-tick (wall time over actors x ticks); bytes per actor (heap and
stack in use after the run, minus before the world was built, over live actors); allocations per
actor-tick (runtime.MemStats.Mallocs); switches per actor-tick (the share of actors resumed per tick);
the final state hash.

Flags:
`)
	fs.SetOutput(out)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(out, `
Examples:
  headless bench                                     the full table (several minutes)
  headless bench -actors 10k -worlds mixed           one world, one size, three modes
  headless bench -actors 100 -ticks 5 -warmup 5      a smoke run (what CI does)
  headless bench -modes tasklets,goroutines -json > rows.jsonl
  headless bench -actors 100k -worlds mixed -modes tasklets -cores 1,2   the script phase on 1, then 2 cores
  headless bench -actors 100k -worlds mixed -cpuprofile prof   then: go tool pprof -top prof/mixed-100000-tasklets-1.pprof
  headless bench -actors 1m -worlds mixed -modes tasklets -cores 2 -ticks 30 -warmup 40 -memprofile prof
                                                     a million actors; then: go tool pprof -sample_index=inuse_space -top prof/mixed-1000000-tasklets-2.heap

docs/BENCHMARKS.md explains the worlds, the measurements and the targets, with a full table.
`)
}

// writeHeapProfile writes the heap profile (of the last collection: the World as it stands after the run) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("heap").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
