package tournament

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strings"

	"stackarena/bots"
	"stackarena/bots/star"
	"stackarena/engine"
	"stackarena/match"
	"stackarena/match/input"
)

// Formats of a tournament.
const (
	Duel  = "duel"  // every ordered pair of entries meets once a round: both sides of each pairing
	Melee = "melee" // each round shuffles the field into matches of Size entries
)

// Version is the results file's format; a file of another version is refused.
const Version = 1

// Entry is one bot of the field: a built-in name or a .star path (Spec), the name it goes by in tables (Name),
// how many copies of it each of its matches holds (Count), and for a script the SHA-256 of its source, so that
// shards run on other machines are known to have played the same script.
type Entry struct {
	Name   string `json:"name"`
	Spec   string `json:"spec"`
	Count  int    `json:"count"`
	SHA256 string `json:"sha256,omitempty"`
}

// Plan is a whole tournament: everything that decides which matches are played and how. It is the first line
// of a results file, so that -resume and merge check that results belong to the same tournament. Plans are
// compared by their JSON; a Plan is immutable once made and safe to share between goroutines.
type Plan struct {
	Version int          `json:"version"`
	Rules   int          `json:"rules"` // engine.RulesVersion: results of other rules do not mix
	Format  string       `json:"format"`
	Field   []Entry      `json:"field"`
	Rounds  int          `json:"rounds"`
	Size    int          `json:"size"` // entries per match
	Seed    uint64       `json:"seed"`
	Map     match.Config `json:"map"` // the arena, walls, doors and tick limit; its bots and seed are unused
	Matches int          `json:"matches"`
}

// Pairing is a match of the plan: its index, its seed and the field entries it puts in the arena, in spawn
// order.
type Pairing struct {
	Index   int
	Seed    uint64
	Entries []int
}

// Limits on a plan, so that a typo cannot ask for a billion matches.
const (
	MaxMatches = 10_000_000
	MaxField   = 1000
)

