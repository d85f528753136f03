package tournament

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestShardsSplitTheMatchesDisjointly(t *testing.T) {
	for _, n := range []int{1, 2, 3, 7} {
		seen := map[int]int{}
		for i := range n {
			for _, m := range (Shard{i, n}).Indices(100) {
				seen[m]++
			}
		}
		assert.Len(t, seen, 100, "%d shards cover every match", n)
		for m, k := range seen {
			assert.Equal(t, 1, k, "match %d is in one shard", m)
		}
	}
}

func TestParseShard(t *testing.T) {
	s, err := ParseShard("2/3")
	require.NoError(t, err)
	assert.Equal(t, Shard{2, 3}, s)
	for _, bad := range []string{"3/3", "-1/3", "1/0", "1", "a/b", "1/3/4", ""} {
		_, err := ParseShard(bad)
		assert.Error(t, err, bad)
	}
}

func TestShardFromEnv(t *testing.T) {
	tests := []struct {
		name   string
		env    map[string]string
		shards int
		want   Shard
		from   string
		err    string
	}{
		{"none", nil, 0, All, "", ""},
		{"slurm", map[string]string{"SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"}, 0, Shard{2, 3}, "SLURM_ARRAY_TASK_ID", ""},
		{"slurm counting from 1", map[string]string{"SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"}, 0, Shard{2, 3}, "SLURM_ARRAY_TASK_ID", ""},
		{"slurm with -shards", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "3"}, 3, Shard{0, 3}, "SLURM_ARRAY_TASK_ID", ""},
		{"slurm disagrees with -shards", map[string]string{"SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "3"}, 4, Shard{}, "", "SLURM_ARRAY_TASK_COUNT is 3"},
		{"slurm out of range", map[string]string{"SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_COUNT": "3"}, 0, Shard{}, "", "out of range"},
		{"slurm garbage", map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, 0, Shard{}, "", "not a whole number"},
		{"kubernetes", map[string]string{"JOB_COMPLETION_INDEX": "1"}, 3, Shard{1, 3}, "JOB_COMPLETION_INDEX", ""},
		{"kubernetes without -shards", map[string]string{"JOB_COMPLETION_INDEX": "1"}, 0, Shard{}, "", "-shards N"},
		{"kubernetes out of range", map[string]string{"JOB_COMPLETION_INDEX": "3"}, 3, Shard{}, "", "out of range"},
		{"-shards alone", nil, 3, Shard{}, "", "which shard"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, from, err := ShardFromEnv(func(k string) string { return tt.env[k] }, tt.shards)
			if tt.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, s)
			assert.Equal(t, tt.from, from)
		})
	}
}
