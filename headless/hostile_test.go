//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileCase is a line of testdata/hostile/cases.txt.
type hostileCase struct {
	line   int
	status int
	want   string
	args   []string
}

func readHostileCases(t *testing.T) []hostileCase {
	f, err := os.Open("testdata/hostile/cases.txt")
	require.NoError(t, err)
	defer f.Close()
	var cases []hostileCase
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		cols := strings.SplitN(text, "\t", 3)
		require.Len(t, cols, 3, "cases.txt:%d: status, fragment, arguments", n)
		status, err := strconv.Atoi(cols[0])
		require.NoError(t, err, "cases.txt:%d", n)
		cases = append(cases, hostileCase{line: n, status: status, want: cols[1], args: strings.Fields(cols[2])})
	}
	require.NoError(t, sc.Err())
	return cases
}

// hostileFiles makes the inputs git cannot hold, and returns what each placeholder of cases.txt stands for.
func hostileFiles(t *testing.T) map[string]string {
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, name) }
	write := func(name string, data []byte) string {
		require.NoError(t, os.WriteFile(path(name), data, 0o644))
		return path(name)
	}
	for _, name := range []string{"zero.json", "zero.star"} {
		require.NoError(t, os.Symlink("/dev/zero", path(name)))
	}
	for _, name := range []string{"fifo.json", "fifo.star"} {
		require.NoError(t, syscall.Mkfifo(path(name), 0o644))
	}
	var walls bytes.Buffer
	walls.WriteString(`{"bots": [{"name": "spinbot", "count": 2}], "walls": [`)
	for i := range 10_001 {
		if i > 0 {
			walls.WriteByte(',')
		}
		fmt.Fprintf(&walls, `{"X": %d, "Y": 10, "W": 1, "H": 1}`, i%100)
	}
	walls.WriteString("]}")
	abs, err := filepath.Abs("testdata/hostile")
	require.NoError(t, err)
	return map[string]string{
		"{dir}":           abs,
		"{zero}":          "/dev/zero",
		"{zero.json}":     path("zero.json"),
		"{zero.star}":     path("zero.star"),
		"{fifo.json}":     path("fifo.json"),
		"{fifo.star}":     path("fifo.star"),
		"{big.json}":      write("big.json", bytes.Repeat([]byte(" "), 17<<20)),
		"{big.star}":      write("big.star", bytes.Repeat([]byte("#"), 2<<20)),
		"{walls.json}":    write("walls.json", walls.Bytes()),
		"{deep.json}":     write("deep.json", []byte(`{"bots": `+strings.Repeat("[", 100_000)+strings.Repeat("]", 100_000)+"}")),
		"{longname.json}": write("longname.json", []byte(`{"bots": [{"name": "`+strings.Repeat("n", 1<<20)+`", "count": 1}]}`)),
		"{long}":          strings.Repeat("a", 100<<10),
		"{tmp}":           dir,
	}
}

// expand replaces the placeholders of a case's arguments.
func expand(args []string, files map[string]string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		for k, v := range files {
			a = strings.ReplaceAll(a, k, v)
		}
		out[i] = a
	}
	return out
}

// The corpus's files, given to the built command (a process of its own, as a user runs it): /dev/zero, FIFOs
// and the rest end in one line and status 2 within the timeout, instead of a read that never ends.
func TestHostileFilesAgainstTheBinary(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "headless")
	build := exec.Command(goTool(t), "build", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	files := hostileFiles(t)
	n := 0
	for _, tc := range readHostileCases(t) {
		if tc.status != exitBadInput || !strings.Contains(strings.Join(tc.args, " "), "{") {
			continue
		}
		n++
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		cmd := exec.CommandContext(ctx, bin, expand(tc.args, files)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		cancel()
		var exit *exec.ExitError
		require.ErrorAs(t, err, &exit, "cases.txt:%d: %s", tc.line, stderr.String())
		assert.Equal(t, exitBadInput, exit.ExitCode(), "cases.txt:%d: %s", tc.line, stderr.String())
		assert.Contains(t, stderr.String(), tc.want, "cases.txt:%d", tc.line)
		assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "cases.txt:%d: one line", tc.line)
	}
	assert.GreaterOrEqual(t, n, 20)
}

// Every input of the hostile corpus gets what cases.txt says: bad input one short line on stderr and status 2,
// never a Go panic or a read that does not end; what is not refused plays to its end.
func TestHostileInput(t *testing.T) {
	cases := readHostileCases(t)
	require.GreaterOrEqual(t, len(cases), 30)
	files := hostileFiles(t)
	for _, tc := range cases {
		args := expand(tc.args, files)
		t.Run(fmt.Sprintf("line %d", tc.line), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			status := run(args, &stdout, &stderr)
			require.Equal(t, tc.status, status, "cases.txt:%d: stderr %q", tc.line, stderr.String())
			for _, bad := range []string{"goroutine ", "panic:", "NaN"} {
				if !strings.Contains(strings.Join(args, " "), bad) { // NaN only where the user typed it
					assert.NotContains(t, stderr.String(), bad, "cases.txt:%d", tc.line)
				}
			}
			if tc.status == exitOK {
				assert.Contains(t, stdout.String(), tc.want, "cases.txt:%d", tc.line)
				return
			}
			assert.Contains(t, stderr.String(), tc.want, "cases.txt:%d", tc.line)
			assert.Equal(t, 1, strings.Count(stderr.String(), "\n"), "cases.txt:%d: one line", tc.line)
			assert.LessOrEqual(t, stderr.Len(), 600, "cases.txt:%d: echoes are shortened", tc.line)
		})
	}
}
