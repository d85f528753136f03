package tournament

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"stackarena/bots"
	"stackarena/match"
)

// Exit statuses, as the headless command uses them.
const (
	ExitOK          = 0
	ExitFailure     = 1   // something failed while running, or a merge lacks matches
	ExitBadInput    = 2   // the command line or a file it names is wrong
	ExitInterrupted = 130 // 128 + SIGINT
)

// Command is `headless tournament ...`: args are what follows "tournament". It writes tables to stdout and
// diagnostics to stderr, one line each, and returns the exit status. It handles SIGINT and SIGTERM while it
// plays (call it from one goroutine at a time). getenv reads the batch engine's
// variables for -shard (os.Getenv; tests pass their own).
func Command(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) > 0 && args[0] == "merge" {
		return mergeCommand(args[1:], stdout, stderr)
	}
	return runCommand(args, stdout, stderr, getenv)
}

// complain writes "headless tournament: msg" on one line and returns status.
func complain(stderr io.Writer, status int, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	msg = strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", "; ")), " ")
	fmt.Fprintln(stderr, "headless tournament: "+msg)
	return status
}

// outputFlags are the flags both subcommands take for what they print.
type outputFlags struct {
	json      *bool
	plots     *string
	bootstrap *int
}

func addOutputFlags(fs *flag.FlagSet) outputFlags {
	return outputFlags{
		json:      fs.Bool("json", false, "print the standings as one JSON object instead of tables"),
		plots:     fs.String("plots", "", "write the ranking and win-rate plots (PNG and SVG) to `dir`"),
		bootstrap: fs.Int("bootstrap", DefaultBootstrap, "bootstrap `resamples` for the 95% intervals (0: none)"),
	}
}

// report is the JSON output: the standings, and what the results lack.
type report struct {
	Standings
	Missing    []int `json:"missing"`
	Duplicates int   `json:"duplicates"`
}

// show prints the standings of c and writes its plots.
func (o outputFlags) show(c *Combined, stdout, stderr io.Writer) int {
	if *o.bootstrap < 0 || *o.bootstrap > 100_000 {
		return complain(stderr, ExitBadInput, "-bootstrap %d: between 0 and 100000", *o.bootstrap)
	}
	st := Analyze(c.Plan, c.Results, *o.bootstrap)
	if *o.json {
		enc := json.NewEncoder(stdout)
		enc.SetEscapeHTML(false)
		missing := c.Missing
		if missing == nil {
			missing = []int{}
		}
		if err := enc.Encode(report{st, missing, c.Duplicates}); err != nil {
			return complain(stderr, ExitFailure, "writing the standings: %v", err)
		}
	} else {
		st.WriteText(stdout)
	}
	if *o.plots != "" {
		if err := WritePlots(*o.plots, st); err != nil {
			return complain(stderr, ExitFailure, "-plots: %v", err)
		}
	}
	return ExitOK
}

