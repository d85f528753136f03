package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/match"
)

// listenWatch is the command's stderr: it keeps what is written and hands over the address the bot server
// listens on as soon as the command says it.
type listenWatch struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	addr chan string
	sent bool
}

var listening = regexp.MustCompile(`listening on (\S+)`)

func (l *listenWatch) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.buf.Write(p)
	if m := listening.FindStringSubmatch(l.buf.String()); m != nil && !l.sent {
		l.sent = true
		l.addr <- m[1]
	}
	return len(p), nil
}

func (l *listenWatch) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// serveMatch runs the command with args in the background; it returns the address it listens on and a channel
// with its exit status.
func serveMatch(t *testing.T, args ...string) (string, *bytes.Buffer, *listenWatch, chan int) {
	stdout := &bytes.Buffer{}
	stderr := &listenWatch{addr: make(chan string, 1)}
	status := make(chan int, 1)
	go func() { status <- run(args, stdout, stderr) }()
	select {
	case addr := <-stderr.addr:
		return addr, stdout, stderr, status
	case s := <-status:
		t.Fatalf("headless exited with %d before listening: %s", s, stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("headless did not listen: %s", stderr.String())
	}
	return "", nil, nil, nil
}

func python(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	py, err := exec.LookPath("python3")
	require.NoError(t, err, "python3 is needed (scripts/deps.sh installs it)")
	cmd := exec.Command(py, args...)
	cmd.Dir = filepath.Join("..", "bots", "remote", "python")
	return cmd
}

// TestPythonBotsPlayAHeadlessMatch is the Python client's end-to-end test: the talk's squarebot and spinbot,
// written in Python with the one-file client, join a headless match over TCP and play it to its end; the match
// is recorded, and its replay (their commands by tick in the input log) verifies.
func TestPythonBotsPlayAHeadlessMatch(t *testing.T) {
	rec := filepath.Join(t.TempDir(), "net.replay")
	addr, stdout, stderr, status := serveMatch(t, "-listen", "127.0.0.1:0", "-remote", "2", "-turn-timeout", "0",
		"-bots", "chaser=1", "-ticks", "1500", "-json", "-quiet", "-record", rec)
	var outs [2]bytes.Buffer
	var cmds []*exec.Cmd
	for i, script := range []string{"squarebot.py", "spinbot.py"} {
		cmd := python(t, script, addr)
		cmd.Stdout, cmd.Stderr = &outs[i], &outs[i]
		require.NoError(t, cmd.Start())
		cmds = append(cmds, cmd)
	}
	select {
	case s := <-status:
		require.Equal(t, exitOK, s, stderr.String())
	case <-time.After(60 * time.Second):
		t.Fatal("the match did not end")
	}
	for i, cmd := range cmds {
		require.NoError(t, cmd.Wait(), outs[i].String())
	}
	var report match.Report
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &report))
	var names []string
	for _, s := range report.Ranking {
		names = append(names, s.Name)
	}
	assert.ElementsMatch(t, []string{"chaser", "squarebot", "spinbot"}, names)
	assert.Contains(t, outs[0].String(), "squarebot: ")
	assert.Contains(t, outs[1].String(), "spinbot: ")

	st, out, errOut := runArgs(t, "replay", "-verify", "-json", "-quiet", rec)
	require.Equal(t, exitOK, st, errOut)
	var again match.Report
	require.NoError(t, json.Unmarshal([]byte(out), &again))
	assert.Equal(t, report.StateHash, again.StateHash)
}

// TestWinrateExample runs the learning-loop example for two matches: it starts headless itself (this test
// binary, acting as the command), plays, and prints the win rate.
func TestWinrateExample(t *testing.T) {
	self, err := os.Executable()
	require.NoError(t, err)
	cmd := python(t, "winrate.py", "-n", "2", "-ticks", "600", "-headless", self)
	cmd.Env = append(os.Environ(), asCommand+"=1")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, string(out))
	assert.Contains(t, string(out), "match 2: winner")
	assert.Regexp(t, `win rate: \d/2 = \d+%`, string(out))
}

func TestRemoteFlagsBadInput(t *testing.T) {
	tests := []struct {
		args   []string
		status int
		want   string
	}{
		{[]string{"-listen", "0.0.0.0:0"}, exitBadInput, "set a token"},
		{[]string{"-listen", "no-port"}, exitBadInput, "-listen"},
		{[]string{"-listen", "127.0.0.1:0", "-remote", "0"}, exitBadInput, "-remote 0"},
		{[]string{"-listen", "127.0.0.1:0", "-turn-timeout", "-1s"}, exitBadInput, "-turn-timeout"},
		{[]string{"-listen", "127.0.0.1:0", "-join-timeout", "100ms"}, exitFailure, "only 0 of 1 remote bots joined"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			status, _, stderr := runArgs(t, tt.args...)
			assert.Equal(t, tt.status, status)
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			last := lines[len(lines)-1]
			assert.Contains(t, last, tt.want)
			assert.True(t, strings.HasPrefix(last, "headless: "), last)
		})
	}
}
