package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The desktop arena opens on a match with the orbiter in it, plays some frames and closes.
func TestOpensTheArenaWithTheOrbiter(t *testing.T) {
	var stdout, stderr bytes.Buffer
	require.Equal(t, 0, run([]string{"-frames", "20", "-window", "800x600"}, &stdout, &stderr), stderr.String())
	assert.Contains(t, defaultBots(), "orbiter=2,")
}

// Bad input is one line and exit status 2, before any window opens.
func TestBadInput(t *testing.T) {
	var stdout, stderr bytes.Buffer
	assert.Equal(t, 2, run([]string{"-bots", "orbiter=x"}, &stdout, &stderr))
	assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), stderr.String())
}
