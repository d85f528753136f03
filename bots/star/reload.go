package star

import (
	"bytes"
	"errors"
	"fmt"

	"stackarena/actors"
	"stackarena/match/input"
)

// Reloader is a desktop's hot reload: it knows which bots run which .star file and, on demand (a key press),
// reloads the files that changed and restarts their bots with the new script. A file that fails to read or
// compile is left as it was: its bots go on running the old script and the error is returned, so that a typo
// saved mid-match costs nothing.
//
// A Reloader is used on the goroutine that steps the World, between Steps; it is not safe for concurrent use.
type Reloader struct {
	// Sandbox is the match's, which reloaded scripts run in; nil means Load's.
	Sandbox *Sandbox
	files   []*watched // in the order first tracked, so that reloads happen in a fixed order
}

// watched is a tracked file: the source its bots run and the bots.
type watched struct {
	path string
	src  []byte // what the bots run now; nil if unknown (the file could not be read when tracked)
	bots []*actors.Bot
}

// Track records that bots run the script file path (as given to Load, or named in a match's config). Names
// that do not end in ".star" are ignored, so that a match's bot names can be passed as they are: with
// match.Match m, whose Bots are spawned in its Config.Bots order,
//
//	i := 0
//	for _, spec := range m.Config.Bots {
//		r.Track(spec.Name, m.Bots[i:i+spec.Count]...)
//		i += spec.Count
//	}
//
// The first Track of a path reads the file to remember what its bots run; track a file right after the match
// is built, before the user edits it. Cost: one file read per new path.
func (r *Reloader) Track(path string, bots ...*actors.Bot) {
	if len(path) < 5 || path[len(path)-5:] != ".star" {
		return
	}
	for _, f := range r.files {
		if f.path == path {
			f.bots = append(f.bots, bots...)
			return
		}
	}
	src, _ := input.ReadFile(path, MaxScriptBytes) // unreadable now: the next Reload tries again
	r.files = append(r.files, &watched{path: path, src: src, bots: bots})
}

// Paths lists the tracked files, in the order first tracked.
func (r *Reloader) Paths() []string {
	paths := make([]string, len(r.files))
	for i, f := range r.files {
		paths[i] = f.path
	}
	return paths
}

// Source is the source the bots of the tracked file path run now (nil if it is not tracked or was never read),
// for a replay to record what a reload changed.
func (r *Reloader) Source(path string) []byte {
	for _, f := range r.files {
		if f.path == path {
			return f.src
		}
	}
	return nil
}

// Reload reads every tracked file and, for each one whose content changed since its bots started, compiles
// it and restarts its live bots with it (actors.Bot.Restart: they keep their place and energy; their script,
// Starlark globals included, starts afresh in the next Step). It returns the paths it reloaded, and one error
// per file that could not be read or compiled (errors.Join; each "path:line:col: message"), whose bots keep
// the old script. Dead bots stay dead.
//
// Main side only, between Steps. Cost: a read of each tracked file, plus a compile and a restart of each bot
// of the files that changed.
func (r *Reloader) Reload() (reloaded []string, err error) {
	var errs []error
	for _, f := range r.files {
		src, rerr := input.ReadFile(f.path, MaxScriptBytes)
		if rerr == nil && f.src != nil && bytes.Equal(src, f.src) {
			continue
		}
		if rerr := r.reload(f); rerr != nil {
			errs = append(errs, rerr)
			continue
		}
		reloaded = append(reloaded, f.path)
	}
	return reloaded, errors.Join(errs...)
}

// ReloadFile reloads the tracked file path whether or not it changed, as Reload does for a changed file. It
// fails for a path that is not tracked.
func (r *Reloader) ReloadFile(path string) error {
	for _, f := range r.files {
		if f.path == path {
			return r.reload(f)
		}
	}
	return fmt.Errorf("%s: not a tracked bot script", path)
}

func (r *Reloader) reload(f *watched) error {
	p, err := compileFile(f.path)
	if err != nil {
		return err
	}
	f.src = p.src
	var errs []error
	for _, bot := range f.bots {
		if !bot.Alive() {
			continue
		}
		sb := r.Sandbox
		if sb == nil {
			sb = defaultSandbox
		}
		if err := bot.Restart(sb.script(p)); err != nil {
			errs = append(errs, err)
			continue
		}
		bot.Log("reloaded " + f.path)
	}
	return errors.Join(errs...)
}
