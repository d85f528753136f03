// Package input reads the files a user names (a match config, a bot script) with the limits untrusted input
// needs: a regular file of bounded size, opened without blocking, so that /dev/zero, a FIFO or a symlink to
// either gets a one-line error instead of a process that reads forever. It imports nothing of the project, so
// that both match and bots/star use it.
package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"syscall"
	"unicode/utf8"
)

// ErrTooLarge is what ReadFile's error wraps for a file over its limit.
var ErrTooLarge = errors.New("too large")

// ErrNotRegular is what ReadFile's error wraps for a directory, a device, a FIFO or a socket.
var ErrNotRegular = errors.New("not a regular file")

// ReadFile returns the contents of the regular file at path (a symbolic link to one is fine), refusing anything
// else and any file over limit bytes. The error is one line without the path, for the caller to place: "a FIFO,
// not a regular file", "20000000 bytes: at most 16777216". Any goroutine; it reads at most limit+1 bytes.
func ReadFile(path string, limit int64) ([]byte, error) {
	// Non-blocking, so that opening a FIFO without a writer returns at once; it changes nothing for a file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, fmt.Errorf("%s, %w", kind(st.Mode()), ErrNotRegular)
	}
	if st.Size() > limit {
		return nil, fmt.Errorf("%d bytes: %w, the limit is %d", st.Size(), ErrTooLarge, limit)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1)) // the file may grow while we read
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("more than %d bytes: %w", limit, ErrTooLarge)
	}
	return data, nil
}

// kind names what a file that is not regular is.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// MaxEcho is how many bytes of a user's string an error message repeats.
const MaxEcho = 80

// Shorten returns s cut to MaxEcho bytes on a character boundary, with "…" and the full length when cut, for
// echoing a name or a value in a one-line error: a 10 MB bot name is shown as its first 80 bytes. O(MaxEcho).
func Shorten(s string) string { return Clip(s, MaxEcho) }

// Clip is Shorten with a limit of n bytes (plus the mark).
func Clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return fmt.Sprintf("%s…(%d bytes)", s[:cut], len(s))
}

// OneLine writes the line breaks of s as \n and \r, so that an echoed value cannot break a one-line message.
func OneLine(s string) string {
	return strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(s)
}
