// Command headless plays the orbiter (package mybot, registered when imported) in a match without a window and
// prints the report, as the repository's headless command does:
//
//	go run ./examples/mybot/headless [-bots orbiter=2,chaser=2,...] [-seed N] [-ticks N] [-arena WxH] [-config file]
//
// Without -bots or -config the orbiter meets one of each built-in bot. Bad input is one line on stderr and exit
// status 2.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"time"

	"stackarena/bots"
	"stackarena/examples/mybot"
	"stackarena/match"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the whole command; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("headless", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	flags := match.AddFlags(fs)
	if err := fs.Parse(args); err != nil {
		return fail(stderr, err)
	}
	if fs.NArg() > 0 {
		return fail(stderr, fmt.Errorf("unexpected argument %q", fs.Arg(0)))
	}
	base := match.Config{Seed: 1, Bots: []match.BotSpec{{Name: mybot.Name, Count: 2}}}
	for _, in := range bots.All() {
		if in.Name != mybot.Name {
			base.Bots = append(base.Bots, match.BotSpec{Name: in.Name, Count: 1})
		}
	}
	c, err := flags.Config(base)
	if err != nil {
		return fail(stderr, err)
	}
	m, err := match.Build(c, match.Options{})
	if err != nil {
		return fail(stderr, err)
	}
	defer m.World.Close()
	start := time.Now()
	for !m.World.Over() {
		if err := m.World.Step(); err != nil {
			fmt.Fprintln(stderr, "headless:", err)
			return 1
		}
	}
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	match.NewReport(m.World, time.Since(start), mem.Sys).WriteText(stdout, 0)
	return 0
}

// fail prints err as one line and returns the bad-input status.
func fail(stderr io.Writer, err error) int {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	fmt.Fprintln(stderr, "headless: "+msg)
	return 2
}
