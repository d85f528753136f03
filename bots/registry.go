// Package bots holds the built-in bot scripts, the talk's squarebot and spinbot first, and a registry that
// finds them by name for match configs and the command line. Each bot is short, straight-line Go: copy one to
// start your own.
package bots

import (
	"slices"

	"stackarena/actors"
)

// Info describes a built-in bot.
type Info struct {
	Name   string
	About  string
	Script actors.Script
}

var registry = []Info{
	{"squarebot", "the talk's squarebot: small squares, a shot at every corner, then a random turn", Squarebot},
	{"spinbot", "the talk's spinbot: turns on the spot and shoots", Spinbot},
	{"chaser", "sweeps its radar, turns to the first bot it sees, closes in and shoots", Chaser},
	{"wallhugger", "runs along the walls with its gun pointed inward", WallHugger},
	{"dodger", "aims at what it sees and runs sideways when hit", Dodger},
	{"sniper", "stays put and fires full-power, leading shots at distant bots", Sniper},
}

// Lookup returns the built-in bot with the given name.
func Lookup(name string) (Info, bool) {
	i := slices.IndexFunc(registry, func(in Info) bool { return in.Name == name })
	if i < 0 {
		return Info{}, false
	}
	return registry[i], true
}

// All lists the built-in bots, in a fixed order.
func All() []Info { return slices.Clone(registry) }

// Names lists the built-in bots' names, in the same order as All.
func Names() []string {
	names := make([]string, len(registry))
	for i, in := range registry {
		names[i] = in.Name
	}
	return names
}
