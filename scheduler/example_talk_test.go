package scheduler_test

// The programs of Andrew Dalke's talk "Using Stackless" (PyCon 2007), in Go, with the talk's output.

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"iter"
	"math/big"
	"runtime"
	"slices"
	"strings"

	"stackarena/scheduler"
)

// Starting a new tasklet: stackless.tasklet(writeln)("Hello, PyCon 2007!"); stackless.run()
func Example() {
	s := scheduler.New()
	writeln := func(text string) { fmt.Println(text) }
	s.Spawn(func() { writeln("Hello, PyCon 2007!") })
	if err := s.Run(); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Hello, PyCon 2007!
}

// Starting two tasklets: they run in creation order.
func Example_twoTasklets() {
	s := scheduler.New()
	greet := func(name string) { fmt.Println("Hello,", name) }
	s.Spawn(func() { greet("A") })
	s.Spawn(func() { greet("B") })
	s.Run()
	// Output:
	// Hello, A
	// Hello, B
}

// Round-robin scheduling: schedule() yields to the next tasklet in the run queue.
func ExampleScheduler_Schedule() {
	s := scheduler.New()
	greet := func(name string) {
		fmt.Println("Hello,", name)
		s.Schedule()
		fmt.Println("Goodbye", name)
	}
	s.Spawn(func() { greet("A") })
	s.Spawn(func() { greet("B") })
	s.Run()
	// Output:
	// Hello, A
	// Hello, B
	// Goodbye A
	// Goodbye B
}

// Channels: the sender blocks until the receiver comes; the receiver (preferred by default) resumes first, so
// "Sent." is printed after the receiver has its value.
func ExampleChannel_Send() {
	s := scheduler.New()
	ch := scheduler.NewChannel[int](s)
	sending := func() {
		x := 5
		ch.Send(x)
		fmt.Println("Sent.")
	}
	receiving := func() {
		x, _ := ch.Receive()
		if x != 5 {
			panic("assert x == 5")
		}
	}
	s.Spawn(sending)
	s.Spawn(receiving)
	s.Run()
	// Output:
	// Sent.
}

// repr prints a value as Python's repr would: strings in single quotes.
func repr(x any) string {
	if str, ok := x.(string); ok {
		return "'" + str + "'"
	}
	return fmt.Sprint(x)
}

// Producer / consumer: with the default preference every send switches to the waiting consumer, so the two
// producers alternate.
func Example_producerConsumer() {
	s := scheduler.New()
	ch := scheduler.NewChannel[any](s)
	producer1 := func() {
		fmt.Println("Starting producer1")
		ch.Send("A")
		ch.Send("B")
	}
	producer2 := func() {
		fmt.Println("Starting producer2")
		ch.SendSeq(slices.Values([]any{1, 2, 3}))
	}
	consumer := func() {
		fmt.Println("Starting consumer")
		for x := range ch.All() {
			fmt.Println(repr(x))
		}
	}
	// ch.SetPreference(1)
	for _, f := range []func(){consumer, producer1, producer2} {
		s.Spawn(f)
	}
	s.Run()
	s.Close()
	// Output:
	// Starting consumer
	// Starting producer1
	// 'A'
	// Starting producer2
	// 1
	// 'B'
	// 2
	// 3
}

// request is what the divide client sends the divider: the operands and a channel for the answer.
type request struct {
	x, y     int
	response *scheduler.Channel[int]
}

// Bidirectional: a divider tasklet serves requests that carry their own response channel.
func Example_divider() {
	s := scheduler.New()
	requestCh := scheduler.NewChannel[request](s)
	divider := func() {
		for {
			r, _ := requestCh.Receive()
			r.response.Send(r.x / r.y)
		}
	}
	divide := func(top, bottom int) int {
		responseCh := scheduler.NewChannel[int](s)
		requestCh.Send(request{top, bottom, responseCh})
		result, _ := responseCh.Receive()
		return result
	}
	main := func(top, bottom int) {
		result := divide(top, bottom)
		fmt.Printf("%d/%d = %d\n", top, bottom, result)
	}
	s.Spawn(divider)
	s.Spawn(func() { main(8, 4) })
	s.Run()
	s.Close()
	// Output:
	// 8/4 = 2
}

