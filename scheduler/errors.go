package scheduler

import (
	"errors"
	"fmt"
	"strings"
)

var (
	// ErrDeadlock is wrapped by every error that reports that an operation could never complete because no
	// tasklet is left that could complete it (spec 1.6). The operation did not block: balances are unchanged.
	ErrDeadlock = errors.New("deadlock")

	// ErrChannelClosed is returned by a send or receive that would block on a closing channel.
	ErrChannelClosed = errors.New("scheduler: send/receive operation on a closed channel")

	// ErrConcurrentUse is returned (or, from functions without an error result, panicked) when the scheduler is
	// entered from outside while it is running: from a second goroutine, or Run and Tick from inside a tasklet.
	ErrConcurrentUse = errors.New("scheduler: entered while it runs (from another goroutine, or Run/Tick from a tasklet)")

	// ErrClosed is returned by operations on a Scheduler after Close.
	ErrClosed = errors.New("scheduler: closed")

	// ErrTaskletExit is the panic value that Kill raises in its victim at its suspension point. It unwinds the
	// tasklet's stack so that its deferred calls run; the scheduler recovers it at the tasklet's top. A tasklet
	// that recovers it and carries on stays alive, as in Stackless.
	ErrTaskletExit = errors.New("scheduler: tasklet killed (TaskletExit)")

	// ErrStopIteration, sent with SendError, ends a range over Channel.All quietly on the receiving side.
	ErrStopIteration = errors.New("scheduler: stop iteration")

	// ErrBlocked is returned by Ready for a tasklet blocked on a channel: only a partner or Kill may wake it.
	ErrBlocked = errors.New("scheduler: you cannot run a blocked tasklet")

	// ErrDead is returned by Ready for a tasklet that has ended.
	ErrDead = errors.New("scheduler: you cannot run a dead tasklet")

	// ErrMain is returned when the main side calls an operation only a tasklet may make (Sleep), or Kill targets
	// the main tasklet.
	ErrMain = errors.New("scheduler: not allowed for the main tasklet")

	// ErrCurrent is returned by Remove for the running tasklet.
	ErrCurrent = errors.New("scheduler: the current tasklet cannot be removed")

	// ErrGoexit is the Value of the *TaskletError for a tasklet that called runtime.Goexit: the tasklet ended
	// there, and only it; the scheduler's driver goes on.
	ErrGoexit = errors.New("scheduler: tasklet called runtime.Goexit")

	// ErrForeignGoroutine is returned when an operation comes from a goroutine the scheduler is not running on:
	// a tasklet of another scheduler (another shard) using this one's channel or tasklet, or a goroutine that a
	// tasklet started. Checked in race-detector builds only (go test -race): elsewhere Go gives no cheap goroutine
	// identity, and such a call is a data race.
	ErrForeignGoroutine = errors.New("scheduler: used from a goroutine it is not running on (another scheduler's tasklet, or a goroutine a tasklet started)")

	errNilThrow = errors.New("scheduler: Throw of a nil error")
)

// errGoexit is the panic that stands for a tasklet's runtime.Goexit on its way to the driver (Tasklet.finish).
var errGoexit = errors.New("scheduler: runtime.Goexit in a tasklet (internal)")

// Stackless's messages, worded as Go errors are (lowercase, no final period): "Deadlock: the last runnable
// tasklet cannot be blocked." and "the main tasklet is receiving without a sender available." (spec 1.6).
var (
	errLastRunnableBlock = fmt.Errorf("%w: the last runnable tasklet cannot be blocked", ErrDeadlock)
	errMainNoSender      = fmt.Errorf("%w: the main tasklet is receiving without a sender available", ErrDeadlock)
	errMainNoReceiver    = fmt.Errorf("%w: the main tasklet is sending without a receiver available", ErrDeadlock)
)

// TaskletError reports a panic that escaped a tasklet. The tasklet has ended; the other tasklets are untouched.
// Unwrap gives the panic value when it is an error, so errors.Is and errors.As see through a TaskletError.
// Format it with %+v to include the stack.
type TaskletError struct {
	// Tasklet is the tasklet that panicked; it is dead.
	Tasklet *Tasklet
	// Value is the value passed to panic.
	Value any
	// Stack is the tasklet's stack at the panic, as runtime/debug.Stack formats it.
	Stack []byte
}

// Error names the tasklet and the panic value, on one line.
func (e *TaskletError) Error() string {
	if e.Value == ErrGoexit {
		return fmt.Sprintf("tasklet %s ended by runtime.Goexit", e.Tasklet)
	}
	return fmt.Sprintf("tasklet %s panicked: %v", e.Tasklet, e.Value)
}

// Unwrap returns the panic value if it is an error, else nil.
func (e *TaskletError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// Format implements fmt.Formatter: %+v adds the tasklet's stack after the message.
func (e *TaskletError) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('+'):
		fmt.Fprintf(f, "%s\n%s", e.Error(), strings.TrimRight(string(e.Stack), "\n"))
	case verb == 'q':
		fmt.Fprintf(f, "%q", e.Error())
	default:
		fmt.Fprint(f, e.Error())
	}
}
