package listen

import (
	"flag"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCheckAddr(t *testing.T) {
	tests := []struct {
		addr, token string
		wantErr     string // "" when accepted
	}{
		{"127.0.0.1:7878", "", ""},
		{"127.0.0.1:0", "", ""},
		{"localhost:7878", "", ""},
		{"[::1]:7878", "", ""},
		{"127.8.9.10:7878", "", ""},
		{"0.0.0.0:7878", "", "not loopback"},
		{":7878", "", "not loopback"},
		{"[::]:7878", "", "not loopback"},
		{"192.0.2.1:7878", "", "not loopback"},
		{"example.com:7878", "", "not loopback"},
		{"0.0.0.0:7878", "s3cret", ""},
		{"nonsense", "", "want host:port"},
		{"127.0.0.1:http", "", "not a number"},
		{"127.0.0.1:70000", "", "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.addr+" "+tt.token, func(t *testing.T) {
			err := CheckAddr(tt.addr, tt.token)
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestFlagsCheck(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
	}{
		{nil, ""},
		{[]string{"-remote", "0"}, ""}, // without -listen nothing is served
		{[]string{"-listen", "127.0.0.1:0", "-remote", "3", "-turn-timeout", "0"}, ""},
		{[]string{"-listen", "127.0.0.1:0", "-remote", "0"}, "-remote 0"},
		{[]string{"-listen", "127.0.0.1:0", "-turn-timeout", "-1ms"}, "-turn-timeout"},
		{[]string{"-listen", "127.0.0.1:0", "-join-timeout", "-1s"}, "-join-timeout"},
		{[]string{"-listen", "0.0.0.0:7878"}, "-listen: address"},
	}
	for _, tt := range tests {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		f := AddFlags(fs)
		require.NoError(t, fs.Parse(tt.args))
		err := f.Check()
		if tt.wantErr == "" {
			assert.NoError(t, err, tt.args)
			continue
		}
		require.Error(t, err, tt.args)
		assert.Contains(t, err.Error(), tt.wantErr)
	}
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	f := AddFlags(fs)
	require.NoError(t, fs.Parse(nil))
	assert.Equal(t, 30*time.Millisecond, f.TurnTimeout)
}
