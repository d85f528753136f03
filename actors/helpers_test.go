package actors_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"stackarena/actors"
	"stackarena/engine"
)

func newWorld(t *testing.T, cfg engine.Config) *engine.World {
	t.Helper()
	if cfg.Width == 0 {
		cfg.Width, cfg.Height = 800, 600
	}
	w, err := engine.New(cfg)
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	return w
}

func spawn(t *testing.T, w *engine.World, name string, script actors.Script) *actors.Bot {
	t.Helper()
	b, err := actors.SpawnBot(w, name, script)
	require.NoError(t, err)
	return b
}

func step(t *testing.T, w *engine.World, n int) {
	t.Helper()
	for range n {
		require.NoError(t, w.Step())
	}
}
