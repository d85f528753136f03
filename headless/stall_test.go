package main

import (
	"bytes"
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/match"
)

// A Go bot that spins, or waits on a plain Go channel, holds the scheduler forever: the watchdog names it and
// its line, and ends the command with exitFailure instead of hanging.
func TestAStalledGoBotEndsTheMatch(t *testing.T) {
	tests := []struct {
		name  string
		stuck func(release <-chan struct{}, released *atomic.Bool) int
	}{
		{"spinning", func(_ <-chan struct{}, released *atomic.Bool) int {
			_, _, line, _ := runtime.Caller(0)
			for !released.Load() {
			}
			return line + 1
		}},
		{"blocked on a Go channel", func(release <-chan struct{}, _ *atomic.Bool) int {
			_, _, line, _ := runtime.Caller(0)
			<-release
			return line + 1
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			var released atomic.Bool
			var line int
			stuckbot := func(bot *actors.Bot) {
				bot.Yield()
				line = tt.stuck(release, &released)
			}
			cfg := match.Config{Seed: 1, Bots: []match.BotSpec{{Name: "spinbot", Count: 2}}}
			m, err := match.Build(cfg, match.Options{Extra: []match.ExtraBot{{Name: "stuckbot", Script: stuckbot}}})
			require.NoError(t, err)
			var stderr bytes.Buffer
			statuses := make(chan int, 1)
			watchStalls(m.World, 200*time.Millisecond, &stderr, func(status int) {
				statuses <- status
				released.Store(true)
				close(release)
			})
			for range 3 {
				require.NoError(t, m.World.Step())
			}
			assert.Equal(t, exitFailure, <-statuses)
			_, file, _, _ := runtime.Caller(0)
			assert.Equal(t, fmt.Sprintf("headless: bot %q stalled: tasklet #3 (stuckbot) has not yielded for 200ms: stuck at %s:%d\n",
				"stuckbot", file, line), stderr.String())
			require.NoError(t, m.World.Close())
		})
	}
}
