// Command window opens the desktop arena on a match with the orbiter (package mybot, registered when imported)
// in it, and your tank, as the repository's desktop command does; it takes the same flags (see -h):
//
//	go run ./examples/mybot/window [-bots orbiter=3,chaser=2,...] [-seed N] [-player=false] ...
//
// Without -bots or -config the default map is played with two orbiters and the built-in bots. It needs a
// display; without one it says so in one line (package nodisplay), and bad input is one line and exit status 2.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"stackarena/bots"
	"stackarena/examples/mybot"
	"stackarena/window"
	"stackarena/window/cmdline"
	_ "stackarena/window/nodisplay" // answers without a display, before Ebitengine would panic
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is the whole command; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if !slices.ContainsFunc(args, func(a string) bool {
		name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
		return strings.HasPrefix(a, "-") && (name == "bots" || name == "config")
	}) {
		args = append([]string{"-bots", defaultBots()}, args...)
	}
	set, err := cmdline.Parse(args, stdout)
	if errors.Is(err, cmdline.ErrHelp) {
		return 0
	}
	if err != nil {
		return fail(stderr, 2, err)
	}
	g, err := window.NewGame(window.Options{Match: set.Match, Player: set.Player, Speed: set.Speed,
		Frames: set.Frames, Width: set.Width, Height: set.Height, Fullscreen: set.Fullscreen, Inspect: set.Inspect})
	if err != nil {
		return fail(stderr, 2, err)
	}
	if err := g.Run(); err != nil {
		return fail(stderr, 1, err)
	}
	return 0
}

// defaultBots is two orbiters and one of each built-in bot, as -bots takes them.
func defaultBots() string {
	specs := []string{mybot.Name + "=2"}
	for _, in := range bots.All() {
		if in.Name != mybot.Name {
			specs = append(specs, in.Name+"=1")
		}
	}
	return strings.Join(specs, ",")
}

// fail prints err as one line and returns status.
func fail(stderr io.Writer, status int, err error) int {
	msg, _, _ := strings.Cut(err.Error(), "\n")
	fmt.Fprintln(stderr, "window: "+msg)
	return status
}
