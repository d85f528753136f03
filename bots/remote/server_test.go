package remote_test

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots/remote"
	"stackarena/bots/remote/client"
	"stackarena/engine"
	"stackarena/match"
)

// rawPeer speaks the protocol by hand, to send what no client would.
type rawPeer struct {
	t *testing.T
	c net.Conn
	r *bufio.Reader
}

func dialRaw(t *testing.T, addr string) *rawPeer {
	c, err := net.Dial("tcp", addr)
	require.NoError(t, err)
	return &rawPeer{t: t, c: c, r: bufio.NewReader(c)}
}

func (p *rawPeer) send(s string) {
	_, err := p.c.Write([]byte(s))
	assert.NoError(p.t, err)
}

// next reads one message (nil at the end of the connection), waiting at most 5 s.
func (p *rawPeer) next() map[string]any {
	p.c.SetReadDeadline(time.Now().Add(5 * time.Second))
	line, err := p.r.ReadBytes('\n')
	if err != nil {
		return nil
	}
	var m map[string]any
	if !assert.NoError(p.t, json.Unmarshal(line, &m), "server sent %q", line) {
		return nil
	}
	return m
}

// join joins as name and waits for the welcome.
func (p *rawPeer) join(name string) bool {
	p.send(`{"type":"join","version":1,"name":"` + name + `"}` + "\n")
	m := p.next()
	return assert.Equal(p.t, "welcome", m["type"], "%v", m)
}

// botNamed finds a bot of the finished match by name.
func botNamed(t *testing.T, run remoteRun, name string) *engine.Bot {
	for _, b := range run.match.World.Bots() {
		if b.Name() == name {
			return b
		}
	}
	t.Fatalf("no bot %q", name)
	return nil
}

// TestGarbageGetsErrorsThenDisconnects sends the hostile lines of testdata: each gets a one-line error and the
// peer may go on (a valid command still works), until MaxGarbage of them disconnect it; its bot dies and the
// match goes on to its end.
func TestGarbageGetsErrorsThenDisconnects(t *testing.T) {
	data, err := os.ReadFile("testdata/hostile/lines.txt")
	require.NoError(t, err)
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	require.Greater(t, len(lines), remote.MaxGarbage)
	var errs []string
	peer := func(addr string) {
		p := dialRaw(t, addr)
		defer p.c.Close()
		if !p.join("garbage") {
			return
		}
		for i, l := range lines {
			if i == 2 { // between bad lines, a good one is answered as usual
				p.send(`{"cmd":"yield","id":77}` + "\n")
				m := p.next()
				assert.Equal(t, "result", m["type"], "%v", m)
				assert.EqualValues(t, 77, m["id"])
			}
			p.send(l + "\n")
			m := p.next()
			if m == nil {
				break
			}
			assert.Equal(t, "error", m["type"], "%q got %v", l, m)
			errs = append(errs, m["error"].(string))
		}
		assert.Nil(t, p.next(), "the peer is disconnected after its garbage")
	}
	run := playRemote(t, arena(4, 300), remote.Options{TurnTimeout: 0}, peer)
	assert.Equal(t, uint64(300), run.match.World.Tick(), "the match goes on to its end")
	require.Len(t, errs, remote.MaxGarbage)
	assert.Contains(t, errs[len(errs)-1], "disconnected")
	for _, e := range errs {
		assert.NotContains(t, e, "\n")
	}
	b := botNamed(t, run, "garbage")
	assert.False(t, b.Alive())
	assert.Contains(t, b.Cause(), "malformed")
}