// NewPlan checks and builds a plan. field lists the bots as match.ParseBots reads them (built-in names or .star
// paths, with counts); every .star file is read once here, to name and hash it. size is the number of entries
// per melee match (0: the whole field); a duel's size is 2.
func NewPlan(format string, field []match.BotSpec, rounds, size int, seed uint64, arena match.Config) (*Plan, error) {
	p := &Plan{Version: Version, Rules: engine.RulesVersion, Format: format, Rounds: rounds, Seed: seed, Map: arena}
	p.Map.Bots, p.Map.Seed = nil, 0
	if len(field) < 2 {
		return nil, fmt.Errorf("the field has %d bot(s): a tournament needs at least 2", len(field))
	}
	if len(field) > MaxField {
		return nil, fmt.Errorf("the field has %d bots: at most %d", len(field), MaxField)
	}
	if rounds < 1 {
		return nil, fmt.Errorf("-rounds %d: must be at least 1", rounds)
	}
	for _, spec := range field {
		if spec.Count < 1 {
			return nil, fmt.Errorf("bot %s: count %d: each entry needs at least one copy", spec.Name, spec.Count)
		}
		e := Entry{Name: spec.Name, Spec: spec.Name, Count: spec.Count}
		if _, ok := bots.Lookup(spec.Name); !ok {
			if !strings.HasSuffix(spec.Name, ".star") {
				_, _, err := match.Resolve(spec.Name) // the registry's own message, with the names it knows
				return nil, err
			}
			src, err := input.ReadFile(spec.Name, star.MaxScriptBytes) // a regular file: never a FIFO's endless read
			if err != nil {
				return nil, fmt.Errorf("%s: cannot read the bot script: %v", input.Shorten(spec.Name), err)
			}
			sum := sha256.Sum256(src)
			e.SHA256 = hex.EncodeToString(sum[:])
			base := spec.Name[strings.LastIndexAny(spec.Name, `/\`)+1:]
			e.Name = strings.TrimSuffix(base, ".star")
		}
		for _, other := range p.Field {
			if other.Spec == e.Spec {
				return nil, fmt.Errorf("bot %s is in the field twice: give it once (with a count for copies)", e.Spec)
			}
		}
		p.Field = append(p.Field, e)
	}
	// Names are what tables show: a script named like a built-in bot or like another script goes by its path.
	for i := range p.Field {
		for j := range p.Field {
			if i != j && p.Field[i].Name == p.Field[j].Name && p.Field[i].SHA256 != "" {
				p.Field[i].Name = p.Field[i].Spec
			}
		}
	}
	n := len(p.Field)
	switch format {
	case Duel:
		if size != 0 && size != 2 {
			return nil, fmt.Errorf("-size %d: a duel is 2 bots (use -format melee for more)", size)
		}
		p.Size = 2
		p.Matches = rounds * n * (n - 1)
	case Melee:
		if size == 0 {
			size = n
		}
		if size < 2 || size > n {
			return nil, fmt.Errorf("-size %d: a melee match takes between 2 and %d bots (the field)", size, n)
		}
		p.Size = size
		p.Matches = rounds * p.perRound()
	default:
		return nil, fmt.Errorf("-format %q: want duel or melee", format)
	}
	if rounds > MaxMatches || p.Matches > MaxMatches {
		return nil, fmt.Errorf("%d rounds make too many matches: at most %d", rounds, MaxMatches)
	}
	if err := p.Map.Validate(); err != nil && !strings.Contains(err.Error(), "no bots") {
		return nil, err
	}
	return p, nil
}

// perRound is the number of matches in a round.
func (p *Plan) perRound() int {
	n := len(p.Field)
	if p.Format == Duel {
		return n * (n - 1)
	}
	return (n + p.Size - 1) / p.Size
}

// Pairing returns match i (0 <= i < Matches). Duels: round i/perRound, and within it the ordered pair (a, b),
// a != b, in row order; the first entry spawns first. Melee: each round shuffles the field with a source seeded
// by the tournament seed and the round, and match j of the round takes the next Size entries of that order,
// wrapping around, so every entry plays at least once a round. O(field).
func (p *Plan) Pairing(i int) Pairing {
	per := p.perRound()
	round, k := i/per, i%per
	pr := Pairing{Index: i, Seed: MatchSeed(p.Seed, i)}
	n := len(p.Field)
	if p.Format == Duel {
		a, b := k/(n-1), k%(n-1)
		if b >= a {
			b++
		}
		pr.Entries = []int{a, b}
		return pr
	}
	order := rand.New(rand.NewPCG(p.Seed, uint64(round))).Perm(n)
	for s := range p.Size {
		pr.Entries = append(pr.Entries, order[(k*p.Size+s)%n])
	}
	return pr
}

// MatchSeed is the seed of match index of a tournament with seed seed: two rounds of SplitMix64, so that
// neighbouring indices and seeds give unrelated matches. `headless -seed` with it plays the match alone.
func MatchSeed(seed uint64, index int) uint64 {
	return splitmix(splitmix(seed) ^ uint64(index))
}

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Config is the match config of a pairing: the plan's map with the pairing's bots and seed. The same config
// given to headless (-config with the map, -bots and -seed) plays the same match.
func (p *Plan) Config(pr Pairing) match.Config {
	c := p.Map
	c.Seed = pr.Seed
	c.Bots = make([]match.BotSpec, len(pr.Entries))
	for k, e := range pr.Entries {
		c.Bots[k] = match.BotSpec{Name: p.Field[e].Spec, Count: p.Field[e].Count}
	}
	return c
}

// Names are the entries' names, in field order.
func (p *Plan) Names() []string {
	names := make([]string, len(p.Field))
	for i, e := range p.Field {
		names[i] = e.Name
	}
	return names
}

// Same reports whether q is the same tournament as p.
func (p *Plan) Same(q *Plan) bool {
	a, _ := json.Marshal(p)
	b, _ := json.Marshal(q)
	return bytes.Equal(a, b)
}

// Sources reads the field's .star files once for all matches, by spec, checked against the hashes in the plan
// (a file changed since the plan was made is an error), and compiles each once to report a bad script before
// any match. Each match compiles them from these sources (match.Options.Sources), so that what it records is
// what it ran.
func (p *Plan) Sources() (map[string][]byte, error) {
	out := map[string][]byte{}
	for _, e := range p.Field {
		if e.SHA256 == "" {
			continue // a built-in bot
		}
		src, err := input.ReadFile(e.Spec, star.MaxScriptBytes)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read the bot script: %v", input.Shorten(e.Spec), err)
		}
		if sum := sha256.Sum256(src); hex.EncodeToString(sum[:]) != e.SHA256 {
			return nil, fmt.Errorf("%s: the script is not the one this tournament was started with (its SHA-256 differs)", e.Spec)
		}
		if _, err := star.LoadSource(e.Spec, src); err != nil {
			return nil, err
		}
		out[e.Spec] = src
	}
	return out, nil
}
