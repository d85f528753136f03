package bots

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSourceLine(t *testing.T) {
	line, ok := SourceLine("source.go", 1)
	assert.True(t, ok)
	assert.Equal(t, "package bots", line)
	for _, bad := range []struct {
		file string
		n    int
	}{{"source.go", 0}, {"source.go", 100000}, {"nosuch.go", 1}, {"../go.mod", 1}} {
		_, ok := SourceLine(bad.file, bad.n)
		assert.False(t, ok, "%s:%d", bad.file, bad.n)
	}
}