// TestOversizedAndNonUTF8MessagesAreRefused checks that a message over MaxMessage, and one that is not UTF-8,
// get an error and are skipped, and that the next message is read as usual.
func TestOversizedAndNonUTF8MessagesAreRefused(t *testing.T) {
	big, err := os.ReadFile("testdata/hostile/oversized.txt")
	require.NoError(t, err)
	require.Greater(t, len(big), remote.MaxMessage)
	bad, err := os.ReadFile("testdata/hostile/notutf8.txt")
	require.NoError(t, err)
	peer := func(addr string) {
		p := dialRaw(t, addr)
		defer p.c.Close()
		if !p.join("big") {
			return
		}
		p.send(string(big))
		m := p.next()
		assert.Equal(t, "error", m["type"])
		assert.Contains(t, m["error"], "longer than")
		p.send(string(bad))
		m = p.next()
		assert.Equal(t, "error", m["type"])
		assert.Contains(t, m["error"], "UTF-8")
		p.send(`{"cmd":"forward","distance":30}` + "\n")
		m = p.next()
		assert.Equal(t, "result", m["type"], "%v", m)
	}
	run := playRemote(t, arena(5, 100), remote.Options{TurnTimeout: 0}, peer)
	assert.Equal(t, uint64(100), run.match.World.Tick())
}

// TestSlowPeersAreDisconnected checks both slow-loris cases: a connection that does not finish its join in
// time, and a joined peer that starts a message and stalls. Even with no turn timeout (the match waits for
// every command), neither stalls the match: the stalled bot is disconnected and dies.
func TestSlowPeersAreDisconnected(t *testing.T) {
	partial, err := os.ReadFile("testdata/hostile/partial.txt")
	require.NoError(t, err)
	opt := remote.Options{TurnTimeout: 0, JoinTimeout: 300 * time.Millisecond, SlowTimeout: 300 * time.Millisecond}
	stalled := func(addr string) {
		p := dialRaw(t, addr)
		defer p.c.Close()
		if !p.join("stalled") {
			return
		}
		p.send(`{"cmd":"forward","dist`) // and nothing more
		m := p.next()
		assert.Equal(t, "error", m["type"])
		assert.Contains(t, m["error"], "disconnected")
		assert.Nil(t, p.next())
	}
	srvDone := make(chan struct{})
	loris := func(addr string) {
		defer close(srvDone)
		p := dialRaw(t, addr)
		defer p.c.Close()
		p.send(string(partial))
		start := time.Now()
		m := p.next()
		assert.Equal(t, "error", m["type"])
		assert.Contains(t, m["error"], "no join within")
		assert.Nil(t, p.next())
		assert.Less(t, time.Since(start), 4*time.Second)
	}
	run := playRemote(t, arena(6, 200), opt, stalled, func(addr string) {
		loris(addr)
		// the loris never takes a seat: fill it with a real bot so that the match can start
		bot, err := client.Dial(addr, "square", "")
		if assert.NoError(t, err) {
			bot.Play(square)
		}
	})
	<-srvDone
	assert.Equal(t, uint64(200), run.match.World.Tick())
	b := botNamed(t, run, "stalled")
	assert.False(t, b.Alive())
	assert.Contains(t, b.Cause(), "took over")
}

// TestTokensAddressesAndCaps checks who gets in: off loopback only with a token; with a token, only peers that
// give it; no more connections than MaxConns; no more bots than seats.
func TestTokensAddressesAndCaps(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "192.0.2.1:7878", "[::]:0"} {
		_, err := remote.Listen(remote.Options{Addr: addr})
		require.Error(t, err, addr)
		assert.Contains(t, err.Error(), "token", addr)
	}
	_, err := remote.Listen(remote.Options{Addr: "nonsense"})
	require.Error(t, err)

	srv, err := remote.Listen(remote.Options{Addr: "127.0.0.1:0", Token: "s3cret", Seats: 1, MaxConns: 3})
	require.NoError(t, err)
	defer srv.Close()
	refused := func(join, want string) {
		p := dialRaw(t, srv.Addr())
		defer p.c.Close()
		p.send(join + "\n")
		m := p.next()
		assert.Equal(t, "error", m["type"], "%v", m)
		assert.Contains(t, m["error"], want)
		assert.Nil(t, p.next())
	}
	refused(`{"type":"join","version":1,"name":"x"}`, "token")
	refused(`{"type":"join","version":1,"name":"x","token":"guess"}`, "token")
	good := dialRaw(t, srv.Addr())
	defer good.c.Close()
	good.send(`{"type":"join","version":1,"name":"x","token":"s3cret"}` + "\n")
	require.NoError(t, srv.WaitJoins(1, 5*time.Second))
	refused(`{"type":"join","version":1,"name":"y","token":"s3cret"}`, "full")

	// Two idle connections and the joined one reach MaxConns: the next is turned away at once.
	idle1, idle2 := dialRaw(t, srv.Addr()), dialRaw(t, srv.Addr())
	defer idle1.c.Close()
	defer idle2.c.Close()
	time.Sleep(50 * time.Millisecond) // let the server accept them
	over := dialRaw(t, srv.Addr())
	defer over.c.Close()
	m := over.next()
	assert.Equal(t, "error", m["type"])
	assert.Contains(t, m["error"], "too many connections")
}

