// Command headless plays stackarena matches without a window and prints their reports; its bench subcommand
// measures the tasklet scheduler against its peers on the same behaviours. It builds with CGO_ENABLED=0 and
// imports no ebiten, so it runs anywhere Go does: in CI, over ssh, in batch runs.
//
// Usage:
//
//	headless [flags]          play a match to its end and print its report
//	headless bench [flags]    measure ticks per second, time, memory and allocations per actor
//	headless replay [flags] FILE  re-simulate a recorded match (headless -record FILE) and print its report
//	headless tournament ...       play many seeded matches on every core and rate the bots (package tournament)
//
// headless -h, headless bench -h and headless replay -h list the flags, with examples. The exit status is 0 on
// success, 2 for bad input (a flag, a config file, a bot name, an arena too small for its bots, a bad replay), 1
// when something fails while running (a replay that does not re-simulate to its stored hashes included), and
// 130 when a match is interrupted (its report is printed all the same). An internal error, a bug (a panic in the
// engine, not in a bot's script: that kills the bot only), exits with 3 and one line on stderr giving the file
// the stack was written to (match.Guard).
package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"stackarena/headless/tournament"
	"stackarena/match"
)

// Exit statuses.
const (
	exitOK          = 0
	exitFailure     = 1   // something failed while running
	exitBadInput    = 2   // the command line or a file it names is wrong
	exitInterrupted = 130 // 128 + SIGINT, as shells report it
)

func main() {
	args := os.Args[1:]
	os.Exit(match.Guard("headless", args, os.Stderr, func() int { return run(args, os.Stdout, os.Stderr) }))
}

// run is the whole command: it parses args, writes results to stdout and diagnostics to stderr, and returns the
// exit status. Tests call it directly.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "bench":
			return benchCommand(args[1:], stdout, stderr)
		case "replay":
			return replayCommand(args[1:], stdout, stderr)
		case benchRowCommand:
			return benchRow(args[1:], stdout, stderr)
		case "tournament":
			return tournament.Command(args[1:], stdout, stderr, os.Getenv)
		}
	}
	return play(args, stdout, stderr)
}

// complain writes msg to stderr as one line, "headless: msg", and returns status.
func complain(stderr io.Writer, status int, format string, args ...any) int {
	msg := fmt.Sprintf(format, args...)
	msg = strings.Join(strings.Fields(strings.ReplaceAll(msg, "\n", "; ")), " ")
	fmt.Fprintln(stderr, "headless: "+msg)
	return status
}
