// Package client plays a stackarena bot from another process, over the bot server's protocol (docs/PROTOCOL.md).
// Its Bot implements actors.Handle with the same blocking calls as a bot in the arena: Forward returns when the
// move is over, in game time. So one script, written against actors.Handle, runs locally or remotely:
//
//	func square(bot actors.Handle) {
//		for {
//			bot.Shoot()
//			bot.Forward(10)
//			bot.Turn(90)
//		}
//	}
//
//	bot, err := client.Dial("127.0.0.1:7878", "square", "")
//	...
//	end, err := bot.Play(square) // returns when the match is over for this bot
//
// A Bot is used by one goroutine: the one that runs its script.
package client

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coder/websocket"

	"stackarena/actors"
	"stackarena/bots/remote"
	"stackarena/engine"
)

// Bot is a remote bot's handle. Its actions send one command each and block until the answer; its getters read
// the state that came with the last answer, at no cost.
type Bot struct {
	conn    net.Conn
	r       *bufio.Reader
	welcome remote.Welcome
	state   remote.State
	events  []actors.Event
	skipped uint64
	rng     *rand.Rand
	nextID  int64
	end     *remote.End
	started bool
	// OnAnswer, when set, is called with each command's name and the time from sending it to its answer
	// (for load generators).
	OnAnswer func(cmd string, took time.Duration)
}

// Dial connects to a bot server at addr (host:port) over TCP and joins as name, with token if the server
// wants one. It returns once the join is sent; the first action waits for the match to start.
func Dial(addr, name, token string) (*Bot, error) {
	c, err := net.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	return join(c, name, token)
}

// DialWebSocket is Dial over WebSocket, url being ws://host:port/.
func DialWebSocket(ctx context.Context, url, name, token string) (*Bot, error) {
	ws, _, err := websocket.Dial(ctx, url, nil)
	if err != nil {
		return nil, err
	}
	return join(websocket.NetConn(context.Background(), ws, websocket.MessageText), name, token)
}

func join(c net.Conn, name, token string) (*Bot, error) {
	b := &Bot{conn: c, r: bufio.NewReaderSize(c, remote.MaxMessage)}
	line, _ := json.Marshal(remote.Join{Type: "join", Version: remote.Version, Name: name, Token: token})
	if _, err := c.Write(append(line, '\n')); err != nil {
		c.Close()
		return nil, err
	}
	b.rng = rand.New(source{b})
	return b, nil
}

// Close disconnects: the bot dies in the match, which goes on.
func (b *Bot) Close() error { return b.conn.Close() }

// stop unwinds a script when its bot is out of the match.
type stop struct{ err error }

// Start waits for the match to start (the welcome). Play calls it; call it yourself to read the arena first.
func (b *Bot) Start() error {
	if b.started {
		return nil
	}
	for {
		msg, err := b.readMessage()
		if err != nil {
			return err
		}
		switch msg.Type {
		case "welcome":
			if err := json.Unmarshal(msg.raw, &b.welcome); err != nil {
				return err
			}
			b.state = b.welcome.State
			b.started = true
			return nil
		case "error":
			return fmt.Errorf("server: %s", msg.Error)
		case "end":
			return fmt.Errorf("server ended before the match: %s", msg.Reason)
		}
	}
}

// Play waits for the match to start and runs script until the bot is out: dead, disconnected or the match over.
// It returns the server's last message. A script that returns ends the bot's play; the connection is closed.
func (b *Bot) Play(script func(actors.Handle)) (end remote.End, err error) {
	defer b.conn.Close()
	if err := b.Start(); err != nil {
		return remote.End{}, err
	}
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(stop)
			if !ok {
				panic(r)
			}
			if b.end != nil {
				end, err = *b.end, nil
				return
			}
			err = s.err
		}
	}()
	script(b)
	return remote.End{Type: "end", Reason: "script returned"}, nil
}

// message is any server message but the welcome, decoded in one pass: a result's fields, an error's and an
// end's (the welcome, once per match, is decoded again from raw).
type message struct {
	remote.Result
	Error  string `json:"error"`
	Reason string `json:"reason"`
	Tick   uint64 `json:"tick"`
	Winner string `json:"winner"`
	Alive  bool   `json:"alive"`
	raw    []byte
}

