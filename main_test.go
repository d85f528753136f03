package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
	"stackarena/match/replay"
	"stackarena/window/cmdline"
)

// Bad input is one line on stderr and exit status 2, before any window opens.
func TestBadInput(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"-bogus"}, "flag provided but not defined: -bogus (see -h)"},
		{[]string{"-bots", "nosuchbot=1"}, `unknown bot "nosuchbot"`},
		{[]string{"-bots", "spinbot=lots"}, "whole number"},
		{[]string{"-arena", "big"}, "WIDTHxHEIGHT"},
		{[]string{"-bots", "spinbot=3000"}, "too small"},
		{[]string{"-arena", "400x300", "-bots", "spinbot=60"}, "too small"},
		{[]string{"-config", "no/such/file.json"}, "reading match config"},
		{[]string{"-speed", "3"}, "-speed: speed \"3\": must be one of"},
		{[]string{"-frames", "-1"}, "-frames -1"},
		{[]string{"-window", "10x10"}, "-window \"10x10\""},
		{[]string{"-screenshot", "shot.jpg"}, "must end in .png"},
		{[]string{"-inspect", "99"}, "-inspect 99: the match has bots 1 to 11"},
		{[]string{"-player=false", "-inspect", "11"}, "bots 1 to 10"},
		{[]string{"extra"}, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			assert.Equal(t, exitBadInput, run(tt.args, &stdout, &stderr))
			assert.Empty(t, stdout.String())
			msg := stderr.String()
			assert.True(t, strings.HasPrefix(msg, "stackarena: "), msg)
			assert.Equal(t, 1, strings.Count(msg, "\n"), "one line: %q", msg)
			assert.Contains(t, msg, tt.msg)
		})
	}
}

func TestHelp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, exitOK, run([]string{"-h"}, &stdout, &stderr))
	assert.Empty(t, stderr.String())
	for _, flag := range []string{"Usage: stackarena", "-bots", "-seed", "-player", "-speed", "-frames", "-screenshot", "-window", "-inspect"} {
		assert.Contains(t, stdout.String(), flag)
	}
}

func TestParseArgs(t *testing.T) {
	opt, err := parseArgs([]string{"-seed", "7", "-speed", "2x", "-frames", "10", "-player=false", "-window", "800x600",
		"-screenshot", t.TempDir() + "/a/shot.png", "-inspect", "3"}, nil)
	require.NoError(t, err)
	g := opt.game
	assert.Equal(t, uint64(7), g.Match.Seed)
	assert.NotEmpty(t, g.Match.Walls, "the default map")
	assert.Equal(t, 2.0, g.Speed)
	assert.Equal(t, 10, g.Frames)
	assert.False(t, g.Player)
	assert.True(t, g.Capture)
	assert.Equal(t, [2]int{800, 600}, [2]int{g.Width, g.Height})
	assert.Equal(t, 3, g.Inspect)
	assert.Equal(t, match.DefaultCores(), g.Cores, "the machine's cores")

	opt, err = parseArgs(nil, nil)
	require.NoError(t, err)
	assert.True(t, opt.game.Player, "you play by default")
	assert.Equal(t, 1.0, opt.game.Speed)
	assert.Zero(t, opt.game.Frames)
	assert.False(t, opt.game.Capture)
}

// The reload key restarts the bots of a .star file that changed, and leaves the others alone.
func TestScriptReloader(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "walker.star")
	require.NoError(t, os.WriteFile(path, []byte("def main(bot):\n    while True:\n        bot.forward(40)\n        bot.turn(90)\n"), 0o644))
	m, err := match.Build(match.Config{Width: 800, Height: 600, Seed: 3,
		Bots: []match.BotSpec{{Name: "chaser", Count: 1}, {Name: path, Count: 2}}}, match.Options{})
	require.NoError(t, err)
	defer m.World.Close()
	r := &scriptReloader{}
	r.Track(m)
	for range 10 {
		require.NoError(t, m.World.Step())
	}
	reloaded, err := r.Reload()
	require.NoError(t, err)
	assert.Empty(t, reloaded, "nothing changed")

	require.NoError(t, os.WriteFile(path, []byte("def main(bot):\n    bot.say('new script')\n    bot.wait(100000)\n"), 0o644))
	reloaded, err = r.Reload()
	require.NoError(t, err)
	assert.Equal(t, []string{path}, reloaded)
	require.NoError(t, m.World.Step())
	for _, b := range m.Bots[1:] {
		assert.Contains(t, strings.Join(m.World.Bot(b.ID()).Console(), "\n"), "new script")
	}
	assert.NotContains(t, strings.Join(m.World.Bot(m.Bots[0].ID()).Console(), "\n"), "reloaded", "the Go bot is left alone")

	require.NoError(t, os.WriteFile(path, []byte("def main(bot)\n"), 0o644))
	_, err = r.Reload()
	assert.ErrorContains(t, err, "walker.star:2:1: got newline, want ':'", "a broken file keeps the old script and says where")
}

