package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The example plays its own bot, registered outside bots/, by name, against the built-in bots.
func TestPlaysTheOrbiter(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"-bots", "orbiter=2,chaser=1,sniper=1", "-seed", "4", "-ticks", "3000"}, &stdout, &stderr), stderr.String())
	out := stdout.String()
	assert.Contains(t, out, " orbiter ")
	assert.Contains(t, out, " orbiter#2 ")
	assert.NotContains(t, out, "script errors")
	assert.Empty(t, stderr.String())
}

// Bad input is one line and exit status 2.
func TestBadInput(t *testing.T) {
	for _, args := range [][]string{{"-bots", "orbiter=x"}, {"-bogus"}, {"extra"}, {"-bots", "nosuchbot=1"}} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, 2, run(args, &stdout, &stderr), args)
		assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "%v: %q", args, stderr.String())
		assert.Empty(t, stdout.String())
	}
}
