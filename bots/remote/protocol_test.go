package remote

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDecodeCommand(t *testing.T) {
	tests := []struct {
		line    string
		wantErr string // "" when valid
	}{
		{`{"cmd":"forward","distance":10}`, ""},
		{`{"cmd":"forward","distance":10,"id":3}` + "\r\n", ""},
		{`{"cmd":"shoot"}`, ""},
		{`{"cmd":"shoot","power":3}`, ""},
		{`{"cmd":"aim_at","x":1,"y":2}`, ""},
		{`{"cmd":"wait","ticks":0}`, ""},
		{`{"cmd":"rand"}`, ""},
		{`{"cmd":"say","text":"héllo"}`, ""},
		{`{"cmd":"forward"}`, `forward needs "distance"`},
		{`{"cmd":"forward","distance":10,"degrees":5}`, `forward takes no "degrees"`},
		{`{"cmd":"shoot","power":0}`, `shoot: "power" is 0, must be between 0.1 and 3`},
		{`{"cmd":"set_speed","speed":9}`, `set_speed: "speed" is 9`},
		{`{"cmd":"turn","degrees":1e7}`, `turn: "degrees" is 1e+07`},
		{`{"cmd":"wait","ticks":-1}`, `wait: "ticks" is -1`},
		{`{"cmd":"aim_at","x":1}`, `aim_at needs "y"`},
		{`{"cmd":"dance"}`, `unknown command "dance"`},
		{`{"cmd":"yield","extra":true}`, `unknown field "extra"`},
		{`{"cmd":"yield"}{"cmd":"yield"}`, "more than one value"},
		{`{"cmd":"forward","distance":"10"}`, "bad JSON"},
		{`not json`, "bad JSON"},
		{``, "empty message"},
		{"\xff{}", "not UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			c, err := DecodeCommand([]byte(tt.line))
			if tt.wantErr == "" {
				require.NoError(t, err)
				assert.NotEmpty(t, c.Cmd)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.NotContains(t, err.Error(), "\n", "errors are one line")
		})
	}
}

func TestDecodeJoin(t *testing.T) {
	tests := []struct {
		line    string
		wantErr string
	}{
		{`{"type":"join","version":1,"name":"squarebot"}`, ""},
		{`{"type":"join","version":1,"name":"a-b_c.d","token":"s3cret"}`, ""},
		{`{"type":"join","version":2,"name":"x"}`, "this server speaks version 1"},
		{`{"type":"hello","version":1,"name":"x"}`, `not type "hello"`},
		{`{"type":"join","version":1,"name":""}`, "name must be 1 to 32 bytes"},
		{`{"type":"join","version":1,"name":"../../etc/passwd"}`, "use letters, digits"},
		{`{"type":"join","version":1,"name":"x","admin":true}`, `unknown field "admin"`},
		{`{"cmd":"forward","distance":10}`, "unknown field"},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			_, err := DecodeJoin([]byte(tt.line))
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

// hostileLines reads every line of the files in testdata/hostile (the fuzz corpus's seeds and the server tests'
// hostile peers).
func hostileLines(t testing.TB) [][]byte {
	files, err := filepath.Glob("testdata/hostile/*")
	require.NoError(t, err)
	require.NotEmpty(t, files)
	var lines [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			lines = append(lines, append([]byte(nil), sc.Bytes()...))
		}
	}
	return lines
}

// FuzzDecode checks that no line crashes the decoders, and that a command they accept is complete: every
// argument its command needs is there and in range (the seat dereferences them without checking), and it
// survives a round trip through JSON unchanged (replays store commands re-encoded).
func FuzzDecode(f *testing.F) {
	for _, line := range hostileLines(f) {
		f.Add(line)
	}
	f.Add([]byte(`{"cmd":"forward","distance":10,"id":1}`))
	f.Add([]byte(`{"cmd":"aim_at","x":-3.5,"y":1e5}`))
	f.Add([]byte(`{"cmd":"say","text":"\u00e9\n"}`))
	f.Fuzz(func(t *testing.T, line []byte) {
		DecodeJoin(line)
		c, err := DecodeCommand(line)
		if err != nil {
			return
		}
		spec, ok := commands[c.Cmd]
		if !ok {
			t.Fatalf("accepted unknown command %q", c.Cmd)
		}
		for _, a := range spec.args {
			v, given := c.value(a.name)
			if a.required && !given {
				t.Fatalf("%s accepted without %s", c.Cmd, a.name)
			}
			if given && !(v >= a.min && v <= a.max) {
				t.Fatalf("%s accepted %s = %v out of range", c.Cmd, a.name, v)
			}
		}
		again, err := json.Marshal(c)
		if err != nil {
			t.Fatalf("re-encoding %+v: %v", c, err)
		}
		c2, err := DecodeCommand(again)
		if err != nil {
			t.Fatalf("re-encoded %s refused: %v", again, err)
		}
		if a, b := mustJSON(t, c), mustJSON(t, c2); a != b {
			t.Fatalf("round trip changed the command: %s then %s", a, b)
		}
	})
}

func mustJSON(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
