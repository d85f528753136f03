//go:build unix

package input_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match/input"
)

// ReadFile reads regular files up to its limit and refuses everything else at once, without reading.
func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, size int) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(strings.Repeat("x", size)), 0o644))
		return p
	}
	link := func(name, to string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.Symlink(to, p))
		return p
	}
	fifo := filepath.Join(dir, "fifo")
	require.NoError(t, syscall.Mkfifo(fifo, 0o644))
	small, atLimit, over := write("small", 10), write("at", 100), write("over", 101)
	tests := []struct {
		name, path string
		want       error  // nil: read it
		msg        string // what the error says
	}{
		{"a small file", small, nil, ""},
		{"a file at the limit", atLimit, nil, ""},
		{"a link to a file", link("link", small), nil, ""},
		{"one byte over", over, input.ErrTooLarge, "101 bytes: too large, the limit is 100"},
		{"a directory", dir, input.ErrNotRegular, "a directory, not a regular file"},
		{"a FIFO without a writer", fifo, input.ErrNotRegular, "a FIFO, not a regular file"},
		{"/dev/zero", "/dev/zero", input.ErrNotRegular, "a character device, not a regular file"},
		{"a link to /dev/zero", link("zero.star", "/dev/zero"), input.ErrNotRegular, "a character device"},
		{"a link to a FIFO", link("fifo.json", fifo), input.ErrNotRegular, "a FIFO"},
		{"nothing there", filepath.Join(dir, "none"), os.ErrNotExist, "no such file or directory"},
		{"a dangling link", link("dangling", filepath.Join(dir, "gone")), os.ErrNotExist, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := input.ReadFile(tt.path, 100)
			if tt.want == nil {
				require.NoError(t, err)
				assert.NotEmpty(t, data)
				return
			}
			require.Error(t, err)
			assert.True(t, errors.Is(err, tt.want), "%v", err)
			assert.Contains(t, err.Error(), tt.msg)
			assert.NotContains(t, err.Error(), dir, "the caller places the path")
		})
	}
}

func TestShorten(t *testing.T) {
	assert.Equal(t, "spinbot", input.Shorten("spinbot"))
	exact := strings.Repeat("a", input.MaxEcho)
	assert.Equal(t, exact, input.Shorten(exact))
	long := strings.Repeat("é", 10_000)
	s := input.Shorten(long)
	assert.True(t, utf8.ValidString(s), "cut on a character boundary")
	assert.Less(t, len(s), input.MaxEcho+30)
	assert.True(t, strings.HasSuffix(s, "…(20000 bytes)"), s)
}

func TestOneLine(t *testing.T) {
	assert.Equal(t, `a\nb\r\nc`, input.OneLine("a\nb\r\nc"))
	assert.Equal(t, "plain", input.OneLine("plain"))
}
