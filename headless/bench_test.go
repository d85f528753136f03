package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/engine"
)

// The smoke run CI does: every world in every mode, at a tiny size, each row in a child process (this test
// binary, acting as the command). It checks that every row runs and parses; it asserts no speed.
func TestBenchSmoke(t *testing.T) {
	t.Setenv(asCommand, "1")
	status, stdout, stderr := runArgs(t, "bench", "-actors", "40", "-ticks", "3", "-warmup", "2", "-json")
	require.Equal(t, exitOK, status, stderr)
	assert.Empty(t, stderr)

	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, len(worldNames)*len(modeNames), "one JSON line per row")
	seen := map[string]benchResult{}
	for _, line := range lines {
		var fields map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &fields), line)
		for _, f := range []string{"world", "actors", "mode", "ticks_per_second", "ns_per_actor_tick", "bytes_per_actor", "allocs_per_actor_tick"} {
			assert.Contains(t, fields, f)
		}
		var row benchResult
		require.NoError(t, json.Unmarshal([]byte(line), &row))
		assert.Equal(t, 40, row.Actors)
		assert.Equal(t, 3, row.Ticks)
		assert.Positive(t, row.TicksPerSecond, line)
		assert.Positive(t, row.NsPerActorTick, line)
		assert.Positive(t, row.BytesPerActor, line)
		assert.GreaterOrEqual(t, row.AllocsPerActorTick, 0.0, line)
		assert.GreaterOrEqual(t, row.ActorsMeasured, 40.0, "every measured tick starts topped up")
		if row.Mode == modeStateMachine {
			assert.Zero(t, row.SwitchesPerActorTick, "the state machines never switch")
		} else {
			assert.Positive(t, row.SwitchesPerActorTick)
		}
		seen[row.World+"/"+row.Mode] = row
	}
	for _, world := range worldNames {
		for _, mode := range modeNames {
			require.Contains(t, seen, world+"/"+mode)
			assert.Equal(t, seen[world+"/"+modeTasklets].StateHash, seen[world+"/"+mode].StateHash,
				"%s world: %s did the same work as tasklets", world, mode)
		}
	}
}

func TestBenchTable(t *testing.T) {
	t.Setenv(asCommand, "1")
	status, stdout, stderr := runArgs(t, "bench", "-worlds", "busy", "-modes", "statemachine", "-actors", "30,60", "-ticks", "2", "-warmup", "0")
	require.Equal(t, exitOK, status, stderr)
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	require.Len(t, lines, 4, "a comment, the header and two rows:\n%s", stdout)
	assert.True(t, strings.HasPrefix(lines[0], "# 2 ticks measured"), lines[0])
	assert.Equal(t, []string{"world", "actors", "mode", "cores", "ticks/s", "ns/actor-tick", "bytes/actor", "allocs/actor-tick",
		"switches/actor-tick", "state", "hash"}, strings.Fields(lines[1]))
	for i, n := range []string{"30", "60"} {
		fields := strings.Fields(lines[2+i])
		require.Len(t, fields, 10, lines[2+i])
		assert.Equal(t, []string{"busy", n, "statemachine", "1"}, fields[:4])
	}
}

// The three modes run the same behaviours: the same actions in the same ticks, so the same state. If a state
// machine drifted from its script, or a world drew its numbers differently in one mode, the hashes would part.
// The tasklets mode on 2, 3 and 8 shards gives the same state too.
func TestModesDoTheSameWork(t *testing.T) {
	for _, world := range worldNames {
		hashes := map[string][]uint64{}
		for _, run := range []string{modeTasklets, modeGoroutines, modeStateMachine, "tasklets/2", "tasklets/3", "tasklets/8"} {
			mode, k := run, 1
			if m, cores, ok := strings.Cut(run, "/"); ok {
				mode, k = m, int(cores[0]-'0')
			}
			bw, err := newBenchWorld(world, mode, 300, 7, k)
			require.NoError(t, err)
			for range 250 {
				_, err := bw.step()
				require.NoError(t, err)
				hashes[run] = append(hashes[run], bw.w.Hash())
			}
			bw.close()
		}
		require.Len(t, hashes, 6)
		for mode := range hashes {
			for tick := range hashes[mode] {
				require.Equal(t, hashes[modeTasklets][tick], hashes[mode][tick], "%s world, %s, tick %d", world, mode, tick+1)
			}
		}
	}
}

