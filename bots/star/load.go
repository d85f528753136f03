package star

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"stackarena/actors"
	"stackarena/match/input"
)

// fileOptions are the dialect bot scripts are written in: Starlark plus what a Python programmer expects of a
// bot loop (while loops, recursion, sets, if/for at top level and top-level names assigned more than once).
var fileOptions = &syntax.FileOptions{
	Set:             true,
	While:           true,
	TopLevelControl: true,
	GlobalReassign:  true,
	Recursion:       true,
}

// program is a compiled bot script: immutable, shared by every bot that runs it.
type program struct {
	path  string // as the user gave it: every error message starts with it
	prog  *starlark.Program
	entry string // the function each bot's tasklet calls with the bot
	// entryPos is where the module first binds entry.
	entryPos syntax.Position
	// loops are the spans of the module's loops (for, while, comprehensions), to place a runaway script.
	loops []span
	src   []byte
}

// Load reads and compiles the bot script at path, once, and returns the Script that runs it for each bot. The
// entry point is main(bot) if the file defines it, else the function named after the file (squarebot.star:
// squarebot(bot)). Every error is one line: a file that cannot be read ("path: cannot read the bot script: ...")
// or, as an *Error, a syntax error, a load statement or a missing entry point ("path:line:col: message").
//
// Load may be called from any goroutine; the Script must run as a bot's tasklet (actors.SpawnBot). There a
// bot holds about 11 KB (its Starlark thread and globals, and a tasklet stack the interpreter grows to 8 KB),
// and each action costs about 0.3 us more than the same action in Go, plus 4-5 ns per step of the script's own
// code, at most StepBudget steps per tick (docs/SCRIPTING.md has the measurements).
//
// Load's scripts run under DefaultLimits in one Sandbox shared by every script it loads; a match loads
// through a Sandbox of its own (Sandbox.Load).
func Load(path string) (actors.Script, error) { return defaultSandbox.Load(path) }

// LoadFile is Load that also returns the source it compiled, for a replay to keep the exact script its bots ran.
func LoadFile(path string) (actors.Script, []byte, error) { return defaultSandbox.LoadFile(path) }

// LoadSource is Load for a script held in memory (tests, embedded examples): name is the file name that error
// messages show and that names the fallback entry point.
func LoadSource(name string, src []byte) (actors.Script, error) {
	return defaultSandbox.LoadSource(name, src)
}

// MaxScriptBytes is the largest bot script Load reads: a regular file of at most 1 MB (the example bots are
// under 2 KB). A bigger file, a directory, a FIFO or a device is a one-line error.
const MaxScriptBytes = 1 << 20

func compileFile(path string) (*program, error) {
	src, err := input.ReadFile(path, MaxScriptBytes)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the bot script: %v", input.Shorten(path), err)
	}
	return compile(path, src)
}

func compile(name string, src []byte) (*program, error) {
	if i := bytes.IndexByte(src, 0); i >= 0 { // Starlark would read on past it
		line := 1 + bytes.Count(src[:i], []byte("\n"))
		col := 1 + i - (bytes.LastIndexByte(src[:i], '\n') + 1)
		return nil, &Error{Pos: syntax.MakePosition(&name, int32(line), int32(col)), Msg: "a NUL byte: a bot script is text"}
	}
	f, prog, err := starlark.SourceProgramOptions(fileOptions, name, src, predeclared.Has)
	if err != nil {
		return nil, loadError(name, err)
	}
	if prog.NumLoads() > 0 {
		_, pos := prog.Load(0)
		return nil, &Error{Pos: pos, Msg: "load is not available: a bot script is one file"}
	}
	entry, pos, err := entryPoint(name, f)
	if err != nil {
		return nil, err
	}
	return &program{path: name, prog: prog, entry: entry, entryPos: pos, loops: loopSpans(f), src: src}, nil
}

// span is a piece of a file, from start to end.
type span struct{ start, end syntax.Position }

func (s span) contains(p syntax.Position) bool {
	return !before(p, s.start) && before(p, s.end)
}

func before(p, q syntax.Position) bool {
	return p.Line < q.Line || p.Line == q.Line && p.Col < q.Col
}

func loopSpans(f *syntax.File) []span {
	var loops []span
	syntax.Walk(f, func(n syntax.Node) bool {
		switch n.(type) {
		case *syntax.ForStmt, *syntax.WhileStmt, *syntax.Comprehension:
			start, end := n.Span()
			loops = append(loops, span{start, end})
		}
		return true
	})
	return loops
}

// inLoop reports whether p lies in one of the module's loops.
func (p *program) inLoop(pos syntax.Position) bool {
	for _, l := range p.loops {
		if l.contains(pos) {
			return true
		}
	}
	return false
}

// loadError turns a parse or resolve error into an *Error: one line, "file:line:col: message", with "(and n
// more)" when the resolver found several.
func loadError(name string, err error) error {
	switch e := err.(type) {
	case syntax.Error:
		return &Error{Pos: e.Pos, Msg: e.Msg}
	case resolve.ErrorList:
		msg := e[0].Msg
		if len(e) > 1 {
			msg += fmt.Sprintf(" (and %d more)", len(e)-1)
		}
		return &Error{Pos: e[0].Pos, Msg: msg}
	}
	return fmt.Errorf("%s: %v", name, err)
}

// entryPoint finds the function each bot runs: main if the module defines it at top level, else the function
// named after the file. A def of it must take the bot.
func entryPoint(name string, f *syntax.File) (string, syntax.Position, error) {
	fileFunc := strings.TrimSuffix(filepath.Base(name), filepath.Ext(name))
	globals := map[string]syntax.Position{}
	for _, b := range f.Module.(*resolve.Module).Globals {
		globals[b.First.Name] = b.First.NamePos
	}
	entry := "main"
	pos, ok := globals[entry]
	if !ok {
		entry = fileFunc
		if pos, ok = globals[entry]; !ok {
			return "", pos, &Error{Pos: syntax.MakePosition(&f.Path, 1, 1),
				Msg: fmt.Sprintf("no entry point: define main(bot) (or %s(bot)), the function each bot runs", fileFunc)}
		}
	}
	for _, stmt := range f.Stmts {
		if def, ok := stmt.(*syntax.DefStmt); ok && def.Name.Name == entry && len(def.Params) == 0 {
			return "", pos, &Error{Pos: def.Name.NamePos, Msg: fmt.Sprintf("%s must take the bot: def %s(bot):", entry, entry)}
		}
	}
	return entry, pos, nil
}

// Error is a bot script's error at a place in its file: a syntax error from Load, or a runtime error, which
// the script's tasklet panics with so that the World buries the bot and logs the error with ScriptBacktrace in
// its console.
type Error struct {
	// Pos is where it happened; its file name is the script's path as given to Load.
	Pos syntax.Position
	// Msg is what happened.
	Msg string
	// Backtrace is the Starlark call stack of a runtime error, innermost call last; empty for load errors.
	Backtrace string
}

// Error is "file:line:col: message", on one line.
func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// ScriptBacktrace is the Starlark backtrace of a runtime error ("Traceback (most recent call last): ..."), or
// the message alone for a load error. The World logs it in the bot's console in place of the Go stack.
func (e *Error) ScriptBacktrace() string {
	if e.Backtrace == "" {
		return e.Error()
	}
	return e.Backtrace
}