// Uncaught exceptions are forwarded to the main tasklet: the divider's division by zero comes out of Run.
func Example_uncaughtError() {
	s := scheduler.New()
	requestCh := scheduler.NewChannel[request](s)
	s.SpawnNamed("divider", func() {
		for {
			r, _ := requestCh.Receive()
			r.response.Send(r.x / r.y)
		}
	})
	s.SpawnNamed("main", func() {
		responseCh := scheduler.NewChannel[int](s)
		requestCh.Send(request{8, 0, responseCh})
		result, _ := responseCh.Receive()
		fmt.Printf("8/0 = %d\n", result)
	})
	err := s.Run()
	fmt.Println(err)
	var rerr runtime.Error
	fmt.Println("runtime error:", errors.As(err, &rerr))
	s.Close()
	// Output:
	// tasklet #1 (divider) panicked: runtime error: integer divide by zero
	// runtime error: true
}

// Forwarding exceptions: the divider catches the division by zero and sends it to the client with
// SendError (send_exception), where Receive returns it.
func ExampleChannel_SendError() {
	s := scheduler.New()
	requestCh := scheduler.NewChannel[request](s)
	divider := func() {
		for {
			r, _ := requestCh.Receive()
			func() {
				defer func() {
					if err, ok := recover().(runtime.Error); ok {
						r.response.SendError(err)
					}
				}()
				r.response.Send(r.x / r.y)
			}()
		}
	}
	divide := func(top, bottom int) (int, error) {
		responseCh := scheduler.NewChannel[int](s)
		requestCh.Send(request{top, bottom, responseCh})
		return responseCh.Receive()
	}
	main := func(top, bottom int) {
		result := "None"
		if n, err := divide(top, bottom); err == nil {
			result = fmt.Sprint(n)
		}
		fmt.Printf("%d/%d = %s\n", top, bottom, result)
	}
	s.Spawn(divider)
	s.Spawn(func() { main(8, 0) })
	s.Run()
	s.Close()
	// Output:
	// 8/0 = None
}

// Stackless recursion: every call of factorial runs in a new tasklet and returns its result through a new
// channel, so 1000! is computed by a chain of 1000 tasklets. The main side drives them by receiving.
func Example_factorial() {
	s := scheduler.New()
	defer s.Close()
	var factorial func(n int64) *big.Int
	call := func(f func(int64) *big.Int, n int64) *big.Int {
		resultCh := scheduler.NewChannel[*big.Int](s)
		s.Spawn(func() { resultCh.Send(f(n)) })
		result, _ := resultCh.Receive()
		return result
	}
	factorial = func(n int64) *big.Int {
		if n <= 1 {
			return big.NewInt(1)
		}
		return new(big.Int).Mul(big.NewInt(n), call(factorial, n-1))
	}
	fmt.Println("5! =", factorial(5))
	fmt.Println("1000! / 998! =", new(big.Int).Quo(factorial(1000), factorial(998)))
	// Output:
	// 5! = 120
	// 1000! / 998! = 999000
}

// An XML library: 1 plist, 1 dict, 3 tracks of 1 dict + 3 key/string pairs each = 23 elements.
const library = `<?xml version="1.0"?>
<plist><dict>
<dict><key>Name</key><string>Cloudbusting</string><key>Artist</key><string>Kate Bush</string><key>Year</key><string>1985</string></dict>
<dict><key>Name</key><string>Teardrop</string><key>Artist</key><string>Massive Attack</string><key>Year</key><string>1998</string></dict>
<dict><key>Name</key><string>Hyperballad</string><key>Artist</key><string>Bjork</string><key>Year</key><string>1995</string></dict>
</dict></plist>`

// contentHandler is a SAX callback interface.
type contentHandler interface{ StartElement(tag string) }

