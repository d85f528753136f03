package remote

import (
	"bufio"
	"bytes"
	"crypto/subtle"
	_ "embed"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"

	"stackarena/bots/remote/listen"
	"stackarena/engine"
)

// Options configure a Server. The zero value of a field takes its default.
type Options struct {
	// Addr is where to listen, host:port. It must be a loopback address unless Token is set.
	Addr string
	// Token, when set, must be given by every join (compared in constant time).
	Token string
	// TurnTimeout is how long a tick waits for the commands of the bots whose action ended; a bot that misses
	// it idles that tick. 0 waits for ever: every command is played in the tick it is due (for learning agents).
	TurnTimeout time.Duration
	// Seats is how many bots may join; later joins are refused.
	Seats int
	// MaxConns bounds the open connections, joined or not (default Seats + 16).
	MaxConns int
	// JoinTimeout is how long a new connection has to send its join (default 5s).
	JoinTimeout time.Duration
	// SlowTimeout is how long a message, once begun, may take to arrive in full, and how long a write to a
	// peer may take (default 5s): a slower peer is disconnected.
	SlowTimeout time.Duration
	// OnRoundTrip, when set, is called with the wall-clock time from each answer being queued for a peer to
	// the peer's next command arriving: what the lockstep waits for. It is called from connections'
	// goroutines, concurrently; for measurements only, it changes nothing in the match.
	OnRoundTrip func(time.Duration)
}

// DefaultTurnTimeout is the turn timeout of the commands' -turn-timeout flag.
const DefaultTurnTimeout = listen.DefaultTurnTimeout

// A Server accepts remote bots: it listens, takes joins, and once the match is built drives each joined bot as a
// tasklet of the World ([Server.Bots]) in lockstep with the ticks ([Server.Gate]). Its methods are safe for
// concurrent use except where they say otherwise; connections are served on goroutines of their own, which
// never touch the World: they hand commands to the bots' tasklets with Channel.Post.
type Server struct {
	opt   Options
	ln    net.Listener
	done  chan struct{}
	wg    sync.WaitGroup
	conns atomic.Int32

	mu      sync.Mutex
	seats   []*seat
	started bool // the match took its seats: joins are refused
	closed  bool
	joined  chan struct{}      // a join happened (capacity 1)
	waiting map[transport]bool // connected, not joined yet

	gate gate
	view engine.View // the World, read-only, once Watch is called
}

// Listen starts a server on opt.Addr. A non-loopback address without a token is refused, as is an address
// that does not parse or cannot be bound.
func Listen(opt Options) (*Server, error) {
	if err := listen.CheckAddr(opt.Addr, opt.Token); err != nil {
		return nil, err
	}
	if opt.Seats <= 0 {
		opt.Seats = 1
	}
	if opt.MaxConns <= 0 {
		opt.MaxConns = opt.Seats + 16
	}
	if opt.JoinTimeout <= 0 {
		opt.JoinTimeout = 5 * time.Second
	}
	if opt.SlowTimeout <= 0 {
		opt.SlowTimeout = 5 * time.Second
	}
	if opt.TurnTimeout < 0 {
		return nil, fmt.Errorf("turn timeout %v: must not be negative (0 waits for ever)", opt.TurnTimeout)
	}
	ln, err := net.Listen("tcp", opt.Addr)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, ln: ln, done: make(chan struct{}), joined: make(chan struct{}, 1), waiting: map[transport]bool{}}
	s.gate.init(opt.TurnTimeout)
	s.wg.Add(1)
	go func() { defer s.wg.Done(); s.accept() }()
	return s, nil
}

// Serve starts the server the flags describe (nil without -listen); it does not wait for the joins.
func Serve(f *listen.Flags) (*Server, error) {
	if f.Listen == "" {
		return nil, nil
	}
	if err := f.Check(); err != nil {
		return nil, err
	}
	srv, err := Listen(Options{Addr: f.Listen, Token: f.Token, TurnTimeout: f.TurnTimeout, Seats: f.Remote})
	if err != nil {
		return nil, fmt.Errorf("-listen: %v", err)
	}
	return srv, nil
}

// Addr is the address the server listens on (with the port chosen when it was 0).
func (s *Server) Addr() string { return s.ln.Addr().String() }

// accept takes connections until Close; each is served on its own goroutine, within MaxConns.
func (s *Server) accept() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(10 * time.Millisecond) // out of file descriptors, say: let some close
			continue
		}
		if int(s.conns.Add(1)) > s.opt.MaxConns {
			s.conns.Add(-1)
			c.SetWriteDeadline(time.Now().Add(time.Second))
			c.Write(encode(Error{Type: "error", Error: "too many connections"}))
			c.Close()
			continue
		}
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			s.sniff(c)
		}()
	}
}

