package actors

// Restart replaces the bot's script, for a desktop's hot reload: it kills the running script (its tasklet
// unwinds, its deferred calls run and its goroutine ends), drops the action it waited in and its unread events,
// and starts script as a new tasklet for the same bot, which keeps its place, heading, energy and score. The new
// script has its first turn in the next Step. A dead bot stays dead: Restart returns an error and starts
// nothing; so does a call from a script's turn.
//
// Main side only, between Steps. Cost: one switch to unwind the old script; the new one costs what any script
// costs.
func (b *Bot) Restart(script Script) error {
	return b.c.Restart(func() { script(b) })
}
