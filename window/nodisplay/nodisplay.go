// Package nodisplay lets the desktop command answer on a machine with no display.
//
// Ebitengine connects to the display while the program initialises, and without one it panics with a goroutine
// trace before main runs. Imported for its side effect by the command's main package, this package initialises
// before Ebitengine's UI does: Go initialises packages in import-path order as soon as their imports are ready,
// this one imports only a few small packages of the standard library, and Ebitengine's UI waits on the network
// packages (for X11), which wait on packages that sort after this one. The command's tests check that the order
// holds.
//
// Without a display it does the part of the command that needs none, and exits: -h prints the usage (status 0);
// a flag the command does not define, or one without its value, gets the one-line error the command would print
// (status 2); any other command line gets the one line that says the display is missing (status 2). Checking
// what the flags' values mean (a bot's name, a config file) needs the match packages, which initialise after
// Ebitengine, so it is left to the command with a display. The usage and the flags' names come from
// flags_gen.go, which package cmdline's tests keep in step with the command's own flags. With a display this
// package does nothing.
package nodisplay

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

func init() {
	if why := missing(); why != "" {
		os.Exit(Answer(os.Args[1:], os.Stdout, os.Stderr, why))
	}
}

// Answer is the command's whole run without a display, why being what is missing: it writes the usage or one
// line, and returns the exit status.
func Answer(args []string, stdout, stderr io.Writer, why string) int {
	fs := flag.NewFlagSet("stackarena", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	for _, f := range Flags {
		if f.Bool {
			fs.Bool(f.Name, false, "")
		} else {
			fs.String(f.Name, "", "")
		}
	}
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, Usage)
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "stackarena: %v (see -h)\n", err)
	case fs.NArg() > 0:
		fmt.Fprintf(stderr, "stackarena: unexpected argument %q: every setting is a flag (see -h)\n", fs.Arg(0))
	default:
		fmt.Fprintf(stderr, "stackarena: no display (%s): the arena needs a window; play without one with the headless command: go run ./headless\n", why)
	}
	return 2
}

// A Flag is one of the command's flags: its name, and whether it is a boolean (which takes no value).
type Flag struct {
	Name string
	Bool bool
}
