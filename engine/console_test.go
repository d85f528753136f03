package engine_test

import (
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// consoleBytes is the size of a console's lines together.
func consoleBytes(lines []string) int {
	n := 0
	for _, l := range lines {
		n += len(l)
	}
	return n
}

// The console is capped in lines, in bytes and per line, whatever a script writes.
func TestConsoleIsCapped(t *testing.T) {
	long := strings.Repeat("é", 3000) // 6000 bytes, two per character: a cut must not split one
	tests := []struct {
		name  string
		say   func(bot *actors.Bot)
		lines int    // how many lines the console keeps
		last  string // its last line, without the tick
	}{
		{"short lines", func(bot *actors.Bot) {
			for i := range 100 {
				bot.Log("line ", i)
			}
		}, engine.ConsoleLines, "line 99"},
		{"a long line is cut", func(bot *actors.Bot) { bot.Log(long) }, 1, strings.Repeat("é", (engine.ConsoleLineBytes-len("[1] ")-len("…"))/2) + "…"},
		{"long lines fill the bytes", func(bot *actors.Bot) {
			for range 100 {
				bot.Log(long)
			}
		}, engine.ConsoleBytes / engine.ConsoleLineBytes, strings.Repeat("é", (engine.ConsoleLineBytes-len("[1] ")-len("…"))/2) + "…"},
		{"one text of many lines keeps its last ones", func(bot *actors.Bot) {
			bot.Log(strings.Repeat("a\n", 1_000_000) + "z\n\n\n")
		}, engine.ConsoleLines, "z"},
		{"newlines only", func(bot *actors.Bot) { bot.Log(strings.Repeat("\n", 10_000)) }, 1, ""},
		{"a line of exactly ConsoleLineBytes is kept whole", func(bot *actors.Bot) {
			bot.Log(strings.Repeat("x", engine.ConsoleLineBytes-len("[1] ")))
		}, 1, strings.Repeat("x", engine.ConsoleLineBytes-len("[1] "))},
		{"whole lines that fill ConsoleBytes exactly are all kept", func(bot *actors.Bot) {
			for range 100 {
				bot.Log(strings.Repeat("x", engine.ConsoleLineBytes-len("[1] ")))
			}
		}, engine.ConsoleBytes / engine.ConsoleLineBytes, strings.Repeat("x", engine.ConsoleLineBytes-len("[1] "))},
		{"invalid UTF-8 with no character start is cut to nothing", func(bot *actors.Bot) {
			bot.Log(strings.Repeat("\x80", 2*engine.ConsoleLineBytes))
		}, 1, "…"},
		{"10 MB without a newline", func(bot *actors.Bot) { bot.Log(strings.Repeat("x", 10<<20)) }, 1, strings.Repeat("x", engine.ConsoleLineBytes-len("[1] ")-len("…")) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorld(t, engine.Config{})
			b := spawn(t, w, "talker", func(bot *actors.Bot) { tt.say(bot); idle(bot) })
			spawn(t, w, "idle", idle)
			step(t, w, 1)
			console := w.Bot(b.ID()).Console()
			require.Len(t, console, tt.lines)
			assert.LessOrEqual(t, consoleBytes(console), engine.ConsoleBytes)
			for _, l := range console {
				assert.LessOrEqual(t, len(l), engine.ConsoleLineBytes)
				assert.True(t, utf8.ValidString(l), "cut on a character boundary")
			}
			assert.Equal(t, "[1] "+tt.last, console[len(console)-1])
		})
	}
}

// The case, scaled down: 8 bots saying 1 MB a tick (in two lines) for 30 ticks, 240 MB in all. The
// consoles hold at most ConsoleBytes each, and nothing keeps the big strings alive: the live heap afterwards is
// a few of them at most (consoles of whole lines would hold all of it).
func TestConsoleKeepsNoBigString(t *testing.T) {
	// What earlier tests of the process left alive (with -count > 1, the worlds of the runs before) is not this
	// test's: the bound is on what the heap grew by.
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	w := newWorld(t, engine.Config{Width: 1200, Height: 900})
	half := strings.Repeat("y", 512<<10)
	var bots []*actors.Bot
	for range 8 {
		bots = append(bots, spawn(t, w, "chatty", func(bot *actors.Bot) {
			for {
				bot.Say("%s\n%s", half, half)
				bot.Yield()
			}
		}))
	}
	step(t, w, 30)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	for _, b := range bots {
		assert.LessOrEqual(t, consoleBytes(w.Bot(b.ID()).Console()), engine.ConsoleBytes)
	}
	grown := int64(ms.HeapAlloc) - int64(before.HeapAlloc)
	assert.Less(t, grown, int64(8<<20), "live heap growth after 8 bots said 1 MB a tick for 30 ticks")
}
