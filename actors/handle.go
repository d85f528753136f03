package actors

import "math/rand/v2"

// Handle is a bot's whole API as a script sees it: the blocking actions, the instant ones and the getters of
// [Bot]. *Bot implements it in the arena, and the remote client (package stackarena/bots/remote/client)
// implements it over the network, so that one script written against Handle plays either way. Its methods
// follow Bot's contracts: call them from the script that holds the handle.
type Handle interface {
	Forward(distance float64)
	Back(distance float64)
	Turn(degrees float64)
	TurnTo(heading float64)
	TurnGun(degrees float64)
	AimAt(x, y float64)
	Shoot() bool
	ShootPower(power float64) bool
	WaitGun()
	Scan() (Target, bool)
	Wait(ticks int)
	Yield()
	SetSpeed(speed float64)
	SetTurn(degrees float64)
	SetGunTurn(degrees float64)
	Fire(power float64) bool
	Position() (x, y float64)
	Heading() float64
	GunHeading() float64
	Speed() float64
	Energy() float64
	GunHeat() float64
	Tick() uint64
	Arena() (width, height float64)
	Others() int
	ID() int
	Name() string
	Rand() *rand.Rand
	Events() []Event
	Say(format string, args ...any)
	Log(args ...any)
}

var _ Handle = (*Bot)(nil)