func runCommand(args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	fs := flag.NewFlagSet("headless tournament", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	matchFlags := match.AddFlags(fs)
	format := fs.String("format", Duel, "`duel` (every pair, both sides) or melee (-size bots a match)")
	size := fs.Int("size", 0, "melee: `bots` per match, drawn from the field (default: the whole field)")
	rounds := fs.Int("rounds", 10, "`rounds`: a duel round is every ordered pair once; a melee round plays each bot at least once")
	workers := fs.Int("workers", 0, "matches played at once, each on its own World (default: the number of cores)")
	out := fs.String("out", "", "results `file`, one JSON line per match (default tournament.jsonl, or tournament-shard-I-of-N.jsonl)")
	resume := fs.Bool("resume", false, "go on with the -out file: play only the matches it lacks")
	shardFlag := fs.String("shard", "", "play only slice `i/n` of the matches (0 <= i < n); default from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX")
	shards := fs.Int("shards", 0, "the number of shards `n`, for a Kubernetes Indexed Job (JOB_COMPLETION_INDEX gives i)")
	only := fs.String("matches", "", "play only these match `indices`, like 3,17,40-45 (to play matches again)")
	quiet := fs.Bool("quiet", false, "print no progress line on stderr, even on a terminal")
	recordDir := fs.String("record", "", "save replays (headless replay FILE) of the matches -record-matches and -record-lost name into `dir`")
	recordMatches := fs.String("record-matches", "", "with -record: the match `indices` to save, like 3,17,40-45")
	recordLost := fs.String("record-lost", "", "with -record: save every match this `bot` (a name of the ranking) lost")
	output := addOutputFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			runUsage(stdout, fs)
			return ExitOK
		}
		return complain(stderr, ExitBadInput, "%v (headless tournament -h lists the flags)", err)
	}
	if fs.NArg() > 0 {
		return complain(stderr, ExitBadInput, "unexpected argument %q: merge must come first (headless tournament merge FILES...)", fs.Arg(0))
	}
	if *workers < 0 {
		return complain(stderr, ExitBadInput, "-workers %d: must not be negative (0: one per core)", *workers)
	}
	base := match.Default()
	base.Bots = nil
	for _, in := range bots.All() {
		base.Bots = append(base.Bots, match.BotSpec{Name: in.Name, Count: 1})
	}
	cfg, err := matchFlags.Config(base)
	if err != nil {
		return complain(stderr, ExitBadInput, "%v", err)
	}
	plan, err := NewPlan(*format, cfg.Bots, *rounds, *size, cfg.Seed, cfg)
	if err != nil {
		return complain(stderr, ExitBadInput, "%v", err)
	}
	sources, err := plan.Sources()
	if err != nil {
		return complain(stderr, ExitBadInput, "%v", err)
	}

	shard := All
	from := "-shard"
	if *shardFlag != "" {
		if shard, err = ParseShard(*shardFlag); err != nil {
			return complain(stderr, ExitBadInput, "%v", err)
		}
		if *shards > 0 && *shards != shard.N {
			return complain(stderr, ExitBadInput, "-shard %s and -shards %d disagree", shard, *shards)
		}
	} else if shard, from, err = ShardFromEnv(getenv, *shards); err != nil {
		return complain(stderr, ExitBadInput, "%v", err)
	}
	indices := shard.Indices(plan.Matches)
	if *only != "" {
		picked, err := ParseIndices(*only, plan.Matches)
		if err != nil {
			return complain(stderr, ExitBadInput, "%v", err)
		}
		indices = intersect(indices, picked)
	}
	var rec *Record
	switch {
	case *recordDir != "":
		rec = &Record{Dir: *recordDir, Lost: *recordLost}
		if *recordMatches != "" {
			if rec.Matches, err = ParseIndices(*recordMatches, plan.Matches); err != nil {
				return complain(stderr, ExitBadInput, "-record-matches: %v", err)
			}
		}
		if *recordMatches == "" && *recordLost == "" {
			return complain(stderr, ExitBadInput, "-record %s: which matches? Give -record-matches or -record-lost", *recordDir)
		}
		if err := rec.check(plan); err != nil {
			return complain(stderr, ExitBadInput, "%v", err)
		}
	case *recordMatches != "" || *recordLost != "":
		return complain(stderr, ExitBadInput, "-record-matches and -record-lost need -record DIR, where the replays go")
	}
	path := *out
	if path == "" {
		path = "tournament.jsonl"
		if shard.N > 1 {
			path = fmt.Sprintf("tournament-shard-%d-of-%d.jsonl", shard.I, shard.N)
		}
	}
	if shard.N > 1 && from != "-shard" {
		fmt.Fprintf(stderr, "headless tournament: shard %s (from %s): %d of %d matches, results in %s\n", shard, from, len(indices), plan.Matches, path)
	}

	var w *Writer
	todo := indices
	if st, statErr := os.Stat(path); *resume && statErr == nil && st.Size() > 0 {
		read, err := ReadFile(path)
		if err != nil {
			return complain(stderr, ExitBadInput, "-resume: %v", err)
		}
		if !read.Plan.Same(plan) {
			return complain(stderr, ExitBadInput, "-resume: %s is of another tournament (its first line differs from these flags': field, format, rounds, seed or map)", path)
		}
		for _, warn := range read.Warnings {
			fmt.Fprintln(stderr, "headless tournament: warning: "+warn)
		}
		todo = read.Lacks(indices)
		if w, err = Append(path, read); err != nil {
			return complain(stderr, ExitBadInput, "-resume: %v", err)
		}
	} else if w, err = Create(path, plan); err != nil {
		return complain(stderr, ExitBadInput, "-out: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	bar := newProgress(stderr, !*quiet, len(indices), len(indices)-len(todo))
	runErr := Run(ctx, plan, sources, todo, *workers, rec, func(r Result) error {
		if err := w.Write(r); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		bar.add()
		return nil
	})
	bar.clear()
	if err := w.Close(); err != nil && runErr == nil {
		runErr = fmt.Errorf("writing %s: %w", path, err)
	}
	if runErr != nil {
		if ctx.Err() != nil && errors.Is(runErr, context.Canceled) {
			return complain(stderr, ExitInterrupted, "interrupted: %d of %d matches are in %s; the same command with -resume plays the rest", bar.done, len(indices), path)
		}
		return complain(stderr, ExitFailure, "%v", runErr)
	}
	read, err := ReadFile(path)
	if err != nil {
		return complain(stderr, ExitFailure, "reading back: %v", err)
	}
	c, err := Combine([]*File{read}, indices)
	if err != nil {
		return complain(stderr, ExitFailure, "%v", err)
	}
	return output.show(c, stdout, stderr)
}

func mergeCommand(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("headless tournament merge", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	out := fs.String("out", "", "also write the merged results to `file` (one line per match, by index)")
	output := addOutputFlags(fs)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			mergeUsage(stdout, fs)
			return ExitOK
		}
		return complain(stderr, ExitBadInput, "merge: %v (headless tournament merge -h lists the flags)", err)
	}
	if fs.NArg() == 0 {
		return complain(stderr, ExitBadInput, "merge: no results files given (headless tournament merge FILES...)")
	}
	var files []*File
	for _, path := range fs.Args() {
		f, err := ReadFile(path)
		if err != nil {
			return complain(stderr, ExitBadInput, "merge: %v", err)
		}
		for _, warn := range f.Warnings {
			fmt.Fprintln(stderr, "headless tournament: warning: "+warn)
		}
		files = append(files, f)
	}
	c, err := Combine(files, nil)
	if err != nil {
		return complain(stderr, ExitBadInput, "merge: %v", err)
	}
	if c.Duplicates > 0 {
		fmt.Fprintf(stderr, "headless tournament: merge: %d results found twice (identical), counted once\n", c.Duplicates)
	}
	if *out != "" {
		w, err := Create(*out, c.Plan)
		if err != nil {
			return complain(stderr, ExitBadInput, "merge: -out: %v", err)
		}
		for _, r := range c.Results {
			if err = w.Write(r); err != nil {
				break
			}
		}
		if err = errors.Join(err, w.Close()); err != nil {
			return complain(stderr, ExitFailure, "merge: -out: %v", err)
		}
	}
	if status := output.show(c, stdout, stderr); status != ExitOK {
		return status
	}
	if len(c.Missing) > 0 {
		return complain(stderr, ExitFailure, "merge: %d of %d matches are missing: %s (the standings above are of the others)",
			len(c.Missing), c.Plan.Matches, Ranges(c.Missing, 10))
	}
	return ExitOK
}