func (b *Bot) readMessage() (message, error) {
	line, err := b.r.ReadBytes('\n')
	if err != nil {
		return message{}, err
	}
	var m message
	if err := json.Unmarshal(line, &m); err != nil {
		return message{}, fmt.Errorf("server sent bad JSON: %v", err)
	}
	m.raw = line
	return m, nil
}

// do sends c and blocks until its answer; the bot's end unwinds the script.
func (b *Bot) do(c remote.Command) remote.Result {
	if !b.started {
		if err := b.Start(); err != nil {
			panic(stop{err})
		}
	}
	b.nextID++
	c.ID = b.nextID
	line, _ := json.Marshal(c)
	sent := time.Now()
	if _, err := b.conn.Write(append(line, '\n')); err != nil {
		panic(stop{err})
	}
	for {
		msg, err := b.readMessage()
		if err != nil {
			panic(stop{err})
		}
		switch msg.Type {
		case "result":
			r := msg.Result
			if b.OnAnswer != nil {
				b.OnAnswer(c.Cmd, time.Since(sent))
			}
			b.state = r.State
			for _, e := range r.Events {
				if e.Kind == "skipped turn" {
					b.skipped += e.Ticks
					continue
				}
				if k, ok := kinds[e.Kind]; ok {
					b.events = append(b.events, actors.Event{Kind: k, Tick: e.Tick, Bearing: e.Bearing, Power: e.Power, Other: e.Other})
				}
			}
			return r
		case "error":
			panic(stop{fmt.Errorf("server refused %s: %s", c.Cmd, msg.Error)})
		case "end":
			e := remote.End{Type: msg.Type, Reason: msg.Reason, Tick: msg.Tick, Winner: msg.Winner, Alive: msg.Alive}
			b.end = &e
			panic(stop{errors.New(e.Reason)})
		}
	}
}

var kinds = map[string]engine.EventKind{}

func init() {
	for k := engine.HitByBullet; k <= engine.BotDied; k++ {
		kinds[k.String()] = k
	}
}

func f(v float64) *float64 { return &v }

// Forward moves ahead by distance units and returns when the move is over or cut short.
func (b *Bot) Forward(distance float64) { b.do(remote.Command{Cmd: "forward", Distance: f(distance)}) }

// Back moves backward by distance units.
func (b *Bot) Back(distance float64) { b.do(remote.Command{Cmd: "back", Distance: f(distance)}) }

// Turn turns the body by degrees.
func (b *Bot) Turn(degrees float64) { b.do(remote.Command{Cmd: "turn", Degrees: f(degrees)}) }

// TurnTo turns the body to an absolute heading.
func (b *Bot) TurnTo(heading float64) { b.do(remote.Command{Cmd: "turn_to", Heading: f(heading)}) }

// TurnGun turns the gun by degrees relative to the body.
func (b *Bot) TurnGun(degrees float64) { b.do(remote.Command{Cmd: "turn_gun", Degrees: f(degrees)}) }

// AimAt turns the gun toward (x, y).
func (b *Bot) AimAt(x, y float64) { b.do(remote.Command{Cmd: "aim_at", X: f(x), Y: f(y)}) }

// Shoot fires a power-1 bullet if the gun is cold; one tick.
func (b *Bot) Shoot() bool { return *b.do(remote.Command{Cmd: "shoot"}).Fired }

// ShootPower fires a bullet of the given power if the gun is cold; one tick.
func (b *Bot) ShootPower(power float64) bool {
	return *b.do(remote.Command{Cmd: "shoot", Power: f(power)}).Fired
}

// WaitGun waits until the gun is cold.
func (b *Bot) WaitGun() { b.do(remote.Command{Cmd: "wait_gun"}) }

// Scan looks for the nearest bot along the gun; one tick.
func (b *Bot) Scan() (actors.Target, bool) {
	r := b.do(remote.Command{Cmd: "scan"})
	if r.Target == nil {
		return actors.Target{}, false
	}
	t := r.Target
	return actors.Target{ID: t.ID, Name: t.Name, Pos: engine.Vec{X: t.X, Y: t.Y}, Bearing: t.Bearing, Distance: t.Distance,
		Energy: t.Energy, Heading: t.Heading, Speed: t.Speed}, true
}

