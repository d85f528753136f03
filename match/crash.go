package match

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"stackarena/match/input"
)

// ExitBug is the exit status of both commands (headless and stackarena) when they stop on a bug of their own, a
// panic they recovered, as opposed to 2, bad input, and 1, a failure of the world around them (a file that cannot
// be written): a script's panic kills its bot only and never reaches here.
const ExitBug = 3

// Guard runs body and returns its exit status; if body panics, it writes the panic and its stack to a file in
// the temporary directory, one line on stderr ("prog: internal error (a bug, not your input): ...; the stack
// is in /tmp/..."), and returns ExitBug. The stack never goes to the terminal. It recovers panics of the calling
// goroutine only; call it on the goroutine that drives the match. A World's shard workers carry their panics
// to that goroutine (engine.WorkerPanic): the file then holds the worker's stack too. Costs a deferred call.
func Guard(prog string, args []string, stderr io.Writer, body func() int) (status int) {
	defer func() {
		if r := recover(); r != nil {
			status = reportBug(prog, args, stderr, r, debug.Stack())
		}
	}()
	return body()
}

// reportBug writes the crash file and the line, and returns ExitBug.
func reportBug(prog string, args []string, stderr io.Writer, r any, stack []byte) int {
	what := input.Shorten(strings.Join(strings.Fields(fmt.Sprint(r)), " "))
	var report strings.Builder
	fmt.Fprintf(&report, "%s: internal error (a bug in stackarena, not in its input)\n", prog)
	fmt.Fprintf(&report, "time: %s\nargs: %q\npanic: %v\n\n%s", time.Now().UTC().Format(time.RFC3339), args, r, stack)
	if w, ok := r.(interface{ PanicStack() []byte }); ok { // a panic carried from another goroutine (engine.WorkerPanic)
		fmt.Fprintf(&report, "\nwhere it happened, on that goroutine:\n\n%s", w.PanicStack())
	}
	f, err := os.CreateTemp("", "stackarena-"+filepath.Base(prog)+"-crash-*.txt")
	if err == nil {
		_, err = f.WriteString(report.String())
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "%s: internal error (a bug, not your input): %s; the stack could not be saved: %v\n", prog, what, err)
		return ExitBug
	}
	fmt.Fprintf(stderr, "%s: internal error (a bug, not your input): %s; the stack is in %s, please report it\n", prog, what, f.Name())
	return ExitBug
}