// TestWebSocketPlaysAMatch plays the remote squarebot over WebSocket, on the same port as the line protocol,
// and checks that it plays the match exactly as the local one.
func TestWebSocketPlaysAMatch(t *testing.T) {
	cfg := arena(8, 400)
	local := playLocal(t, cfg, match.ExtraBot{Name: "square", Script: func(b *actors.Bot) { square(b) }})
	ends := make(chan remote.End, 1)
	run := playRemote(t, cfg, remote.Options{TurnTimeout: 0}, func(addr string) {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		bot, err := client.DialWebSocket(ctx, "ws://"+addr+"/", "square", "")
		if !assert.NoError(t, err) {
			return
		}
		end, err := bot.Play(square)
		assert.NoError(t, err)
		ends <- end
	})
	require.Equal(t, local, run.hashes)
	end := <-ends
	assert.Equal(t, "end", end.Type)
	assert.NotEmpty(t, end.Reason) // "match over", or "dead: ..." when the chaser gets it first
}

// TestThePageIsServed checks that a browser asking the bot server for / gets the page that plays a bot from it
// (over WebSocket, to the same address), and anything else a one-line 404.
func TestThePageIsServed(t *testing.T) {
	srv, err := remote.Listen(remote.Options{Addr: "127.0.0.1:0"})
	require.NoError(t, err)
	defer srv.Close()
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + srv.Addr() + path)
		require.NoError(t, err)
		defer resp.Body.Close()
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, err)
		return resp.StatusCode, string(body)
	}
	status, body := get("/")
	assert.Equal(t, http.StatusOK, status)
	assert.Contains(t, body, "new WebSocket(`ws://${location.host}/`)")
	assert.Contains(t, body, `type: "join", version: 1`)
	status, body = get("/etc/passwd")
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, body, "not found")
}

// TestInstantCommandsCannotHoldATick plays a peer that sends instant commands and nothing else, with no turn
// timeout: every tick waits for its commands, yet the match goes on, since only MaxInstant of them run per tick.
func TestInstantCommandsCannotHoldATick(t *testing.T) {
	var last, answers uint64
	spammer := func(b actors.Handle) {
		for {
			b.SetSpeed(1)
			answers++
			last = b.Tick()
		}
	}
	run := playRemote(t, arena(9, 60), remote.Options{TurnTimeout: 0}, goPlayer(t, "spammer", spammer, nil))
	assert.Equal(t, uint64(60), run.match.World.Tick(), "the match reached its end")
	assert.GreaterOrEqual(t, answers, uint64(remote.MaxInstant*50))
	assert.LessOrEqual(t, answers, uint64(remote.MaxInstant*61))
	assert.GreaterOrEqual(t, last, uint64(50))
}

// TestActionsThatEndAtOnceCannotHoldATick is the same with wait_gun on a cold gun, an action that ends in the
// tick it starts.
func TestActionsThatEndAtOnceCannotHoldATick(t *testing.T) {
	spammer := func(b actors.Handle) {
		b.Wait(40) // the gun cools
		for {
			b.WaitGun()
		}
	}
	run := playRemote(t, arena(10, 80), remote.Options{TurnTimeout: 0}, goPlayer(t, "waiter", spammer, nil))
	assert.Equal(t, uint64(80), run.match.World.Tick(), "the match reached its end")
}