// sniff tells a WebSocket upgrade ("GET ...") from a line peer by the first bytes, then serves the peer on this
// goroutine. The upgrade request, like a join, must arrive within the join timeout.
func (s *Server) sniff(c net.Conn) {
	served := false // serve counts the connection out; otherwise this does
	defer func() {
		if !served {
			s.conns.Add(-1)
			c.Close()
		}
	}()
	r := bufio.NewReaderSize(c, MaxMessage)
	c.SetReadDeadline(time.Now().Add(s.opt.JoinTimeout))
	head, err := r.Peek(4)
	if err != nil {
		return
	}
	if !bytes.Equal(head, []byte("GET ")) {
		served = true
		s.serve(newLineTransport(c, r, s.opt.SlowTimeout))
		return
	}
	req, err := http.ReadRequest(r)
	if err != nil {
		return
	}
	w := &upgradeWriter{c: c, rw: bufio.NewReadWriter(r, bufio.NewWriter(c)), header: http.Header{}}
	if !strings.EqualFold(req.Header.Get("Upgrade"), "websocket") {
		servePage(w, req) // a browser asking for the page that plays a bot from it
		return
	}
	ws, err := websocket.Accept(w, req, &websocket.AcceptOptions{OriginPatterns: []string{"localhost:*", "127.0.0.1:*", "[::1]:*"}})
	if err != nil {
		return // Accept has answered with the HTTP error
	}
	c.SetReadDeadline(time.Time{})
	served = true
	s.serve(newWSTransport(ws, c.RemoteAddr().String()))
}

//go:embed web/index.html
var page []byte

// servePage answers a plain HTTP request: the page at / plays the talk's spinbot in the browser over WebSocket;
// anything else is not found. One request per connection.
func servePage(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" || r.Method != http.MethodGet {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write([]byte("not found: the bot page is at /, and bots join by WebSocket or TCP (docs/PROTOCOL.md)\n"))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(page)))
	w.WriteHeader(http.StatusOK)
	w.Write(page)
}

// serve runs one peer: its join, then its commands until it leaves or the match ends.
func (s *Server) serve(t transport) {
	defer t.close()
	defer s.conns.Add(-1) // counted out before the peer sees the connection close
	if !s.arrive(t) {
		return
	}
	defer s.leave(t)
	line, err := t.read(time.Now().Add(s.opt.JoinTimeout))
	var ne net.Error
	switch {
	case errors.Is(err, errTooLong):
		s.refuse(t, err.Error())
		return
	case errors.As(err, &ne) && ne.Timeout():
		s.refuse(t, fmt.Sprintf("no join within %v", s.opt.JoinTimeout))
		return
	case err != nil:
		return
	}
	j, err := DecodeJoin(line)
	if err != nil {
		s.refuse(t, err.Error())
		return
	}
	if s.opt.Token != "" && subtle.ConstantTimeCompare([]byte(j.Token), []byte(s.opt.Token)) != 1 {
		s.refuse(t, "wrong or missing token")
		return
	}
	seat, why := s.take(j.Name, t)
	if seat == nil {
		s.refuse(t, why)
		return
	}
	go seat.writeLoop()
	seat.readLoop()
	<-seat.writerDone // the last messages are written before the connection closes
}

// arrive records a peer that has not joined yet, so that Close can disconnect it; false if closing.
func (s *Server) arrive(t transport) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return false
	}
	s.waiting[t] = true
	return true
}

// leave forgets a peer that joined or was refused.
func (s *Server) leave(t transport) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.waiting, t)
}

// refuse tells a peer why in one message, before its connection closes.
func (s *Server) refuse(t transport, why string) {
	t.write(encode(Error{Type: "error", Error: why}), time.Now().Add(time.Second))
}

// take gives a joining peer a seat, or says why not.
func (s *Server) take(name string, t transport) (*seat, string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.closed:
		return nil, "the server is closing"
	case s.started:
		return nil, "the match has started: no more joins"
	case len(s.seats) >= s.opt.Seats:
		return nil, fmt.Sprintf("the match is full (%d remote bots)", s.opt.Seats)
	}
	seat := newSeat(s, len(s.seats), name, t)
	s.seats = append(s.seats, seat)
	delete(s.waiting, t)
	select {
	case s.joined <- struct{}{}:
	default:
	}
	return seat, ""
}

// WaitJoins blocks until n bots have joined, or fails after timeout (0: wait for ever), naming how many came.
// It does not stop joins; the match takes the seats when it is built.
func (s *Server) WaitJoins(n int, timeout time.Duration) error {
	var deadline <-chan time.Time
	if timeout > 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		deadline = timer.C
	}
	for {
		if s.Joined() >= n {
			return nil
		}
		select {
		case <-s.joined:
		case <-deadline:
			return fmt.Errorf("only %d of %d remote bots joined within %v", s.Joined(), n, timeout)
		case <-s.done:
			return errors.New("the server closed")
		}
	}
}

// Joined is how many bots have joined so far.
func (s *Server) Joined() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.seats)
}

// Close stops listening, disconnects every peer and waits for the server's goroutines. Safe to call twice.
func (s *Server) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	seats := s.seats
	var waiting []transport
	for t := range s.waiting { // peers that have not joined yet; the order does not matter
		waiting = append(waiting, t)
	}
	s.mu.Unlock()
	close(s.done)
	var err error
	if s.ln != nil { // nil when replaying
		err = s.ln.Close()
	}
	for _, seat := range seats {
		seat.drop("the server closed")
	}
	for _, t := range waiting {
		t.close()
	}
	s.wg.Wait()
	for _, seat := range seats {
		if seat.t != nil {
			<-seat.writerDone
		}
	}
	return err
}

// errorText makes an error one line for a peer.
func errorText(err error) string { return strings.Join(strings.Fields(err.Error()), " ") }
