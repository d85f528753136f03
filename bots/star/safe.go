package star

import (
	"fmt"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// The metered builtins. A builtin's own loop in Go is one interpreter step, so the universe's builtins that
// touch many elements in one call are shadowed by predeclared wrappers of the same name (a predeclared name
// hides a universal one) that, before calling the original:
//
//   - refuse to build a value of more than Limits.MaxElements elements (range included, though it is lazy:
//     it is what list(range(n)) and l.extend(range(n)) build from), and
//   - charge the work to the tick's step budget, one step per element touched (n·log2 n comparisons more for
//     sorted; one per 64 bytes written for str, repr, print and the console), refusing a call that would
//     take more steps than the tick has left: so no call does more Go work than the budget allows.
//
// An input of unknown length (an iterator) is wrapped so that each element it yields is charged, and the
// call fails when the budget runs out or the value grows past the cap.

// bytesPerStep is how many bytes of text a step pays for.
const bytesPerStep = 64

// maxIntDigits is the most decimal digits int() parses and str() writes, as in Python 3.11: converting
// longer numbers takes quadratic time.
const maxIntDigits = 4300

// costFunc is the cost, in steps, of a call whose iterable input has n elements.
type costFunc func(n int64) int64

func linear(n int64) int64 { return n }
func nlogn(n int64) int64  { return n + n*log2(n) }

func universal(name string) *starlark.Builtin {
	return starlark.Universe[name].(*starlark.Builtin)
}

var (
	universalRange = universal("range")
	universalZip   = universal("zip")
	universalInt   = universal("int")
)

// metered are the shadowing builtins, by name.
var metered = func() starlark.StringDict {
	d := starlark.StringDict{}
	// Builtins that build a value from their first argument.
	for _, name := range []string{"list", "tuple", "set", "enumerate", "reversed", "dict"} {
		d[name] = iterating(name, linear, true)
	}
	d["sorted"] = iterating("sorted", nlogn, true)
	// Builtins that only read it.
	for _, name := range []string{"any", "all", "min", "max"} {
		d[name] = iterating(name, linear, false)
	}
	d["zip"] = starlark.NewBuiltin("zip", zip)
	d["range"] = starlark.NewBuiltin("range", rangeCapped)
	d["sum"] = starlark.NewBuiltin("sum", sum)
	for _, name := range []string{"str", "repr", "print", "fail"} {
		d[name] = texting(name)
	}
	for _, name := range []string{"bytes", "hash", "float"} {
		d[name] = stringArg(name)
	}
	d["int"] = starlark.NewBuiltin("int", intCapped)
	return d
}()

// iterating wraps the universal builtin name, whose first positional argument (all of them, for min and max
// called with several) is iterated at cost per element; building says whether the result holds them.
func iterating(name string, cost costFunc, building bool) *starlark.Builtin {
	orig := universal(name)
	return starlark.NewBuiltin(name, func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		s, ok := th.Local(botKey).(*scriptBot)
		if !ok || len(args) == 0 {
			return orig.CallInternal(th, args, kw)
		}
		if (name == "min" || name == "max") && len(args) > 1 {
			if err := s.charge(b, int64(len(args)), "comparing %d values", int64(len(args))); err != nil {
				return nil, err
			}
			return orig.CallInternal(th, args, kw)
		}
		extra := int64(len(kw))
		n := int64(starlark.Len(args[0]))
		if n >= 0 {
			if building && n > int64(s.sb.limits.MaxElements) {
				return nil, tooBig(b, n, s.sb.limits.MaxElements)
			}
			if err := s.charge(b, cost(n)+extra, "%d elements", int64(n)); err != nil {
				return nil, err
			}
			return orig.CallInternal(th, args, kw)
		}
		it, ok := args[0].(starlark.Iterable)
		if !ok {
			return orig.CallInternal(th, args, kw) // its own type error
		}
		m := &meter{Iterable: it, s: s, b: b, cap: int64(s.sb.limits.MaxElements)}
		margs := append(starlark.Tuple{m}, args[1:]...)
		v, err := orig.CallInternal(th, margs, kw)
		if m.err != nil {
			return nil, m.err
		}
		if err == nil && name == "sorted" {
			err = s.charge(b, nlogn(m.n)-m.n, "sorting %d elements", m.n)
		}
		return v, err
	})
}