// ParseIndices reads a list of match indices and ranges, "3,17,40-45", each below matches; the result is
// sorted, without repeats.
func ParseIndices(text string, matches int) ([]int, error) {
	seen := make([]bool, matches)
	for _, part := range strings.Split(text, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		a, b, isRange := strings.Cut(part, "-")
		lo, err1 := strconv.Atoi(a)
		hi, err2 := lo, error(nil)
		if isRange {
			hi, err2 = strconv.Atoi(b)
		}
		if err1 != nil || err2 != nil || lo < 0 || hi < lo || hi >= matches {
			return nil, fmt.Errorf("-matches: %q: want indices or ranges from 0 to %d, like 3,17,40-45", part, matches-1)
		}
		for i := lo; i <= hi; i++ {
			seen[i] = true
		}
	}
	var out []int
	for i, ok := range seen {
		if ok {
			out = append(out, i)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("-matches: no match given")
	}
	return out, nil
}

// intersect keeps the elements of sorted a that are in sorted b.
func intersect(a, b []int) []int {
	var out []int
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			out = append(out, x)
		}
	}
	return out
}

// progress is the line on stderr that shows matches done, matches per second and the time left, redrawn at
// most four times a second; it is drawn only on a terminal. Called on Run's collecting goroutine only.
type progress struct {
	out                io.Writer
	on, shown          bool
	total, start, done int
	began, last        time.Time
}

