package engine_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

// Engine bullets come from the World's pool and go back to it once nothing reaches them: after every Step the
// pool holds exactly the bullets in flight plus those whose flight ended in that Step (their tasklet's last turn,
// or with no tasklet the Step's end, comes first), whatever the shards and whether bullets have scripts. A
// pointer kept from Bullets() still reads its bullet for the Step after its flight ended. The pool never grows
// past what the most bullets at once need.
func TestEngineBulletsGoBackToThePool(t *testing.T) {
	for _, c := range []struct {
		shards     int
		scriptless bool
	}{{0, false}, {2, false}, {3, false}, {0, true}} {
		t.Run(fmt.Sprintf("shards %d, scriptless %v", c.shards, c.scriptless), func(t *testing.T) {
			w, err := engine.New(engine.Config{Width: 2400, Height: 1800, Seed: 3, Shards: c.shards,
				BulletsWithoutScripts: c.scriptless, Walls: []engine.Rect{engine.R(1180, 300, 40, 1200)}})
			require.NoError(t, err)
			defer w.Close()
			for i := range 40 {
				spawn(t, w, fmt.Sprintf("gunner%d", i), func(b *actors.Bot) {
					for {
						b.ShootPower(0.1 + float64(i%3))
						b.Turn(float64(7 + i))
					}
				})
			}
			flying := map[int]*engine.Bullet{}
			peak, fired := 0, 0
			for tick := 0; !w.Over(); tick++ {
				require.NoError(t, w.Step())
				ended, now := 0, map[int]*engine.Bullet{}
				for _, bl := range w.Bullets() {
					now[bl.ID()] = bl
					fired = max(fired, bl.ID())
				}
				for id, bl := range flying {
					if now[id] == nil {
						ended++
						require.Equal(t, id, bl.ID(), "tick %d: a bullet that ended this Step is still itself", tick)
						require.False(t, bl.Alive())
					}
				}
				taken, chunks := engine.PooledBullets(w)
				require.Equal(t, len(now)+ended, taken, "tick %d: in flight %d, ended %d", tick, len(now), ended)
				peak = max(peak, taken)
				require.LessOrEqual(t, chunks, (peak+engine.BulletChunk-1)/engine.BulletChunk, "tick %d", tick)
				flying = now
			}
			assert.Greater(t, w.Tick(), uint64(300))
			assert.Greater(t, fired, 4*peak, "slots were reused, many times over")
		})
	}
}
