//go:build !amd64 && !arm64

package engine

import "unsafe"

// prefetch is a hint that this architecture's build does not give: it does nothing (see prefetch.go).
func prefetch(unsafe.Pointer) {}
