//go:build linux || freebsd || netbsd || openbsd || dragonfly

package nodisplay

import "os"

// missing says why there is no display, or "" when there may be one. Ebitengine draws through X11 here (under
// Wayland, through XWayland), so DISPLAY must be set.
func missing() string {
	if os.Getenv("DISPLAY") == "" {
		return "DISPLAY is not set"
	}
	return ""
}
