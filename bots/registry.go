// Package bots holds the built-in bot scripts, the talk's squarebot and spinbot first, and a registry that
// finds bots by name for match configs and the command line. Each bot is short, straight-line Go: copy one to
// start your own, and Register it from your own program (examples/mybot does) to play it without editing this
// repository.
package bots

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"stackarena/actors"
)

// Info describes a bot of the registry.
type Info struct {
	Name   string
	About  string
	Script actors.Script
}

// mu guards registry: Register may run in any package's init, and Lookup on any goroutine.
var mu sync.RWMutex

// registry is the built-in bots, then the registered ones in the order they were registered.
var registry = []Info{
	{"squarebot", "the talk's squarebot: small squares, a shot at every corner, then a random turn", Squarebot},
	{"spinbot", "the talk's spinbot: turns on the spot and shoots", Spinbot},
	{"chaser", "sweeps its radar, turns to the first bot it sees, closes in and shoots", Chaser},
	{"wallhugger", "runs along the walls with its gun pointed inward", WallHugger},
	{"dodger", "aims at what it sees and runs sideways when hit", Dodger},
	{"sniper", "stays put and fires full-power, leading shots at distant bots", Sniper},
}

// Register adds a Go bot to the registry under name, so that match configs, -bots and every command that takes
// a bot's name find it, as they find the built-in bots. about is a line for people. It is an error, and nothing
// is added, if the name is taken (by a built-in or an earlier Register), if it is empty, if it could not be
// written in -bots or a config (it must not contain '=', ',', '#', a slash, a backslash or whitespace, nor end
// in ".star", which names a Starlark file), or if script is nil.
//
// Call it before building a match, typically from main or an init function; it is safe on any goroutine. O(bots).
func Register(name, about string, script actors.Script) error {
	switch {
	case name == "":
		return errors.New("register a bot: empty name")
	case strings.ContainsAny(name, "=,#/\\") || strings.ContainsFunc(name, unicode.IsSpace):
		return fmt.Errorf("register bot %q: a name has no '=', ',', '#', slash, backslash or whitespace", name)
	case strings.HasSuffix(name, ".star"):
		return fmt.Errorf("register bot %q: a name ending in .star names a Starlark file", name)
	case script == nil:
		return fmt.Errorf("register bot %q: nil script", name)
	}
	mu.Lock()
	defer mu.Unlock()
	if slices.ContainsFunc(registry, func(in Info) bool { return in.Name == name }) {
		return fmt.Errorf("register bot %q: the name is taken", name)
	}
	registry = append(registry, Info{Name: name, About: about, Script: script})
	return nil
}

// Lookup returns the bot with the given name: a built-in one or a registered one. O(bots).
func Lookup(name string) (Info, bool) {
	mu.RLock()
	defer mu.RUnlock()
	i := slices.IndexFunc(registry, func(in Info) bool { return in.Name == name })
	if i < 0 {
		return Info{}, false
	}
	return registry[i], true
}

// All lists the bots, the built-in ones first, then the registered ones in the order they were registered.
func All() []Info {
	mu.RLock()
	defer mu.RUnlock()
	return slices.Clone(registry)
}

// Names lists the bots' names, in the same order as All.
func Names() []string {
	mu.RLock()
	defer mu.RUnlock()
	names := make([]string, len(registry))
	for i, in := range registry {
		names[i] = in.Name
	}
	return names
}
