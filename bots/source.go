package bots

import (
	"embed"
	"strings"
)

// sources are the built-in bots' Go files, so that an inspector can show the line a bot's script waits in.
//
//go:embed *.go
var sources embed.FS

// SourceLine returns line n (from 1) of the built-in bots' Go file named file (a base name, as a script's
// position gives it: "talk.go"), without its indentation; false when there is no such file or line. It reads
// the embedded copy, O(file size).
func SourceLine(file string, n int) (string, bool) {
	data, err := sources.ReadFile(file)
	if err != nil || n < 1 {
		return "", false
	}
	lines := strings.Split(string(data), "\n")
	if n > len(lines) {
		return "", false
	}
	return strings.TrimSpace(lines[n-1]), true
}
