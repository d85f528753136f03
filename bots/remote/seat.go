package remote

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"stackarena/actors"
	"stackarena/engine"
	"stackarena/scheduler"
)

// A seat is one remote bot: its connection on one side, its tasklet in the World on the other, and between them
// the tasklet's channel, which the connection's goroutine posts commands to.
type seat struct {
	srv   *Server
	index int
	name  string
	t     transport // nil when replaying: answers go nowhere

	ch atomic.Pointer[scheduler.Channel[Command]]

	// Shared between the connection's goroutine and the World's.
	posted   atomic.Int64 // commands (and a last disconnection) posted to ch
	answered atomic.Int64 // answers the tasklet sent
	needed   atomic.Bool  // the gate waits for this seat's next command
	left     atomic.Pointer[string]
	// answeredAt is when the last answer was queued (Unix ns), kept only for Options.OnRoundTrip.
	answeredAt atomic.Int64

	// The World's goroutine only.
	bot         *actors.Bot
	received    int64
	awaiting    bool   // the tasklet waits in Receive for its next command
	since       uint64 // the tick it began waiting
	instantTick uint64
	instants    int
	ended       bool

	// The outbox, written by the World's goroutine and drained by the writer.
	outMu      sync.Mutex
	out        [][]byte
	outClosed  bool
	wake       chan struct{}
	writerDone chan struct{}
	dropOnce   sync.Once
}

// maxOutbox is how many messages may wait for a peer that does not read; beyond it the peer is dropped.
const maxOutbox = 64

func newSeat(s *Server, index int, name string, t transport) *seat {
	return &seat{srv: s, index: index, name: name, t: t, wake: make(chan struct{}, 1), writerDone: make(chan struct{})}
}

// errGone is what a seat's channel receives when its peer leaves: its tasklet panics with it, so that the bot
// dies as a faulty script does and the match goes on.
type errGone struct{ why string }

func (e errGone) Error() string { return "remote bot disconnected: " + e.why }

// readLoop decodes the peer's commands and posts them to the seat's tasklet. It answers malformed ones with an
// error, and drops the peer after MaxGarbage of them. It returns when the peer leaves or is dropped.
func (st *seat) readLoop() {
	garbage := 0
	complain := func(id int64, why string) bool {
		garbage++
		if garbage >= MaxGarbage {
			gone := fmt.Sprintf("%d malformed or refused messages", garbage)
			st.leave(gone, encode(Error{Type: "error", ID: id, Error: why + "; disconnected: " + gone}))
			return false
		}
		st.send(encode(Error{Type: "error", ID: id, Error: why}))
		return true
	}
	for {
		line, err := st.t.read(time.Time{})
		if errors.Is(err, errTooLong) {
			if !complain(0, err.Error()) {
				return
			}
			continue
		}
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				why := fmt.Sprintf("a message took over %v to arrive", st.srv.opt.SlowTimeout)
				st.leave(why, encode(Error{Type: "error", Error: "disconnected: " + why}))
			} else {
				st.leave("connection lost", nil)
			}
			return
		}
		cmd, err := DecodeCommand(line)
		if err != nil {
			if !complain(idOf(line), errorText(err)) {
				return
			}
			continue
		}
		ch := st.ch.Load()
		switch {
		case ch == nil:
			if !complain(cmd.ID, "the match has not started: wait for the welcome") {
				return
			}
			continue
		case st.posted.Load()-st.answered.Load() >= MaxAhead:
			if !complain(cmd.ID, fmt.Sprintf("more than %d commands waiting for their answers", MaxAhead)) {
				return
			}
			continue
		}
		if ch.Post(cmd) != nil {
			return // the match is over
		}
		st.posted.Add(1)
		st.srv.gate.arrived(st)
		if f := st.srv.opt.OnRoundTrip; f != nil {
			if at := st.answeredAt.Swap(0); at != 0 {
				f(time.Duration(time.Now().UnixNano() - at))
			}
		}
	}
}

// idOf is a refused message's id, if it has a readable one, so that the error answer names it.
func idOf(line []byte) int64 {
	var m struct {
		ID int64 `json:"id"`
	}
	json.Unmarshal(line, &m)
	return m.ID
}

// leave records that the peer is gone and tells the tasklet, once. With a last message, the connection closes
// once it is written; without, at once.
func (st *seat) leave(why string, last []byte) {
	if !st.left.CompareAndSwap(nil, &why) {
		return
	}
	if last != nil {
		st.finish(last)
	} else {
		st.drop(why)
	}
	if ch := st.ch.Load(); ch != nil && ch.PostError(errGone{why}) == nil {
		st.posted.Add(1)
		st.srv.gate.arrived(st)
		if f := st.srv.opt.OnRoundTrip; f != nil {
			if at := st.answeredAt.Swap(0); at != 0 {
				f(time.Duration(time.Now().UnixNano() - at))
			}
		}
	}
}

