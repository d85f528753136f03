// Package window is the arena's desktop window: an Ebitengine game ([Game]) whose Update steps a match's World by
// whole ticks and whose Draw shows it. A person can play (a tank driven with WASD, aimed with the mouse, fired
// with the left button) or watch, pause, step one tick at a time, change the speed from 0.25x to 16x, zoom, pan,
// follow a bot, and inspect one: its figures, what it is doing, the line of its script it waits in and its
// console. F1 in the window lists the controls (controls.go holds them).
//
// The files, one concern each:
//
//	game.go, session.go        the Game: options, Update/Draw/Layout, building and restarting matches
//	clock.go                   speeds, pause and single steps: how many ticks an Update steps
//	input.go, controls*.go     the Input interface, the key bindings, what keys and the mouse do
//	pick.go                    which bot a click selects
//	batch.go, scene.go         the arena: package match/scene's frame drawn in batched quads; debug and scan toggles
//	layout.go, ui.go, hud.go,  the panels: where they go, the HUD and ranking, the inspector,
//	inspector.go, results.go   the results and help screens
//	palette.go, assets.go,     colours, sprites on the GPU, fonts, the camera
//	text.go, camera.go
//	stats.go                   frame and tick rates and the last frame, for -frames and -screenshot
//
// It is the only package that imports Ebitengine, so it needs cgo, the X11 development packages and a display:
// scripts/deps.sh installs the packages, and `make test` runs this package's tests under xvfb-run. Without a
// display the test binary panics in Ebitengine's init, before any test runs. Everything else, the headless
// command included, must not import this package.
//
// Threading: Ebitengine calls Update, Draw and Layout one after the other on one goroutine, which is not the
// main goroutine. The types here are not safe for concurrent use: use them from those calls only. The World's
// tasklets are coroutines, which must be created and resumed on one goroutine whose OS-thread locking does not
// change; so the Game builds every match inside Update, and closes it there too, never from main (see the
// scheduler's package doc). The tests run inside the first Update of the test binary's game (main_test.go) for
// the same reason.
//
// Performance: a frame is about a dozen draw calls whatever the number of actors (see scene.go), and drawing
// allocates nothing per actor. On a software renderer each quad and each pixel costs, so small bots drop their
// details (see scene.SmallZoom); `stackarena -frames N` prints the frame rate.
package window
