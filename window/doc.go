// Package window is the arena's desktop window: an Ebitengine game whose Update steps the world and whose Draw
// reads it. It is the only package that imports Ebitengine, so it needs cgo, the X11 development packages and a
// display: scripts/deps.sh installs the packages, and `make test` runs this package's tests under xvfb-run.
// Without a display the test binary panics in Ebitengine's init, before any test runs. Everything else, the
// headless command included, must not import this package.
//
// Threading: Ebitengine calls Update, Draw and Layout one after the other on one goroutine, which is not the
// main goroutine. The types here ([Camera], [Sprites], [Text]) are not safe for concurrent use: use them from
// those calls only, and drive the scheduler from Update as well: its coroutines must be created and resumed on
// one goroutine (see the scheduler's package doc).
package window