// Wait sleeps for ticks ticks.
func (b *Bot) Wait(ticks int) { b.do(remote.Command{Cmd: "wait", Ticks: &ticks}) }

// Yield waits for the next tick.
func (b *Bot) Yield() { b.do(remote.Command{Cmd: "yield"}) }

// SetSpeed drives at speed until told otherwise, without waiting.
func (b *Bot) SetSpeed(speed float64) { b.do(remote.Command{Cmd: "set_speed", Speed: f(speed)}) }

// SetTurn turns the body by degrees over the coming ticks, without waiting.
func (b *Bot) SetTurn(degrees float64) { b.do(remote.Command{Cmd: "set_turn", Degrees: f(degrees)}) }

// SetGunTurn turns the gun by degrees over the coming ticks, without waiting.
func (b *Bot) SetGunTurn(degrees float64) {
	b.do(remote.Command{Cmd: "set_gun_turn", Degrees: f(degrees)})
}

// Fire asks to fire at the end of this tick, without waiting.
func (b *Bot) Fire(power float64) bool {
	return *b.do(remote.Command{Cmd: "fire", Power: f(power)}).Fired
}

// Position is the bot's centre after the last answer.
func (b *Bot) Position() (x, y float64) { return b.state.X, b.state.Y }

// Heading is the body's heading after the last answer.
func (b *Bot) Heading() float64 { return b.state.Heading }

// GunHeading is the gun's absolute heading after the last answer.
func (b *Bot) GunHeading() float64 { return b.state.GunHeading }

// Speed is the bot's speed after the last answer.
func (b *Bot) Speed() float64 { return b.state.Speed }

// Energy is the bot's energy after the last answer.
func (b *Bot) Energy() float64 { return b.state.Energy }

// GunHeat is the gun's heat after the last answer.
func (b *Bot) GunHeat() float64 { return b.state.GunHeat }

// Tick is the tick of the last answer.
func (b *Bot) Tick() uint64 { return b.state.Tick }

// Arena is the arena's size.
func (b *Bot) Arena() (width, height float64) { return b.welcome.Width, b.welcome.Height }

// Others is the number of other bots alive after the last answer.
func (b *Bot) Others() int { return b.state.Others }

// ID is the bot's number in the match.
func (b *Bot) ID() int { return b.welcome.ID }

// Name is the bot's name in the match.
func (b *Bot) Name() string { return b.welcome.Name }

// Rand is the bot's own random source in the match, drawn on the server (one command per draw): the same
// numbers a local bot would get, so a remote script plays the same match as a local one.
func (b *Bot) Rand() *rand.Rand { return b.rng }

// Events returns what happened since the last call, oldest first.
func (b *Bot) Events() []actors.Event {
	e := b.events
	b.events = nil
	return e
}

// Skipped is how many ticks the bot idled because its commands came after the turn timeout.
func (b *Bot) Skipped() uint64 { return b.skipped }

// Say writes a line to the bot's console in the arena, fmt.Sprintf style.
func (b *Bot) Say(format string, args ...any) {
	text := strings.ToValidUTF8(fmt.Sprintf(format, args...), "?")
	for len(text) > remote.MaxText { // cut whole runes off the end
		_, size := utf8.DecodeLastRuneInString(text)
		text = text[:len(text)-size]
	}
	b.do(remote.Command{Cmd: "say", Text: &text})
}

// Log writes its arguments to the bot's console, fmt.Sprint style.
func (b *Bot) Log(args ...any) { b.Say("%s", fmt.Sprint(args...)) }

// source draws from the bot's random source on the server.
type source struct{ b *Bot }

func (s source) Uint64() uint64 {
	v, err := strconv.ParseUint(s.b.do(remote.Command{Cmd: "rand"}).U64, 10, 64)
	if err != nil {
		panic(stop{fmt.Errorf("server sent a bad random number: %v", err)})
	}
	return v
}

var _ actors.Handle = (*Bot)(nil)
