// Package nodisplay lets the desktop command answer on a machine with no display.
//
// Ebitengine connects to the display while the program initialises, and without one it panics with a goroutine
// trace before main runs. Imported for its side effect by the command's main package, this package initialises
// before Ebitengine's UI does (Go initialises packages in import-path order as soon as their imports are ready,
// and Ebitengine's UI waits on packages that this one does not; the command's tests check that the order holds).
// When there is no display it does the part of the command that needs none, and exits: -h prints the usage
// (status 0), a bad flag its one-line error (status 2), and a good command line the one line that says the
// display is missing (status 2). With a display it does nothing.
package nodisplay

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"stackarena/window/cmdline"
)

func init() {
	if why := missing(); why != "" {
		os.Exit(answer(os.Args[1:], why))
	}
}

// answer is the command's whole run without a display: it returns the exit status.
func answer(args []string, why string) int {
	_, err := cmdline.Parse(args, os.Stdout)
	switch {
	case errors.Is(err, cmdline.ErrHelp):
		return 0
	case err != nil:
		msg, _, _ := strings.Cut(err.Error(), "\n")
		fmt.Fprintln(os.Stderr, "stackarena: "+msg)
	default:
		fmt.Fprintf(os.Stderr, "stackarena: no display (%s): the arena needs a window; play without one with the headless command: go run ./headless\n", why)
	}
	return 2
}
