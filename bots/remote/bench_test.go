//go:build unix

package remote_test

import (
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"stackarena/actors"
	"stackarena/bots"
	"stackarena/bots/remote"
	"stackarena/bots/remote/client"
	"stackarena/match"
)

// benchBots is how many squarebots the benchmarks' match has, local or remote.
const benchBots = 1000

// benchMatch is the benchmarks' match: a spinbot and benchBots squarebots added by the caller, in an arena
// sized to them.
func benchMatch() match.Config {
	c := match.Config{Seed: 1, Bots: []match.BotSpec{{Name: "spinbot", Count: 1}}}
	all := c
	all.Bots = append(all.Bots, match.BotSpec{Name: "squarebot", Count: benchBots})
	c.Width, c.Height = all.Size()
	return c
}

// cpuTime is the CPU time this process has used, user and system (what the machine's other load does not
// change, unlike ticks per second).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// liveBytes is the heap and stack in use after a collection.
func liveBytes() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse + ms.StackInuse
}

// BenchmarkThousandSquarebots plays the same match with 1,000 squarebots, local (the baseline) and remote (a Go
// load generator in this process, one client and connection per bot, on loopback, with the default 30 ms turn
// timeout, and with none: every tick waits for every command due). One op is one tick; run it with a fixed tick count, e.g.
//
//	go test -run '^$' -bench ThousandSquarebots -benchtime 300x ./bots/remote/
//
// It reports ticks/s, the process's CPU time per tick (server and load generator together for remote: the
// figure the machine's other load does not change), memory per bot (the match's heap and stacks; for remote, server and load generator
// together), and for remote the round trip from an answer being queued to the next command arriving (median and
// p99, in µs) and the turns skipped.
func BenchmarkThousandSquarebots(b *testing.B) {
	b.Run("local", func(b *testing.B) {
		before := liveBytes()
		extra := make([]match.ExtraBot, benchBots)
		for i := range extra {
			extra[i] = match.ExtraBot{Name: "square", Script: func(bot *actors.Bot) { bots.Square(bot) }}
		}
		m, err := match.Build(benchMatch(), match.Options{Extra: extra})
		if err != nil {
			b.Fatal(err)
		}
		defer m.World.Close()
		if err := m.World.Step(); err != nil { // every script started
			b.Fatal(err)
		}
		perBot := float64(liveBytes()-before) / benchBots
		b.ResetTimer()
		start, cpu := time.Now(), cpuTime()
		ticks := 0
		for ; ticks < b.N && !m.World.Over(); ticks++ {
			if err := m.World.Step(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(ticks)/time.Since(start).Seconds(), "ticks/s")
		b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/float64(ticks), "cpu-µs/tick")
		b.ReportMetric(perBot, "B/bot")
	})
	b.Run("remote", func(b *testing.B) { benchRemote(b, remote.DefaultTurnTimeout) })
	b.Run("remote-no-timeout", func(b *testing.B) { benchRemote(b, 0) })
}

// benchRemote is the remote run with the given turn timeout (0: the ticks wait for every command).
func benchRemote(b *testing.B, timeout time.Duration) {
	{
		var mu sync.Mutex
		var trips []time.Duration
		before := liveBytes()
		srv, err := remote.Listen(remote.Options{Addr: "127.0.0.1:0", Seats: benchBots, TurnTimeout: timeout,
			OnRoundTrip: func(d time.Duration) {
				mu.Lock()
				trips = append(trips, d)
				mu.Unlock()
			}})
		if err != nil {
			b.Fatal(err)
		}
		defer srv.Close()
		var skipped atomic.Uint64
		var wg sync.WaitGroup
		for range benchBots {
			wg.Add(1)
			go func() {
				defer wg.Done()
				bot, err := client.Dial(srv.Addr(), "square", "")
				if err != nil {
					b.Error(err)
					return
				}
				bot.Play(bots.Square)
				skipped.Add(bot.Skipped())
			}()
		}
		defer wg.Wait()
		if err := srv.WaitJoins(benchBots, time.Minute); err != nil {
			b.Fatal(err)
		}
		var extra []match.ExtraBot
		for _, e := range srv.Bots() {
			extra = append(extra, match.ExtraBot{Name: e.Name, Script: e.Script})
		}
		m, err := match.Build(benchMatch(), match.Options{Extra: extra, Gate: srv.Gate()})
		if err != nil {
			b.Fatal(err)
		}
		srv.Watch(m.World)
		defer m.World.Close()
		if err := m.World.Step(); err != nil {
			b.Fatal(err)
		}
		perBot := float64(liveBytes()-before) / benchBots
		mu.Lock()
		trips = trips[:0]
		mu.Unlock()
		b.ResetTimer()
		start, cpu := time.Now(), cpuTime()
		ticks := 0
		for ; ticks < b.N && !m.World.Over(); ticks++ {
			if err := m.World.Step(); err != nil {
				b.Fatal(err)
			}
		}
		elapsed, cpuUsed := time.Since(start), cpuTime()-cpu
		b.StopTimer()
		srv.Finish(m.World)
		wg.Wait()
		b.ReportMetric(float64(ticks)/elapsed.Seconds(), "ticks/s")
		b.ReportMetric(float64(cpuUsed.Microseconds())/float64(ticks), "cpu-µs/tick")
		b.ReportMetric(perBot, "B/bot")
		mu.Lock()
		slices.Sort(trips)
		if n := len(trips); n > 0 {
			b.ReportMetric(float64(trips[n/2].Microseconds()), "p50-µs")
			b.ReportMetric(float64(trips[n*99/100].Microseconds()), "p99-µs")
			b.ReportMetric(float64(n)/float64(ticks), "cmds/tick")
		}
		mu.Unlock()
		b.ReportMetric(float64(skipped.Load()), "skipped")
	}
}