func newProgress(stderr io.Writer, wanted bool, total, done int) *progress {
	p := &progress{out: stderr, total: total, start: done, done: done, began: time.Now()}
	if f, ok := stderr.(*os.File); ok && wanted {
		st, err := f.Stat()
		p.on = err == nil && st.Mode()&os.ModeCharDevice != 0
	}
	return p
}

func (p *progress) add() {
	p.done++
	if !p.on {
		return
	}
	now := time.Now()
	if now.Sub(p.last) < 250*time.Millisecond && p.done < p.total {
		return
	}
	p.last = now
	rate := float64(p.done-p.start) / now.Sub(p.began).Seconds()
	eta := time.Duration(float64(p.total-p.done) / rate * float64(time.Second)).Round(time.Second)
	fmt.Fprintf(p.out, "\r\x1b[Kmatches %d/%d  %.1f/s  ETA %s", p.done, p.total, rate, eta)
	p.shown = true
}

func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.out, "\r\x1b[K")
	}
}

func runUsage(out io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(out, `headless tournament plays many seeded matches between a field of bots, on every core, and rates the bots.

Usage:
  headless tournament [flags]                  play the tournament (or the matches its results file lacks)
  headless tournament merge [flags] FILES...   combine results files (shards) into one ranking

The field is -bots (built-in names or .star paths; a count puts that many copies of the bot in each of its
matches), or the bots of the -config file, or the six built-in bots. The map is -config's, or the desktop's
default map. The tournament seed is -seed (default: the map's seed); match i's seed is derived from it and i,
so that any match can be played again alone: -matches i, or headless -config MAP -bots A,B -seed SEED with the
seed and bots of its results line.

Each finished match appends one JSON line to the results file; Ctrl-C keeps what is done, and -resume plays
only what is missing. The results are the same, as a set, for any -workers and any interruptions.
Ratings: Bradley-Terry (duels) and Plackett-Luce (melee placings), fitted by MM, with 95% bootstrap intervals.
docs/TOURNAMENTS.md shows how to run shards on Kubernetes, Slurm or GNU parallel and merge them.

Flags:
`)
	fs.SetOutput(out)
	fs.PrintDefaults()
	fs.SetOutput(io.Discard)
	fmt.Fprint(out, `
Examples:
  headless tournament -rounds 20                             the six built-in bots, 600 duels
  headless tournament -format melee -size 4 -rounds 50 -json
  headless tournament -bots chaser,sniper,my.star -plots out  rate a script against two built-ins
  headless tournament -shard 1/3 -out s1.jsonl                 the second of three slices
  headless tournament merge s0.jsonl s1.jsonl s2.jsonl
  headless tournament -bots my.star,chaser,sniper -record lost -record-lost my
                                                             replays of every match my.star lost
  headless tournament -matches 17 -out again.jsonl -record r -record-matches 17
                                                             match 17 again, saved as r/match-17.replay.gz

Exit status: 0 done; 2 bad input (flags, files), with one line on stderr; 1 a failure while running;
130 interrupted (the results so far are kept).
`)
}

func mergeUsage(out io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(out, `headless tournament merge reads results files of one tournament (its shards, or runs of it) and prints the
standings of all their matches: the same as one run that played them all.

Usage:
  headless tournament merge [flags] FILES...

A match found in two files with the same result counts once (reported); with two different results it is an
error. Missing matches are listed on stderr, and the exit status is then 1. A file's cut-short last line (a
killed run) is dropped with a warning; any other bad line is an error naming the file and line (status 2).

Flags:
`)
	fs.SetOutput(out)
	fs.PrintDefaults()
}
