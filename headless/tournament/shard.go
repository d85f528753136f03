package tournament

import (
	"fmt"
	"strconv"
	"strings"
)

// Shard is the i-th of n disjoint slices of a tournament's matches: those whose index is i modulo n. Interleaved
// slices take the same share of every round, so shards take about the same time.
type Shard struct {
	I, N int
}

// All is the shard that holds every match.
var All = Shard{0, 1}

// Indices lists the shard's matches of a plan with matches matches, in index order.
func (s Shard) Indices(matches int) []int {
	var out []int
	for i := s.I; i < matches; i += s.N {
		out = append(out, i)
	}
	return out
}

// String is "i/n".
func (s Shard) String() string { return fmt.Sprintf("%d/%d", s.I, s.N) }

// ParseShard reads "i/n", 0 <= i < n.
func ParseShard(text string) (Shard, error) {
	a, b, ok := strings.Cut(text, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 0 || i >= n {
		return Shard{}, fmt.Errorf("-shard %q: want i/n with 0 <= i < n, like 0/3", text)
	}
	return Shard{i, n}, nil
}

// ShardFromEnv finds the shard when no -shard flag is given, from a batch engine's environment (getenv):
//   - a Slurm job array: SLURM_ARRAY_TASK_ID minus SLURM_ARRAY_TASK_MIN (0 if unset) of SLURM_ARRAY_TASK_COUNT;
//   - a Kubernetes Indexed Job: JOB_COMPLETION_INDEX of shards (the -shards flag: the Job's completions, which
//     the pod is not told).
//
// With none of these it returns All. from names the source, for a note on stderr ("" for All).
func ShardFromEnv(getenv func(string) string, shards int) (s Shard, from string, err error) {
	num := func(name string) (int, bool, error) {
		v := getenv(name)
		if v == "" {
			return 0, false, nil
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil {
			return 0, true, fmt.Errorf("%s=%q: not a whole number", name, v)
		}
		return n, true, nil
	}
	check := func(s Shard, from string) (Shard, string, error) {
		if s.N < 1 || s.I < 0 || s.I >= s.N {
			return Shard{}, "", fmt.Errorf("%s gives shard %d of %d: out of range", from, s.I, s.N)
		}
		return s, from, nil
	}
	id, slurm, err := num("SLURM_ARRAY_TASK_ID")
	if err != nil {
		return Shard{}, "", err
	}
	if slurm {
		first, _, err := num("SLURM_ARRAY_TASK_MIN")
		if err != nil {
			return Shard{}, "", err
		}
		count, ok, err := num("SLURM_ARRAY_TASK_COUNT")
		if err != nil {
			return Shard{}, "", err
		}
		if !ok {
			count = shards
		}
		if shards > 0 && count != shards {
			return Shard{}, "", fmt.Errorf("-shards %d, but SLURM_ARRAY_TASK_COUNT is %d", shards, count)
		}
		return check(Shard{id - first, count}, "SLURM_ARRAY_TASK_ID")
	}
	index, k8s, err := num("JOB_COMPLETION_INDEX")
	if err != nil {
		return Shard{}, "", err
	}
	if k8s {
		if shards < 1 {
			return Shard{}, "", fmt.Errorf("JOB_COMPLETION_INDEX is %d: give the number of shards with -shards N (the Job's completions)", index)
		}
		return check(Shard{index, shards}, "JOB_COMPLETION_INDEX")
	}
	if shards > 0 {
		return Shard{}, "", fmt.Errorf("-shards %d: which shard is this? Give -shard i/%d, or run in a Kubernetes Indexed Job or Slurm array", shards, shards)
	}
	return All, "", nil
}
