package apply

import (
	"bytes"
	"io"
	"sync"
)

// orderedOutput writes several streams to one writer in stream order.
type orderedOutput struct {
	mu      sync.Mutex
	out     io.Writer
	head    int // the stream written through live
	pending []bytes.Buffer
	done    []bool
}

func newOrderedOutput(out io.Writer, n int) *orderedOutput {
	return &orderedOutput{out: out, pending: make([]bytes.Buffer, n), done: make([]bool, n)}
}

type streamWriter struct {
	o *orderedOutput
	i int
}

func (o *orderedOutput) writer(i int) io.Writer { return streamWriter{o, i} }

func (w streamWriter) Write(p []byte) (int, error) {
	w.o.mu.Lock()
	defer w.o.mu.Unlock()
	if w.i == w.o.head {
		return w.o.out.Write(p)
	}
	return w.o.pending[w.i].Write(p)
}

// finish marks stream i complete and flushes the streams now at the head.
func (o *orderedOutput) finish(i int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.done[i] = true
	for o.head < len(o.done) && o.done[o.head] {
		o.head++
		if o.head < len(o.done) {
			o.out.Write(o.pending[o.head].Bytes())
			o.pending[o.head].Reset()
		}
	}
}
