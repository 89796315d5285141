package plan

import (
	"fmt"
	"strings"
)

// Wording shared by the diff's summaries and reasons and by the renderings.

// QuoteAll renders names for people, each as QuoteIdent does.
func QuoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = QuoteIdent(n)
	}
	return strings.Join(q, ", ")
}

// ListTables names up to ten tables, then says how many more.
func ListTables(ts []TableName) string {
	const show = 10
	var parts []string
	for i, t := range ts {
		if i == show {
			parts = append(parts, fmt.Sprintf("and %d more", len(ts)-show))
			break
		}
		parts = append(parts, t.String())
	}
	return strings.Join(parts, ", ")
}

// Plural picks the word for n.
func Plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
