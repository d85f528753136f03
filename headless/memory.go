package main

import "runtime/metrics"

// peakMemory finds the most memory the process held: the kernel's peak resident set size where the platform
// gives it (peakRSS), else the largest Go runtime total seen by sample.
type peakMemory struct {
	samples []metrics.Sample
	max     uint64
}

func newPeakMemory() *peakMemory {
	return &peakMemory{samples: []metrics.Sample{{Name: "/memory/classes/total:bytes"}}}
}

// sample records the runtime's current total, the fallback when the kernel's peak is not available. A few
// microseconds.
func (p *peakMemory) sample() {
	metrics.Read(p.samples)
	if s := p.samples[0]; s.Value.Kind() == metrics.KindUint64 {
		p.max = max(p.max, s.Value.Uint64())
	}
}

// peak is the process's peak resident set size, or the largest sample.
func (p *peakMemory) peak() uint64 {
	if rss, ok := peakRSS(); ok {
		return rss
	}
	p.sample()
	return p.max
}