func tooBig(b *starlark.Builtin, n int64, max int) error {
	return fmt.Errorf("%s: %d elements, more than a value may hold (%d)", b.Name(), n, max)
}

// meter is an iterable of unknown length whose elements are charged as they are drawn; it stops early, with
// err set, when the budget or the element cap runs out.
type meter struct {
	starlark.Iterable
	s   *scriptBot
	b   *starlark.Builtin
	cap int64
	n   int64
	err error
}

func (m *meter) Iterate() starlark.Iterator { return &meterIter{m: m, it: m.Iterable.Iterate()} }

type meterIter struct {
	m  *meter
	it starlark.Iterator
}

func (i *meterIter) Next(p *starlark.Value) bool {
	m := i.m
	if m.err != nil {
		return false
	}
	if m.n >= m.cap {
		m.err = tooBig(m.b, m.n+1, int(m.cap))
		return false
	}
	if err := m.s.charge(m.b, 1, "element %d", int64(m.n+1)); err != nil {
		m.err = err
		return false
	}
	if !i.it.Next(p) {
		return false
	}
	m.n++
	return true
}

func (i *meterIter) Done() { i.it.Done() }

// zip charges every element of every input, and caps the pairs it builds.
func zip(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	orig := universalZip
	s, ok := th.Local(botKey).(*scriptBot)
	if !ok {
		return orig.CallInternal(th, args, kw)
	}
	margs := make(starlark.Tuple, len(args))
	var meters []*meter
	shortest := int64(-1)
	for i, a := range args {
		n := int64(starlark.Len(a))
		if n >= 0 {
			if shortest < 0 || n < shortest {
				shortest = n
			}
			margs[i] = a
			continue
		}
		it, ok := a.(starlark.Iterable)
		if !ok {
			return orig.CallInternal(th, args, kw)
		}
		m := &meter{Iterable: it, s: s, b: b, cap: int64(s.sb.limits.MaxElements)}
		meters = append(meters, m)
		margs[i] = m
	}
	if shortest > int64(s.sb.limits.MaxElements) && len(meters) == 0 {
		return nil, tooBig(b, shortest, s.sb.limits.MaxElements)
	}
	if shortest > 0 {
		if err := s.charge(b, shortest*int64(len(args)), "%d elements", shortest*int64(len(args))); err != nil {
			return nil, err
		}
	}
	v, err := orig.CallInternal(th, margs, kw)
	for _, m := range meters {
		if m.err != nil {
			return nil, m.err
		}
	}
	return v, err
}

// rangeCapped is range, refusing more than MaxElements elements.
func rangeCapped(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	v, err := universalRange.CallInternal(th, args, kw)
	if err != nil {
		return nil, err
	}
	if s, ok := th.Local(botKey).(*scriptBot); ok {
		if n := starlark.Len(v); n > s.sb.limits.MaxElements {
			return nil, tooBig(b, int64(n), s.sb.limits.MaxElements)
		}
	}
	return v, nil
}

// sum(iterable, start=0) is Python's, for numbers: the total of start and the elements.
func sum(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	var it starlark.Iterable
	var start starlark.Value = starlark.MakeInt(0)
	if err := starlark.UnpackArgs(b.Name(), args, kw, "iterable", &it, "start?", &start); err != nil {
		return nil, err
	}
	if !isNumber(start) {
		return nil, fmt.Errorf("%s: start is a %s: sum adds numbers", b.Name(), start.Type())
	}
	s, ok := th.Local(botKey).(*scriptBot)
	if !ok {
		return nil, fmt.Errorf("%s: only a bot's script may call it", b.Name())
	}
	var iter starlark.Iterator
	if n := int64(starlark.Len(it)); n >= 0 {
		if err := s.charge(b, n, "%d elements", int64(n)); err != nil {
			return nil, err
		}
		iter = it.Iterate()
	} else {
		m := &meter{Iterable: it, s: s, b: b, cap: int64(s.sb.limits.MaxElements)}
		iter = m.Iterate()
		defer iter.Done()
		return sumOf(b, iter, start, m)
	}
	defer iter.Done()
	return sumOf(b, iter, start, nil)
}