// Without a display the command still checks its flags and prints its usage (the same as with one), in one line
// and without the goroutine trace Ebitengine's start-up would print: package nodisplay must initialise before
// Ebitengine's UI.
func TestNoDisplay(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	bin := filepath.Join(t.TempDir(), "stackarena")
	build := exec.Command("go", "build", "-o", bin, ".")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)

	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DISPLAY=") {
			env = append(env, kv)
		}
	}
	tests := []struct {
		args   []string
		status int
		stdout string // a fragment of stdout; "" wants it empty
		stderr string // a fragment of the one line on stderr; "" wants it empty
	}{
		{[]string{"-h"}, 0, "Usage: stackarena", ""},
		{nil, 2, "", "stackarena: no display (DISPLAY is not set)"},
		{[]string{"-seed", "3", "-player=false"}, 2, "", "no display"},
		{[]string{"-bots", "nosuch=1"}, 2, "", "no display"}, // what values mean is checked with a display
		{[]string{"-bogus"}, 2, "", "stackarena: flag provided but not defined: -bogus (see -h)"},
		{[]string{"-seed"}, 2, "", "flag needs an argument: -seed"},
		{[]string{"extra"}, 2, "", `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			cmd := exec.Command(bin, tt.args...)
			cmd.Env, cmd.Stdout, cmd.Stderr = env, &stdout, &stderr
			err := cmd.Run()
			status := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				status = exit.ExitCode()
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.status, status)
			if tt.args != nil && tt.args[0] == "-h" {
				var want bytes.Buffer
				_, err := cmdline.Parse([]string{"-h"}, &want)
				require.ErrorIs(t, err, cmdline.ErrHelp)
				assert.Equal(t, want.String(), stdout.String(), "the usage is the command's own")
			}
			if tt.stdout == "" {
				assert.Empty(t, stdout.String())
			} else {
				assert.Contains(t, stdout.String(), tt.stdout)
			}
			if tt.stderr == "" {
				assert.Empty(t, stderr.String())
			} else {
				assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "one line: %q", stderr.String())
				assert.Contains(t, stderr.String(), tt.stderr)
				assert.NotContains(t, stderr.String(), "goroutine")
			}
		})
	}
}

// A replay given to -replay is read and its match built before any window opens: a bad one is one line.
func TestReplayFlag(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "m.replay.gz")
	m, err := match.Build(match.Config{Seed: 4, MaxTicks: 50, Bots: []match.BotSpec{{Name: "spinbot", Count: 3}}}, match.Options{})
	require.NoError(t, err)
	r := replay.NewRecorder(m, "")
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
		r.Stepped()
	}
	require.NoError(t, m.World.Close())
	require.NoError(t, replay.Save(good, r.Replay()))

	opt, err := parseArgs([]string{"-replay", good, "-inspect", "3"}, nil)
	require.NoError(t, err)
	require.NotNil(t, opt.game.Replay)
	assert.Equal(t, uint64(50), opt.game.Replay.End.Tick)
	assert.Equal(t, good, opt.game.ReplayName)
	assert.Equal(t, match.DefaultCores(), opt.game.Cores, "the viewer on the live matches' shards")

	hostile := filepath.Join("match", "replay", "testdata")
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-replay", filepath.Join(dir, "absent.replay.gz")}, "no such file"},
		{[]string{"-replay", filepath.Join(hostile, "truncated.replay.gz")}, "truncated"},
		{[]string{"-replay", filepath.Join(hostile, "other-rules.replay")}, "recorded under rules version 0"},
		{[]string{"-replay", good, "-inspect", "4"}, "bots 1 to 3"},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, exitBadInput, run(tc.args, &stdout, &stderr), tc.args)
		assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), stderr.String())
		assert.Contains(t, stderr.String(), tc.want)
	}
}
