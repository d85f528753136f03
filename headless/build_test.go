package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// goTool finds the go command, or skips the test.
func goTool(t *testing.T) string {
	t.Helper()
	path, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go tool is not installed:", err)
	}
	return path
}

// The headless command must run anywhere: no cgo, and not a single ebiten package among its dependencies
// (importing ebiten needs cgo and a display; see docs on ebiten in the design notes).
func TestBuildsWithoutCgoOrEbiten(t *testing.T) {
	goCmd := goTool(t)

	list := exec.Command(goCmd, "list", "-deps", ".")
	out, err := list.CombinedOutput()
	require.NoError(t, err, "%s", out)
	deps := strings.Fields(string(out))
	assert.Contains(t, deps, "stackarena/engine", "go list -deps lists the dependencies")
	for _, dep := range deps {
		assert.NotContains(t, dep, "hajimehoshi", "headless depends on ebiten")
	}

	build := exec.Command(goCmd, "build", "-o", filepath.Join(t.TempDir(), "headless"), ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err = build.CombinedOutput()
	assert.NoError(t, err, "CGO_ENABLED=0 go build: %s", out)
}
