//go:build !(linux || freebsd || netbsd || openbsd || dragonfly)

package nodisplay

// missing says why there is no display, or "" when there may be one: on this system there always is.
func missing() string { return "" }
