package actors_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// reachable walks every exported method of the handle types, and from each method's results every type a script
// can get its hands on: pointed-to, element, exported field, and the results of their methods and of returned
// functions, transitively. It returns the named types it met (and the unnamed pointers to them) by name.
func reachable(roots ...reflect.Type) map[string]reflect.Type {
	seen := map[reflect.Type]bool{}
	named := map[string]reflect.Type{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		if seen[t] {
			return
		}
		seen[t] = true
		if t.Name() != "" {
			named[t.String()] = t
		}
		switch t.Kind() {
		case reflect.Pointer:
			named[t.String()] = t
			walk(t.Elem())
		case reflect.Slice, reflect.Array, reflect.Chan:
			walk(t.Elem())
		case reflect.Map:
			walk(t.Key())
			walk(t.Elem())
		case reflect.Struct:
			for f := range t.Fields() {
				if f.IsExported() {
					walk(f.Type)
				}
			}
		case reflect.Func:
			for out := range t.Outs() {
				walk(out)
			}
		}
		for m := range t.Methods() { // exported methods only; an interface's too
			walk(m.Type)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return named
}

// hasPointers reports whether a value of t can point at shared state (a pointer, a slice, a map, a channel, a
// function or an interface, anywhere inside).
func hasPointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Chan, reflect.Func, reflect.Interface, reflect.UnsafePointer:
		return true
	case reflect.Array:
		return hasPointers(t.Elem())
	case reflect.Struct:
		for f := range t.Fields() {
			if hasPointers(f.Type) {
				return true
			}
		}
	}
	return false
}

// What a script's handle reaches is the handle itself, its own random source, and plain values: nothing of the
// World's (no *engine.World, *engine.Bot, control or driver), and nothing that points at shared state.
func TestNothingReachableFromAHandleReachesTheWorld(t *testing.T) {
	for _, tc := range []struct {
		root  reflect.Type
		owned []string // the handles reachable from the root: each changes only its own actor (or, a Victim, is the bullet's hit)
	}{
		{reflect.TypeFor[*actors.Bot](), []string{"*actors.Bot", "*rand.Rand"}},
		{reflect.TypeFor[*actors.Door](), []string{"*actors.Door"}},
		{reflect.TypeFor[*actors.Bullet](), []string{"*actors.Bullet", "*actors.Victim"}},
	} {
		t.Run(tc.root.String(), func(t *testing.T) {
			var handles []string
			for name, ty := range reachable(tc.root) {
				assert.NotContains(t, []string{"*engine.World", "*engine.Bot", "*engine.Door", "*engine.Bullet"}, name)
				if strings.HasPrefix(ty.PkgPath(), "stackarena/engine") || strings.HasPrefix(ty.PkgPath(), "stackarena/scheduler") {
					assert.False(t, hasPointers(ty), "%s is the World's and points into it", name)
				}
				if ty.Kind() == reflect.Pointer || ty.Kind() == reflect.Interface && name != "error" {
					handles = append(handles, name)
				}
			}
			slices.Sort(handles)
			want := slices.Clone(tc.owned)
			slices.Sort(want)
			assert.Equal(t, want, handles, "the only handles a script can reach")
		})
	}
	// A bullet's find: all it can do is tell who it is and hurt it.
	var victim []string
	for m := range reflect.TypeFor[*actors.Victim]().Methods() {
		victim = append(victim, m.Name)
	}
	assert.Equal(t, []string{"AddDamage", "ID"}, victim)
}

// callable gives an argument of type t that a script could pass.
func argument(t reflect.Type) reflect.Value {
	switch t.Kind() {
	case reflect.Float64:
		return reflect.ValueOf(1.0)
	case reflect.Int:
		return reflect.ValueOf(1)
	case reflect.String:
		return reflect.ValueOf("x")
	case reflect.Func:
		if t == reflect.TypeFor[actors.Script]() {
			return reflect.ValueOf(actors.Script(func(*actors.Bot) {}))
		}
		return reflect.MakeFunc(t, func([]reflect.Value) []reflect.Value {
			out := make([]reflect.Value, t.NumOut())
			for i := range out {
				out[i] = reflect.Zero(t.Out(i))
			}
			return out
		})
	}
	return reflect.Zero(t)
}

// snapshot is everything of a bot another script might change.
type snapshot struct {
	Pos                        engine.Vec
	Heading, Gun, Speed, Power float64
	Heat                       float64
	Alive, Running             bool
	Where                      string
	Console                    []string
	Kills, Shots, Hits         int
}