// The worlds hold what docs/BENCHMARKS.md says, at the size asked for, and things happen in them: bots move,
// turn and fire, bullets hit, doors open; nobody dies.
func TestBenchWorldsKeepTheirMix(t *testing.T) {
	tests := []struct {
		world                 string
		bots, doors           int
		squarebots            int
		scripted, engineShots bool // the kinds of bullet expected in flight
	}{
		{worldMixed, 50, 50, 25, false, true},
		{worldBusy, 50, 0, 0, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.world, func(t *testing.T) {
			bw, err := newBenchWorld(tt.world, modeTasklets, 500, 3, 1)
			require.NoError(t, err)
			defer bw.close()
			start := map[*engine.Bot]engine.Vec{}
			for _, b := range bw.w.Bots() {
				start[b] = b.Pos()
			}
			var hit bool
			var opened, scripted, engineBullets int
			for range 400 {
				live, err := bw.step()
				require.NoError(t, err)
				require.GreaterOrEqual(t, live, 500, "topped up to the size before every tick")
				require.Less(t, live, 600, "a little more at most, when bots fired beyond it")
				for _, d := range bw.w.Doors() {
					if d.OpenFraction() == 1 {
						opened++
					}
				}
				for _, bl := range bw.w.Bullets() {
					if bl.Scripted() {
						scripted++
					} else {
						engineBullets++
					}
				}
			}
			require.Len(t, bw.w.Bots(), tt.bots)
			assert.Equal(t, tt.bots, bw.w.AliveBots(), "nobody dies in a bench world")
			assert.Len(t, bw.w.Doors(), tt.doors)
			squarebots, moved, fired := 0, 0, 0
			for _, b := range bw.w.Bots() {
				if strings.HasPrefix(b.Name(), "squarebot") {
					squarebots++
				}
				if b.Pos() != start[b] {
					moved++
				}
				if b.Shots() > 0 {
					fired++
				}
				if b.Energy() < engine.StartEnergy+benchEnergy {
					hit = true
				}
			}
			assert.Equal(t, tt.squarebots, squarebots)
			assert.Equal(t, tt.bots, fired, "every bot fires")
			if tt.squarebots > 0 {
				assert.Positive(t, moved, "squarebots move")
			}
			assert.True(t, hit, "bullets hit bots")
			assert.Equal(t, tt.scripted, scripted > 0, "scripted bullets")
			assert.Equal(t, tt.engineShots, engineBullets > 0, "engine bullets")
			if tt.doors > 0 {
				assert.Positive(t, opened, "doors open")
			}
		})
	}
}

// -actors reads sizes up to a million, with k and m suffixes and "_" separators; parsing runs nothing.
func TestParseSizes(t *testing.T) {
	tests := []struct {
		in   string
		want []int
		err  string
	}{
		{"1000,10k,100_000", []int{1000, 10000, 100000}, ""},
		{"1m", []int{1_000_000}, ""},
		{"1M, 1_000_000, 1000k", []int{1_000_000, 1_000_000, 1_000_000}, ""},
		{"10", []int{minBenchActors}, ""},
		{"9", nil, `"9"`},
		{"1000001", nil, `"1000001"`},
		{"2m", nil, `"2m"`},
		{"1001k", nil, `"1001k"`},
		{"0m", nil, `"0m"`},
		{"-1m", nil, `"-1m"`},
		{"1.5m", nil, `"1.5m"`},
		{"9223372036854775807m", nil, "want a whole number from 10 to 1000000"},
		{"m", nil, `"m"`},
		{" , ", nil, "empty"},
	}
	for _, tt := range tests {
		got, err := parseSizes(tt.in)
		if tt.err != "" {
			require.ErrorContains(t, err, tt.err, tt.in)
			continue
		}
		require.NoError(t, err, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
}