// saxParse is a callback-driven parser: it calls h for every element and returns when the document ends.
func saxParse(r io.Reader, h contentHandler) error {
	dec := xml.NewDecoder(r)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if el, ok := tok.(xml.StartElement); ok {
			h.StartElement(el.Name.Local)
		}
	}
}

type event struct{ kind, tag string }

// iterHandler turns each callback into a send on a channel, which blocks the parser's tasklet.
type iterHandler struct{ events *scheduler.Channel[event] }

func (h iterHandler) StartElement(tag string) { h.events.Send(event{"startElement", tag}) }

// iterparse runs the callback parser in a tasklet and returns its events as an iterator.
func iterparse(s *scheduler.Scheduler, r io.Reader) iter.Seq[event] {
	events := scheduler.NewChannel[event](s)
	s.Spawn(func() {
		defer events.Close()
		if err := saxParse(r, iterHandler{events}); err != nil {
			events.SendError(err)
		}
	})
	return events.All()
}

// Converting callback processing into an iterator: the main side ranges over events that a SAX parser's
// callbacks send from a tasklet.
func Example_iterparse() {
	s := scheduler.New()
	count := 0
	for ev := range iterparse(s, strings.NewReader(library)) {
		if ev.kind == "startElement" {
			count++
		}
	}
	fmt.Println(count, "elements")
	// Output:
	// 23 elements
}

// A fake network for the run_all_tasklets program: each connection yields its response in chunks, one chunk
// per turn of the reactor ("asyncore.loop(count=1)").
type network struct{ conns []*connection }

type connection struct {
	chunks []string
	read   *scheduler.Channel[string]
}

var pages = map[string][]string{
	"http://www.python.org/":  {"HTTP/1.0 200 OK\r\n\r\n", "<h1>Python</h1>"},
	"http://docs.python.org/": {"HTTP/1.0 200 OK\r\n\r\n", "<h1>Python ", "Documentation</h1>"},
}

// poll is one round of the reactor: every open connection delivers one chunk (handle_read), or its end
// (handle_close: the reader's loop stops).
func (n *network) poll() {
	open := n.conns[:0]
	for _, c := range n.conns {
		if len(c.chunks) == 0 {
			c.read.SendError(scheduler.ErrStopIteration)
			c.read.Close()
			continue
		}
		chunk := c.chunks[0]
		c.chunks = c.chunks[1:]
		c.read.Send(chunk)
		open = append(open, c)
	}
	n.conns = open
}

// urlopen starts a request and returns a read function that joins the response and skips its headers.
func (n *network) urlopen(s *scheduler.Scheduler, url string) func() string {
	c := &connection{chunks: slices.Clone(pages[url]), read: scheduler.NewChannel[string](s)}
	n.conns = append(n.conns, c)
	return func() string {
		body := strings.Join(slices.Collect(c.read.All()), "")
		return body[strings.Index(body, "\r\n\r\n")+4:]
	}
}

// Daemon tasklets and "run tasklets": the reactor loops forever, so Run would never return; run_all_tasklets
// schedules from the main side until every run tasklet has finished.
func Example_runAllTasklets() {
	s := scheduler.New()
	defer s.Close()
	net := &network{}
	callAsyncoreLoop := func() {
		for {
			s.Schedule()
			net.poll()
		}
	}
	running := 0
	runTasklet := func(f func()) {
		running++
		s.Spawn(func() {
			defer func() { running-- }()
			f()
		})
	}
	runAllTasklets := func() {
		for {
			s.Schedule()
			if running == 0 {
				break
			}
		}
	}
	fetch := func(url string) {
		read := net.urlopen(s, url)
		fmt.Println(url, read())
	}

	s.Spawn(callAsyncoreLoop)
	runTasklet(func() { fetch("http://www.python.org/") })
	runTasklet(func() { fetch("http://docs.python.org/") })
	runAllTasklets()
	fmt.Println("all run tasklets finished; the reactor is still alive:", s.Alive() == 1)
	// Output:
	// http://www.python.org/ <h1>Python</h1>
	// http://docs.python.org/ <h1>Python Documentation</h1>
	// all run tasklets finished; the reactor is still alive: true
}
