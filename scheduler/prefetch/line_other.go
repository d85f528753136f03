//go:build !amd64 && !arm64

// Package prefetch asks the CPU to start loading a cache line without waiting for it (see line.go); on this
// architecture it does nothing.
package prefetch

import "unsafe"

// Line does nothing on this architecture: the hint is not given (see line.go).
func Line(unsafe.Pointer) {}
