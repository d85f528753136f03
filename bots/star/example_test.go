package star_test

import (
	"fmt"

	"stackarena/actors"
	"stackarena/bots/star"
	"stackarena/engine"
)

// A script bot runs as a tasklet like any Go bot: bot.wait(10) parks it for ten ticks, and what it says or
// prints goes to its console, each line stamped with its tick.
func ExampleLoadSource() {
	script, err := star.LoadSource("greeter.star", []byte(`
def main(bot):
    bot.say("hello from", bot.name())
    bot.wait(10)
    print("tick", bot.tick_count())
    1 // 0
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	w, _ := engine.New(engine.Config{Width: 400, Height: 300, Seed: 1})
	defer w.Close()
	actors.SpawnBot(w, "greeter", script)
	for range 12 {
		w.Step()
	}
	for _, line := range w.Bot(1).Console() {
		fmt.Println(line)
	}
	// Output:
	// [1] hello from greeter
	// [11] tick 11
	// [11] error: greeter.star:6:7: floored division by zero
	// [11]   Traceback (most recent call last):
	// [11]     greeter.star:6:7: in main
	// [11]   Error: floored division by zero
}

// A syntax error is a load error, on one line.
func ExampleLoad() {
	_, err := star.LoadSource("typo.star", []byte("def main(bot)\n    bot.forward(10)\n"))
	fmt.Println(err)
	// Output:
	// typo.star:2:1: got newline, want ':'
}
