package remote

import (
	"cmp"
	"errors"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"stackarena/engine"
	"stackarena/scheduler"
)

// Arrival is one entry of the input log: the command a remote bot's tasklet received at a tick, or that its
// peer left (Gone). Bot is the seat's index, in join order. Replaying the arrivals of a match, with the same
// match description, plays it again exactly.
type Arrival struct {
	Tick    uint64   `json:"tick"`
	Bot     int      `json:"bot"`
	Command *Command `json:"command,omitempty"`
	Gone    string   `json:"gone,omitempty"`
}

// gate is the lockstep, the World's engine.Gate: after the scripts' turn of every tick, it waits until every
// remote bot whose action ended has sent its next command, or the turn timeout passes, and delivers the commands
// so that they run in the same tick, on whichever shard each bot's tasklet lives.
type gate struct {
	timeout time.Duration
	missing atomic.Int32
	signal  chan struct{} // missing reached 0 (capacity 1)
	timer   *time.Timer

	// Set when the World is built; the World's goroutine only from then on.
	seats    []*seat
	scheds   []*scheduler.Scheduler // the World's, one per shard (Attach)
	recorder func(Arrival)
	replay   [][]Arrival // by seat, when replaying: what to feed instead of the network

	// The arrivals the tasklets received since the last flush: they receive on their shards' workers, several at
	// once, so they are logged in a fixed order (tick, then seat) by the World's goroutine.
	arrMu    sync.Mutex
	arrivals []Arrival
}

func (g *gate) init(timeout time.Duration) {
	g.timeout = timeout
	g.signal = make(chan struct{}, 1)
}

// arrived is called by a connection's goroutine after it posted for st: if the gate waits for st, it no longer
// does, and the last one it waited for wakes it.
func (g *gate) arrived(st *seat) {
	if st.needed.CompareAndSwap(true, false) && g.missing.Add(-1) == 0 {
		select {
		case g.signal <- struct{}{}:
		default:
		}
	}
}

// record adds an arrival to the input log, if one is kept. The seat's tasklet, on its shard's worker; the
// log gets it at the next flush.
func (g *gate) record(st *seat, tick uint64, c Command, err error) {
	if g.recorder == nil {
		return
	}
	a := Arrival{Tick: tick, Bot: st.index}
	var gone errGone
	if errors.As(err, &gone) {
		a.Gone = gone.why
	} else if err != nil {
		a.Gone = err.Error()
	} else {
		a.Command = &c
	}
	g.arrMu.Lock()
	g.arrivals = append(g.arrivals, a)
	g.arrMu.Unlock()
}

// flush hands the arrivals received since the last flush to the recorder, by tick then seat. World goroutine,
// while no tasklet runs.
func (g *gate) flush() {
	if g.recorder == nil {
		return
	}
	g.arrMu.Lock()
	arrivals := g.arrivals
	g.arrivals = nil
	g.arrMu.Unlock()
	slices.SortStableFunc(arrivals, func(a, b Arrival) int { return cmp.Or(cmp.Compare(a.Tick, b.Tick), cmp.Compare(a.Bot, b.Bot)) })
	for _, a := range arrivals {
		g.recorder(a)
	}
}

// Attach implements engine.Gate: the seats' channels are made on their bots' shards' schedulers.
func (g *gate) Attach(scheds []*scheduler.Scheduler) { g.scheds = scheds }

// Settle implements engine.Gate: the lockstep wait and deliveries of a tick.
func (g *gate) Settle(deliver func() error) error {
	g.flush()
	defer g.flush()
	return g.settle(deliver)
}

// channel makes the channel of the seat of bot id, on the scheduler of the bot's shard. Its tasklet.
func (g *gate) channel(id int) *scheduler.Channel[Command] {
	return scheduler.NewChannel[Command](g.scheds[engine.BotShard(id, len(g.scheds))])
}

