package remote

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/coder/websocket"
)

// A transport carries whole messages to and from one peer: lines of JSON over TCP, or WebSocket text messages.
// One goroutine reads and one writes; Close may come from any goroutine.
type transport interface {
	// read returns the next message. errTooLong means the message was refused and skipped; other errors end
	// the connection. first bounds the time to the end of the message when set (the join); otherwise a message,
	// once begun, must end within the slow-peer limit.
	read(first time.Time) ([]byte, error)
	// write sends one message (a line, newline included), giving up at the deadline.
	write(msg []byte, deadline time.Time) error
	close()
	remote() string
}

// errTooLong is a message over MaxMessage: it is skipped, and the peer told.
var errTooLong = fmt.Errorf("message longer than %d bytes", MaxMessage)

// lineTransport is newline-delimited JSON over a stream.
type lineTransport struct {
	c        net.Conn
	r        *bufio.Reader
	slow     time.Duration
	deadline bool // a read deadline is set
}

func newLineTransport(c net.Conn, r *bufio.Reader, slow time.Duration) *lineTransport {
	return &lineTransport{c: c, r: r, slow: slow}
}

func (t *lineTransport) read(first time.Time) ([]byte, error) {
	if first.IsZero() {
		// Waiting for a message may take as long as the bot thinks; once it has begun, it must end soon.
		if t.deadline {
			if err := t.c.SetReadDeadline(time.Time{}); err != nil {
				return nil, err
			}
			t.deadline = false
		}
		if _, err := t.r.Peek(1); err != nil {
			return nil, err
		}
		if bytes.IndexByte(t.peekBuffered(), '\n') < 0 { // the line is not all here: bound the wait for the rest
			first = time.Now().Add(t.slow)
		}
	}
	if !first.IsZero() {
		if err := t.c.SetReadDeadline(first); err != nil {
			return nil, err
		}
		t.deadline = true
	}
	line, err := t.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		for errors.Is(err, bufio.ErrBufferFull) { // skip to the end of the line, within the same deadline
			_, err = t.r.ReadSlice('\n')
		}
		if err != nil {
			return nil, err
		}
		return nil, errTooLong
	}
	return line, err
}

// peekBuffered is what the reader holds already, without reading more.
func (t *lineTransport) peekBuffered() []byte {
	b, _ := t.r.Peek(t.r.Buffered())
	return b
}

func (t *lineTransport) write(msg []byte, deadline time.Time) error {
	if err := t.c.SetWriteDeadline(deadline); err != nil {
		return err
	}
	_, err := t.c.Write(msg)
	return err
}

func (t *lineTransport) close()         { t.c.Close() }
func (t *lineTransport) remote() string { return t.c.RemoteAddr().String() }

// wsTransport is the same messages as WebSocket text messages (a trailing newline is optional).
type wsTransport struct {
	c    *websocket.Conn
	addr string
	ctx  context.Context
	stop context.CancelFunc
}

func newWSTransport(c *websocket.Conn, addr string) *wsTransport {
	c.SetReadLimit(MaxMessage)
	ctx, stop := context.WithCancel(context.Background())
	return &wsTransport{c: c, addr: addr, ctx: ctx, stop: stop}
}

func (t *wsTransport) read(first time.Time) ([]byte, error) {
	ctx := t.ctx
	if !first.IsZero() {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, first)
		defer cancel()
	}
	typ, msg, err := t.c.Read(ctx)
	if err != nil {
		return nil, err // an oversized message closes the connection (the library's read limit)
	}
	if typ != websocket.MessageText {
		return nil, errors.New("binary WebSocket message: send JSON as text")
	}
	return msg, nil
}

func (t *wsTransport) write(msg []byte, deadline time.Time) error {
	ctx, cancel := context.WithDeadline(t.ctx, deadline)
	defer cancel()
	return t.c.Write(ctx, websocket.MessageText, msg)
}

func (t *wsTransport) close() {
	t.stop()
	t.c.CloseNow()
}

func (t *wsTransport) remote() string { return t.addr }

// upgradeWriter is the http.ResponseWriter of one WebSocket upgrade read off a sniffed connection: it writes the
// response straight to the connection and hands it over on Hijack, so that no HTTP server (and no goroutine
// beyond the connection's own) is involved.
type upgradeWriter struct {
	c      net.Conn
	rw     *bufio.ReadWriter
	header http.Header
	wrote  bool
}

func (u *upgradeWriter) Header() http.Header { return u.header }

func (u *upgradeWriter) WriteHeader(code int) {
	if u.wrote {
		return
	}
	u.wrote = true
	fmt.Fprintf(u.rw, "HTTP/1.1 %d %s\r\n", code, http.StatusText(code))
	if code != http.StatusSwitchingProtocols {
		u.header.Set("Connection", "close")
	}
	u.header.Write(u.rw)
	u.rw.WriteString("\r\n")
	u.rw.Flush()
}

func (u *upgradeWriter) Write(p []byte) (int, error) {
	u.WriteHeader(http.StatusOK)
	n, err := u.rw.Write(p)
	if err == nil {
		err = u.rw.Flush()
	}
	return n, err
}

func (u *upgradeWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) { return u.c, u.rw, nil }
