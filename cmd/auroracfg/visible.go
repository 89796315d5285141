package main

import (
	"fmt"
	"io"
	"sync"
)

// visibleWriter makes every control character but newline and tab visible
// (as \u001B) on its way to the terminal: whatever a hostile server, AWS
// error or name carries into a message (an escape that clears the screen,
// a carriage return that overwrites the verdict) is shown, never obeyed.
// It is the last line of defence under every format and stderr; the
// messages themselves are made visible where they enter (plan.Visible).
type visibleWriter struct {
	mu      sync.Mutex // sources write progress concurrently
	w       io.Writer
	pending bool // the last write ended in 0xC2, the first byte of a C1 control in UTF-8
}

func (v *visibleWriter) Write(p []byte) (int, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make([]byte, 0, len(p))
	i := 0
	if v.pending {
		v.pending = false
		if len(p) > 0 && p[0] >= 0x80 && p[0] <= 0x9F {
			out = fmt.Appendf(out, `\u%04X`, p[0])
			i = 1
		} else {
			out = append(out, 0xC2)
		}
	}
	for ; i < len(p); i++ {
		c := p[i]
		switch {
		case c == '\n' || c == '\t':
			out = append(out, c)
		case c < 0x20 || c == 0x7F:
			out = fmt.Appendf(out, `\u%04X`, c)
		case c == 0xC2 && i+1 == len(p):
			v.pending = true
		case c == 0xC2 && p[i+1] >= 0x80 && p[i+1] <= 0x9F:
			out = fmt.Appendf(out, `\u%04X`, p[i+1])
			i++
		default:
			out = append(out, c)
		}
	}
	if _, err := v.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
