package actors

import "fmt"

// Restart replaces the bot's script, for a desktop's hot reload: it kills the running script (its tasklet
// unwinds, its deferred calls run and its goroutine ends), drops the action it waited in and its unread events
// (engine.Bot.ResetScript), and starts script as a new tasklet for the same bot, which keeps its place, heading,
// energy and score. The new script has its first turn in the next Step. A dead bot stays dead: Restart returns
// an error and starts nothing.
//
// Main side only, between Steps. Cost: one switch to unwind the old script; the new one costs what any script
// costs.
func (b *Bot) Restart(script Script) error {
	body := b.body
	if !body.Alive() {
		return fmt.Errorf("bot %s is dead: only live bots restart", body)
	}
	if a := body.Actor(); a != nil && a.Alive() {
		b.w.Driver().Kill(a)
		if !body.Alive() { // the old script's deferred calls panicked: the World buried it
			return fmt.Errorf("bot %s died as its old script ended: %s", body, body.Cause())
		}
	}
	body.ResetScript()
	body.SetActor(b.w.Spawn(body.Name(), body, func() {
		defer body.ScriptEnded()
		script(b)
	}))
	return nil
}
