package remote_test

import (
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/bots/remote"
	"stackarena/bots/remote/client"
	"stackarena/engine"
	"stackarena/match"
)

// square is the talk's squarebot, written once against actors.Handle: the local and the remote runs below play
// this same source.
var square = bots.Square

// arena is a small match with built-in bots around the bots under test.
func arena(seed uint64, ticks uint64) match.Config {
	return match.Config{Seed: seed, MaxTicks: ticks, Width: 800, Height: 600,
		Bots: []match.BotSpec{{Name: "spinbot", Count: 1}, {Name: "chaser", Count: 1}}}
}

// playLocal plays cfg with extra local bots and returns the state hash after every tick.
func playLocal(t *testing.T, cfg match.Config, extra ...match.ExtraBot) []uint64 {
	t.Helper()
	m, err := match.Build(cfg, match.Options{Extra: extra})
	require.NoError(t, err)
	defer m.World.Close()
	var hashes []uint64
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
		hashes = append(hashes, m.World.Hash())
	}
	return hashes
}

// remoteRun is a match with remote bots: the server, the match and what it recorded.
type remoteRun struct {
	hashes   []uint64
	arrivals []remote.Arrival
	names    []string
	match    *match.Match
}

// playRemote serves the match cfg to len(players) remote bots, each run by its function on its own goroutine
// with the server's address, and plays it to the end.
func playRemote(t *testing.T, cfg match.Config, opt remote.Options, players ...func(addr string)) remoteRun {
	t.Helper()
	return playRemoteOn(t, cfg, 1, opt, players...)
}

// playRemoteOn is playRemote with the World's scripts on cores shards.
func playRemoteOn(t *testing.T, cfg match.Config, cores int, opt remote.Options, players ...func(addr string)) remoteRun {
	t.Helper()
	if opt.Addr == "" {
		opt.Addr = "127.0.0.1:0"
	}
	opt.Seats = len(players)
	srv, err := remote.Listen(opt)
	require.NoError(t, err)
	var wg sync.WaitGroup
	defer wg.Wait() // after Close, which ends every peer's play
	defer srv.Close()
	for _, p := range players {
		wg.Add(1)
		go func() { defer wg.Done(); p(srv.Addr()) }()
	}
	require.NoError(t, srv.WaitJoins(len(players), 10*time.Second))
	var run remoteRun
	srv.Record(func(a remote.Arrival) { run.arrivals = append(run.arrivals, a) })
	var extra []match.ExtraBot
	for _, e := range srv.Bots() {
		extra = append(extra, match.ExtraBot{Name: e.Name, Script: e.Script})
		run.names = append(run.names, e.Name)
	}
	m, err := match.Build(cfg, match.Options{Extra: extra, Gate: srv.Gate(), Cores: cores})
	require.NoError(t, err)
	require.Equal(t, max(1, cores), m.World.Shards())
	srv.Watch(m.World)
	run.match = m
	for !m.World.Over() {
		require.NoError(t, m.World.Step())
		run.hashes = append(run.hashes, m.World.Hash())
	}
	srv.Finish(m.World)
	require.NoError(t, m.World.Close())
	return run
}

// goPlayer joins with the Go client and plays script; the match's end is the normal way out.
func goPlayer(t *testing.T, name string, script func(actors.Handle), ends chan<- remote.End) func(string) {
	return func(addr string) {
		bot, err := client.Dial(addr, name, "")
		if !assert.NoError(t, err) {
			return
		}
		end, err := bot.Play(script)
		assert.NoError(t, err)
		if ends != nil {
			ends <- end
		}
	}
}

// TestRemoteSquarebotMatchesLocal is the lockstep's promise: a remote squarebot that never times out plays the
// match exactly as the same script played locally, state hash for state hash, at every tick.
func TestRemoteSquarebotMatchesLocal(t *testing.T) {
	for _, seed := range []uint64{1, 7} {
		cfg := arena(seed, 600)
		local := playLocal(t, cfg, match.ExtraBot{Name: "square", Script: func(b *actors.Bot) { square(b) }})
		ends := make(chan remote.End, 1)
		run := playRemote(t, cfg, remote.Options{TurnTimeout: 0}, goPlayer(t, "square", square, ends))
		require.Len(t, run.hashes, len(local))
		for i := range local {
			require.Equalf(t, local[i], run.hashes[i], "seed %d: state hash differs at tick %d", seed, i+1)
		}
		end := <-ends
		assert.NotEmpty(t, end.Reason)
	}
}