// settle is the gate's part of a tick, after the scripts' turn: rounds of waiting for the commands due and
// delivering them (an instant command's answer makes its bot wait again in the same tick), until no bot waits
// for a command that is due, or the tick's turn timeout passes. Cost: O(remote bots) per round, and a
// delivery on every shard.
func (g *gate) settle(deliver func() error) error {
	var deadline <-chan time.Time
	started := false
	for {
		pending, missing := false, 0
		if g.replay != nil {
			pending = g.feed(g.scheds[0].Now())
		} else {
			for _, st := range g.seats {
				if !st.awaiting {
					continue
				}
				if st.posted.Load() > st.received {
					pending = true
					continue
				}
				g.missing.Add(1)
				st.needed.Store(true)
				if st.posted.Load() > st.received && st.needed.CompareAndSwap(true, false) {
					g.missing.Add(-1) // it came meanwhile
					pending = true
					continue
				}
				missing++
			}
		}
		if missing > 0 {
			if !started && g.timeout > 0 {
				started = true
				if g.timer == nil {
					g.timer = time.NewTimer(g.timeout)
				} else {
					g.timer.Reset(g.timeout)
				}
				deadline = g.timer.C
			}
			if !g.wait(deadline) {
				g.release()
				return deliver() // what came in time runs; the rest idle this tick
			}
			pending = true
		}
		if !pending {
			break
		}
		if err := deliver(); err != nil {
			return err
		}
	}
	if started && !g.timer.Stop() {
		select { // drain a tick that fired after the last wait
		case <-g.timer.C:
		default:
		}
	}
	return nil
}

// wait blocks until no command is missing (true) or the deadline passes (false); a nil deadline never passes.
func (g *gate) wait(deadline <-chan time.Time) bool {
	for g.missing.Load() > 0 {
		select {
		case <-g.signal:
		case <-deadline:
			return g.missing.Load() == 0
		}
	}
	return true
}

// release stops waiting for the bots whose commands did not come: they idle this tick.
func (g *gate) release() {
	for _, st := range g.seats {
		if st.needed.CompareAndSwap(true, false) {
			g.missing.Add(-1)
		}
	}
	select {
	case <-g.signal:
	default:
	}
}

// feed posts, when replaying, the logged arrivals due at tick for the bots that wait; it reports whether it
// posted any.
func (g *gate) feed(tick uint64) bool {
	fed := false
	for i, st := range g.seats {
		q := g.replay[i]
		if !st.awaiting || st.posted.Load() > st.received || len(q) == 0 || q[0].Tick > tick {
			continue
		}
		a := q[0]
		g.replay[i] = q[1:]
		ch := st.ch.Load()
		if a.Command != nil {
			ch.Post(*a.Command)
		} else {
			st.left.CompareAndSwap(nil, &a.Gone)
			ch.PostError(errGone{a.Gone})
		}
		st.posted.Add(1)
		fed = true
	}
	return fed
}

// Gate is the World's lockstep with the remote bots (engine.Gate): after each tick's scripts, the wait for
// their commands and their delivery, in the same tick, on every shard. Pass it as match.Options.Gate
// (engine.Config.Gate); the World attaches it once, as it is built. Call [Server.Bots] first.
func (s *Server) Gate() engine.Gate {
	s.mu.Lock()
	s.started = true
	s.gate.seats = s.seats
	s.mu.Unlock()
	return &s.gate
}

// Record makes the server call f with every arrival, by tick, then by seat (the order is the same for any
// number of shards). f runs on the World's goroutine, during the script phase of the tick after the arrival's
// or of the same one. Call it before the match.
func (s *Server) Record(f func(Arrival)) { s.gate.recorder = f }

// NewReplay makes a server with no network that plays the bots named (in join order) from their logged
// arrivals: its Bots and Gate build the same match as the recorded one, and the World plays it again tick for
// tick. Answers go nowhere; the gate never waits.
func NewReplay(names []string, arrivals []Arrival) *Server {
	s := &Server{done: make(chan struct{}), joined: make(chan struct{}, 1)}
	s.gate.init(0)
	s.gate.replay = make([][]Arrival, len(names))
	for i, n := range names {
		s.seats = append(s.seats, newSeat(s, i, n, nil))
	}
	for _, a := range arrivals {
		if a.Bot >= 0 && a.Bot < len(names) {
			s.gate.replay[a.Bot] = append(s.gate.replay[a.Bot], a)
		}
	}
	return s
}