func snap(b *engine.Bot) snapshot {
	return snapshot{b.Pos(), b.Heading(), b.GunHeading(), b.Speed(), b.Energy(), b.GunHeat(), b.Alive(), b.Running(),
		b.Where(), b.Console(), b.Kills(), b.Shots(), b.Hits()}
}

// Every method of a bot's handle, called from its script with arguments a script could pass, leaves another bot
// as it was: its body, its console, its events, its script and its random numbers.
func TestNoMethodOfABotChangesAnother(t *testing.T) {
	w := newWorld(t, engine.Config{Width: 4000, Height: 3000, Seed: 3})
	var called []string
	actor := spawn(t, w, "actor", func(bot *actors.Bot) {
		bot.Wait(40) // both guns cool down first
		h := reflect.ValueOf(bot)
		for i := range h.NumMethod() {
			m := h.Type().Method(i)
			if m.Name == "Restart" {
				assert.Error(t, bot.Restart(func(*actors.Bot) {}), "a script cannot restart a bot, its own included")
				called = append(called, m.Name)
				continue
			}
			var args []reflect.Value
			for j := range m.Type.NumIn() - 1 {
				in := m.Type.In(j + 1)
				if m.Type.IsVariadic() && j == m.Type.NumIn()-2 {
					in = in.Elem()
				}
				args = append(args, argument(in))
			}
			h.Method(i).Call(args)
			called = append(called, m.Name)
		}
		bot.Wait(1 << 30)
	})
	var heard []actors.Event
	var drawn uint64
	other := spawn(t, w, "other", func(bot *actors.Bot) {
		for range 220 {
			bot.Wait(1)
			heard = append(heard, bot.Events()...)
		}
		drawn = bot.Rand().Uint64()
		bot.Wait(1 << 30)
	})
	// Its shots fly toward (1, 1), where AimAt(1, 1) turns the gun, and it drives at speed 1: the other bot is
	// far from both.
	a, body := w.Bot(actor.ID()), w.Bot(other.ID())
	require.Greater(t, a.Pos().Dist(body.Pos()), 1000.0)
	require.Greater(t, math.Abs(engine.NormalizeTurn(a.Pos().BearingTo(engine.Vec{X: 1, Y: 1})-a.Pos().BearingTo(body.Pos()))), 45.0)
	step(t, w, 35)
	before := snap(body)
	step(t, w, 200)
	require.Equal(t, reflect.TypeFor[*actors.Bot]().NumMethod(), len(called), "every method was called: %v", called)
	assert.Equal(t, before, snap(body), "nothing of the other bot changed")
	assert.Empty(t, heard, "the other bot heard of nothing")
	assert.Equal(t, rand.New(rand.NewPCG(3, uint64(other.ID()))).Uint64(), drawn, "its random numbers are its own")
	assert.Positive(t, w.Bot(actor.ID()).Shots(), "the calls did act: the bot fired")
	assert.Empty(t, w.ScriptErrors())
}

// exportedVars lists the exported package-level variables declared in the non-test Go files of dir, as
// "pkg.Name".
func exportedVars(t *testing.T, dir string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	var vars []string
	fset := token.NewFileSet()
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
				for _, spec := range gen.Specs {
					for _, name := range spec.(*ast.ValueSpec).Names {
						if name.IsExported() {
							vars = append(vars, f.Name.Name+"."+name.Name)
						}
					}
				}
			}
		}
	}
	require.NotEmpty(t, files, "no Go files in %s", dir)
	slices.Sort(vars)
	return vars
}

// The rules live in constants and functions: a Go bot is compiled into the match's process, so an exported
// package-level variable of actors or engine is one it could assign, changing the rules for every bot (the
// argument ranges were such variables once). Only these may exist, each for the reason given, and a new one fails
// here until it is a constant, a function, or justified in this list.
func TestNoExportedVariablesInTheRules(t *testing.T) {
	allowed := map[string]string{
		// Go's sentinel-error idiom (io.EOF): compared with errors.Is, so it must be a comparable value, not a
		// call. Assigning it changes which errors a caller recognises, never what any bot may do.
		"actors.ErrBadArgument": "a sentinel error",
	}
	var found []string
	for _, dir := range []string{".", "../engine"} {
		found = append(found, exportedVars(t, dir)...)
	}
	assert.ElementsMatch(t, slices.Sorted(maps.Keys(allowed)), found,
		"exported package-level variables of actors and engine: make each a constant or a function, or justify it in the allow-list")
}