// drop closes the connection (the reader then fails and the writer stops). Any goroutine.
func (st *seat) drop(why string) {
	st.dropOnce.Do(func() {
		if st.t != nil {
			st.t.close()
		}
		st.outMu.Lock()
		st.outClosed = true
		st.outMu.Unlock()
		st.signal()
	})
}

func (st *seat) signal() {
	select {
	case st.wake <- struct{}{}:
	default:
	}
}

// send queues a message for the writer. Never blocks: a peer that lets maxOutbox messages pile up is dropped.
func (st *seat) send(msg []byte) {
	if st.t == nil {
		return
	}
	st.outMu.Lock()
	if st.outClosed {
		st.outMu.Unlock()
		return
	}
	if len(st.out) >= maxOutbox {
		st.outMu.Unlock()
		go st.leave("does not read its messages", nil)
		return
	}
	st.out = append(st.out, msg)
	st.outMu.Unlock()
	st.signal()
}

// finish queues the last message; the writer closes the connection once it is written.
func (st *seat) finish(msg []byte) {
	st.outMu.Lock()
	if !st.outClosed {
		st.out = append(st.out, msg)
		st.outClosed = true
	}
	st.outMu.Unlock()
	st.signal()
}

// writeLoop writes queued messages until the outbox is closed and empty, then closes the connection.
func (st *seat) writeLoop() {
	defer close(st.writerDone)
	defer st.t.close()
	var batch [][]byte
	for range st.wake {
		st.outMu.Lock()
		batch, st.out = st.out, batch[:0]
		closed := st.outClosed
		st.outMu.Unlock()
		for i, msg := range batch {
			if err := st.t.write(msg, time.Now().Add(st.srv.opt.SlowTimeout)); err != nil {
				go st.leave("write failed", nil)
				return
			}
			batch[i] = nil
		}
		if closed {
			st.outMu.Lock()
			empty := len(st.out) == 0
			st.outMu.Unlock()
			if empty {
				return
			}
			st.signal()
		}
	}
}

// script plays the seat's bot: it welcomes the peer, then runs each command it receives with the same blocking
// API a local bot uses, and answers when the action ends. It runs as the bot's tasklet.
func (st *seat) script(bot *actors.Bot) {
	st.bot = bot
	defer st.died(bot)
	if why := st.left.Load(); why != nil && st.t != nil {
		panic(errGone{*why}) // gone before the match started
	}
	st.ch.Store(st.srv.gate.channel(bot.ID()))
	if why := st.left.Load(); why != nil && st.t != nil {
		panic(errGone{*why}) // gone as the channel was being made: leave did not see it
	}
	w, h := bot.Arena()
	st.send(encode(Welcome{Type: "welcome", Version: Version, ID: bot.ID(), Name: bot.Name(), Width: w, Height: h,
		MaxTicks: st.srv.maxTicks(), TurnTimeout: st.srv.opt.TurnTimeout.Milliseconds(), State: stateOf(bot)}))
	ch := st.ch.Load()
	for {
		st.awaiting, st.since = true, bot.Tick()
		cmd, err := ch.Receive()
		st.awaiting = false
		st.received++
		st.srv.gate.record(st, bot.Tick(), cmd, err)
		if err != nil {
			panic(err)
		}
		st.run(bot, cmd, bot.Tick()-st.since)
	}
}

// died tells the peer its bot is out, unless the match's end will.
func (st *seat) died(bot *actors.Bot) {
	st.awaiting = false
	if st.ended || bot.Alive() && st.left.Load() == nil {
		return // the World is closing with the bot alive: End tells
	}
	st.ended = true
	reason := "dead: " + st.srv.cause(bot.ID())
	if why := st.left.Load(); why != nil {
		reason = "disconnected: " + *why
	}
	st.finish(encode(End{Type: "end", Reason: reason, Tick: bot.Tick()}))
}

