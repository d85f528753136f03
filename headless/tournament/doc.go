// Package tournament plays many seeded matches between a field of bots and rates the bots: the logic of
// `headless tournament`.
//
// A [Plan] is the whole tournament: the field, the format ([Duel]: every ordered pair of entries once a round;
// [Melee]: each round shuffles the field into matches of Size entries), the rounds, the map and the
// tournament seed. Match i's bots follow from the plan ([Plan.Pairing]) and its seed from the tournament seed
// and i ([MatchSeed]), so any match can be played again alone. [Run] plays a list of matches on a pool of
// workers, each driving whole matches on a World of its own (matches never share a scheduler), and hands each
// [Result] to one collecting goroutine, which appends it as a JSON line to a results file ([Writer]). A result
// holds nothing but what follows from the plan and the index, so the results are the same set for any number
// of workers and any interruptions; [ReadFile] checks a results file line by line (it is input), [Combine]
// merges files of one tournament (shards, resumed runs), and [Analyze] turns results into [Standings]:
// Bradley–Terry/Plackett–Luce ratings with bootstrap intervals, the pairwise win-rate matrix and per-bot
// score summaries, printed as tables or JSON and drawn by [WritePlots].
//
// [Shard] selects the i-th of n interleaved slices of the matches, for batch engines (Kubernetes Indexed
// Jobs, Slurm job arrays, GNU parallel): docs/TOURNAMENTS.md shows each.
package tournament