// Remote bots on shards: their commands are delivered on the shard of each bot's tasklet, within the script
// phase, so two remote squarebots that never time out play, on 1, 2 or 3 shards, the match the same scripts play
// locally on one, state hash for state hash.
func TestRemoteBotsSameOnShards(t *testing.T) {
	cfg := arena(5, 400)
	local := playLocal(t, cfg, match.ExtraBot{Name: "a", Script: func(b *actors.Bot) { square(b) }},
		match.ExtraBot{Name: "b", Script: func(b *actors.Bot) { square(b) }})
	for _, cores := range []int{1, 2, 3} {
		run := playRemoteOn(t, cfg, cores, remote.Options{TurnTimeout: 0}, goPlayer(t, "a", square, nil), goPlayer(t, "b", square, nil))
		require.Len(t, run.hashes, len(local), "%d cores", cores)
		for i := range local {
			require.Equalf(t, local[i], run.hashes[i], "%d cores: state hash differs at tick %d", cores, i+1)
		}
	}
}

// TestRemoteMatchReplays checks that the input log (arrivals by tick) replays a match with remote bots exactly,
// without any network, including a bot whose peer vanished mid-match and one that idled on a short timeout.
func TestRemoteMatchReplays(t *testing.T) {
	cfg := arena(3, 500)
	quitter := func(addr string) {
		bot, err := client.Dial(addr, "quitter", "")
		if !assert.NoError(t, err) {
			return
		}
		require.NoError(t, bot.Start())
		for range 20 {
			bot.Turn(7)
			bot.Shoot()
		}
		bot.Close() // vanishes: its bot dies, the match goes on
	}
	var skipped uint64
	slow := func(addr string) {
		bot, err := client.Dial(addr, "slow", "")
		if !assert.NoError(t, err) {
			return
		}
		defer func() { skipped = bot.Skipped() }()
		bot.Play(func(b actors.Handle) {
			for i := 0; ; i++ {
				if i%10 == 0 {
					time.Sleep(15 * time.Millisecond) // misses the 5 ms turn timeout now and then
				}
				b.Forward(20)
				b.Turn(45)
			}
		})
	}
	run := playRemoteOn(t, cfg, 2, remote.Options{TurnTimeout: 5 * time.Millisecond}, goPlayer(t, "square", square, nil), quitter, slow)
	require.NotEmpty(t, run.arrivals)
	assert.Positive(t, skipped, "the slow bot must have idled, and been told")
	var quit *engine.Bot
	for _, b := range run.match.World.Bots() {
		if b.Name() == "quitter" {
			quit = b
		}
	}
	require.NotNil(t, quit)
	assert.False(t, quit.Alive(), "the bot whose peer left must die")
	assert.Contains(t, quit.Cause(), "disconnected")

	for _, cores := range []int{1, 3} { // recorded on 2 shards; a replay plays the same on any number
		replay := remote.NewReplay(run.names, run.arrivals)
		var extra []match.ExtraBot
		for _, e := range replay.Bots() {
			extra = append(extra, match.ExtraBot{Name: e.Name, Script: e.Script})
		}
		m, err := match.Build(cfg, match.Options{Extra: extra, Gate: replay.Gate(), Cores: cores})
		require.NoError(t, err)
		for i := 0; !m.World.Over(); i++ {
			require.NoError(t, m.World.Step())
			require.Equalf(t, run.hashes[i], m.World.Hash(), "replay on %d cores differs at tick %d", cores, i+1)
		}
		require.Equal(t, len(run.hashes), int(m.World.Tick()))
		require.NoError(t, m.World.Close())
		require.NoError(t, replay.Close())
	}
}

// TestServerLeavesNoGoroutines checks the resource invariant: after a match and Close, every goroutine the
// server, its peers' connections and the World started is gone.
func TestServerLeavesNoGoroutines(t *testing.T) {
	base := runtime.NumGoroutine()
	playRemote(t, arena(2, 200), remote.Options{TurnTimeout: 0}, goPlayer(t, "a", square, nil), goPlayer(t, "b", square, nil))
	requireGoroutines(t, base)
}

// requireGoroutines waits up to 5 s for the goroutine count to fall back to base, then fails with the stacks.
// (Not assert.Eventually: it polls from a goroutine of its own.)
func requireGoroutines(t *testing.T, base int) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if runtime.NumGoroutine() <= base {
			return
		}
	}
	buf := make([]byte, 1<<16)
	t.Fatalf("goroutines: %d before, %d after:\n%s", base, runtime.NumGoroutine(), buf[:runtime.Stack(buf, true)])
}