func sumOf(b *starlark.Builtin, iter starlark.Iterator, acc starlark.Value, m *meter) (starlark.Value, error) {
	var x starlark.Value
	for i := 1; iter.Next(&x); i++ {
		if !isNumber(x) {
			return nil, fmt.Errorf("%s: element %d is a %s: sum adds numbers", b.Name(), i, x.Type())
		}
		var err error
		if acc, err = starlark.Binary(syntax.PLUS, acc, x); err != nil {
			return nil, fmt.Errorf("%s: %v", b.Name(), err)
		}
	}
	if m != nil && m.err != nil {
		return nil, m.err
	}
	return acc, nil
}

func isNumber(v starlark.Value) bool {
	switch v.(type) {
	case starlark.Int, starlark.Float:
		return true
	}
	return false
}

// texting wraps a builtin that writes its arguments as text (str, repr, print, fail): it costs a step per
// value written and per 64 bytes, and refuses ints too long to write in linear time.
func texting(name string) *starlark.Builtin {
	orig := universal(name)
	return starlark.NewBuiltin(name, func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		if name == "str" && len(args) == 1 && len(kw) == 0 {
			if _, ok := args[0].(starlark.String); ok {
				return args[0], nil // itself: no work
			}
		}
		if s, ok := th.Local(botKey).(*scriptBot); ok {
			if err := s.chargeText(b, args, kw); err != nil {
				return nil, err
			}
		}
		return orig.CallInternal(th, args, kw)
	})
}

// chargeText charges writing args (and kwargs' values) as text.
func (s *scriptBot) chargeText(b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) error {
	if len(kw) == 0 { // the common case: a few strings and numbers, without a walk
		cost := int64(len(args))
		for _, a := range args {
			switch x := a.(type) {
			case starlark.String:
				cost += int64(len(x)) / bytesPerStep
			case starlark.Float, starlark.Bool, starlark.NoneType:
			case starlark.Int:
				if _, ok := x.Int64(); !ok {
					cost = -1
				}
			default:
				cost = -1
			}
			if cost < 0 {
				break
			}
		}
		if cost >= 0 {
			return s.charge(b, cost, "writing its arguments", -1)
		}
	}
	var left uint64
	if s.thread.Steps < s.limit {
		left = s.limit - s.thread.Steps
	}
	w := walker{limit: int64(left) * bytesPerStep, ints: true}
	for _, a := range args {
		w.value(a)
	}
	for _, p := range kw {
		w.value(p[1])
	}
	if w.bigInt > 0 {
		return fmt.Errorf("%s: an int of about %d digits is too long to write (the limit is %d digits)", b.Name(), w.bigInt, maxIntDigits)
	}
	cost := int64(w.visits) + w.bytes/bytesPerStep
	if w.bytes > w.limit {
		cost = max(cost, int64(left)+1)
	}
	return s.charge(b, cost, "writing its arguments", -1)
}

// stringArg wraps a builtin that reads a string argument in linear time (bytes, hash, float).
func stringArg(name string) *starlark.Builtin {
	orig := universal(name)
	return starlark.NewBuiltin(name, func(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
		if s, ok := th.Local(botKey).(*scriptBot); ok && len(args) == 1 {
			if str, ok := starlark.AsString(args[0]); ok && len(str) >= bytesPerStep {
				if err := s.charge(b, int64(len(str))/bytesPerStep, "reading %d bytes", int64(len(str))); err != nil {
					return nil, err
				}
			}
		}
		return orig.CallInternal(th, args, kw)
	})
}

// intCapped is int, refusing to parse more than maxIntDigits digits.
func intCapped(th *starlark.Thread, b *starlark.Builtin, args starlark.Tuple, kw []starlark.Tuple) (starlark.Value, error) {
	if len(args) > 0 {
		if str, ok := starlark.AsString(args[0]); ok && len(str) > maxIntDigits+8 {
			return nil, fmt.Errorf("%s: a string of %d characters is too long to parse (the limit is %d digits)", b.Name(), len(str), maxIntDigits)
		}
	}
	return universalInt.CallInternal(th, args, kw)
}