// run plays one command and answers it; skipped is how many ticks the bot idled waiting for it.
func (st *seat) run(bot *actors.Bot, c Command, skipped uint64) {
	// Every command counts, not only the instant ones: an action can end in the tick it starts (wait_gun with a
	// cold gun). Once a tick has had MaxInstant, the next waits for the next tick, which bounds how often a peer
	// can make the gate wait within one tick, even with no turn timeout.
	if st.instantTick != bot.Tick() {
		st.instantTick, st.instants = bot.Tick(), 0
	}
	if st.instants++; st.instants > MaxInstant {
		bot.Yield()
		st.instantTick, st.instants = bot.Tick(), 1
	}
	r := Result{Type: "result", ID: c.ID, Cmd: c.Cmd}
	yes := func(b bool) *bool { return &b }
	switch c.Cmd {
	case "forward":
		bot.Forward(*c.Distance)
	case "back":
		bot.Back(*c.Distance)
	case "turn":
		bot.Turn(*c.Degrees)
	case "turn_to":
		bot.TurnTo(*c.Heading)
	case "turn_gun":
		bot.TurnGun(*c.Degrees)
	case "aim_at":
		bot.AimAt(*c.X, *c.Y)
	case "shoot":
		power := 1.0
		if c.Power != nil {
			power = *c.Power
		}
		r.Fired = yes(bot.ShootPower(power))
	case "wait_gun":
		bot.WaitGun()
	case "scan":
		t, ok := bot.Scan()
		r.Found = yes(ok)
		if ok {
			r.Target = &TargetJSON{ID: t.ID, Name: t.Name, X: t.Pos.X, Y: t.Pos.Y, Bearing: t.Bearing, Distance: t.Distance,
				Energy: t.Energy, Heading: t.Heading, Speed: t.Speed}
		}
	case "wait":
		bot.Wait(*c.Ticks)
	case "yield":
		bot.Yield()
	case "set_speed":
		bot.SetSpeed(*c.Speed)
	case "set_turn":
		bot.SetTurn(*c.Degrees)
	case "set_gun_turn":
		bot.SetGunTurn(*c.Degrees)
	case "fire":
		r.Fired = yes(bot.Fire(*c.Power))
	case "say":
		bot.Say("%s", *c.Text)
	case "rand":
		if c.N != nil && *c.N > 0 {
			v := bot.Rand().Int64N(*c.N)
			r.Value = &v
		} else {
			r.U64 = strconv.FormatUint(bot.Rand().Uint64(), 10)
		}
	case "state":
	}
	r.Events = eventsJSON(bot.Events(), skipped, bot.Tick())
	r.State = stateOf(bot)
	st.answer(encode(r))
}

func (st *seat) answer(msg []byte) {
	st.answered.Add(1)
	if st.srv.opt.OnRoundTrip != nil {
		st.answeredAt.Store(time.Now().UnixNano())
	}
	st.send(msg)
}

func stateOf(bot *actors.Bot) State {
	x, y := bot.Position()
	return State{Tick: bot.Tick(), X: x, Y: y, Heading: bot.Heading(), GunHeading: bot.GunHeading(), Speed: bot.Speed(),
		Energy: bot.Energy(), GunHeat: bot.GunHeat(), Others: bot.Others()}
}

// Entrant is a joined bot for the match: its name and the script that plays it as a tasklet.
type Entrant struct {
	Name   string
	Script actors.Script
}

// Bots closes the joins and lists the joined bots in join order, for the match to spawn after its own (the
// seat's index in this list is its number in the input log). Call it once, before the World is built with
// [Server.Gate], on the goroutine that will step it.
func (s *Server) Bots() []Entrant {
	s.mu.Lock()
	s.started = true
	seats := s.seats
	s.mu.Unlock()
	out := make([]Entrant, len(seats))
	for i, st := range seats {
		out[i] = Entrant{Name: st.name, Script: st.script}
	}
	return out
}

// Watch gives the server the World its bots play in, read-only, for what it tells the peers: the match's
// length in the welcome, and how a bot died. Call it after building the match, before its first Step, on the
// World's goroutine; without it those fields are left empty.
func (s *Server) Watch(w engine.View) { s.view = w }

func (s *Server) maxTicks() uint64 {
	if s.view == nil {
		return 0
	}
	return s.view.MaxTicks()
}

func (s *Server) cause(id int) string {
	if s.view == nil {
		return "out of the match"
	}
	if b := s.view.Bot(id); b != nil {
		return b.Cause()
	}
	return "out of the match"
}

// Finish ends the match for every peer whose bot is still in it (the winner's name, and whether it is alive),
// then lets the writers flush for up to the slow timeout. Call it on the World's goroutine when the match is
// over (or interrupted), before closing the World.
func (s *Server) Finish(w engine.View) {
	winner := ""
	if b := w.Winner(); b != nil {
		winner = b.Name()
	}
	for _, st := range s.gate.seats {
		if st.ended {
			continue
		}
		st.ended = true
		alive := st.bot != nil && st.bot.Alive()
		st.finish(encode(End{Type: "end", Reason: "match over", Tick: w.Tick(), Winner: winner, Alive: alive}))
	}
	timeout := time.NewTimer(s.opt.SlowTimeout)
	defer timeout.Stop()
	for _, st := range s.gate.seats {
		if st.t == nil {
			continue
		}
		select {
		case <-st.writerDone:
		case <-timeout.C:
			return
		}
	}
}
