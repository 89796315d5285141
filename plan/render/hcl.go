package render

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// HCL output embeds names from the spec and the database (tables, groups,
// users), which may hold anything PostgreSQL and AWS accept: quotes,
// newlines, "${…}" that Terraform would evaluate (a table named
// ${var.x_password} would copy a secret into a mapping). Every string goes
// through hclEscape; Go's %q is not HCL (its \x and \a escapes are invalid
// there, and it leaves ${ alone).

// hclEscape makes s safe inside an HCL quoted string or a comment: \ and "
// escaped, control characters as \n, \r, \t or \uXXXX (so no newline ends a
// comment), and template sequences ${ and %{ doubled into literals.
func hclEscape(s string) string {
	var b strings.Builder
	runes := []rune(s)
	for i, r := range runes {
		next := rune(0)
		if i+1 < len(runes) {
			next = runes[i+1]
		}
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case r == '"':
			b.WriteString(`\"`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case (r == '$' || r == '%') && next == '{':
			b.WriteRune(r)
			b.WriteRune(r)
		case !unicode.IsPrint(r):
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// hclValue is a string printed for HCL: %q quotes it, %s escapes it in
// place (inside a quoted string or a comment).
type hclValue string

func (v hclValue) Format(f fmt.State, verb rune) {
	if verb == 'q' {
		io.WriteString(f, `"`+hclEscape(string(v))+`"`)
		return
	}
	io.WriteString(f, hclEscape(string(v)))
}

// hclExpr is an HCL expression written as is (a reference auroracfg made).
type hclExpr string

// hclPrintf is fmt.Fprintf for HCL: every string argument is an hclValue.
func hclPrintf(b *strings.Builder, format string, args ...any) {
	for i, a := range args {
		if s, ok := a.(string); ok {
			args[i] = hclValue(s)
		}
	}
	fmt.Fprintf(b, format, args...)
}
