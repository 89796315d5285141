package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// Digest fingerprints an observed state, independent of the order the
// catalog returned rows in. Apply compares it to refuse a stale saved plan.
func Digest(o *Observed) string {
	c := *o
	c.Tables = append([]Table(nil), o.Tables...)
	sort.Slice(c.Tables, func(i, j int) bool { return c.Tables[i].less(c.Tables[j].TableName) })
	c.Schemas = append([]SchemaState(nil), o.Schemas...)
	sort.Slice(c.Schemas, func(i, j int) bool { return c.Schemas[i].Name < c.Schemas[j].Name })
	c.Roles = sortedCopy(o.Roles)
	c.DefaultGrants = append([]DefaultGrant(nil), o.DefaultGrants...)
	sort.Slice(c.DefaultGrants, func(i, j int) bool {
		a, b := c.DefaultGrants[i], c.DefaultGrants[j]
		return a.Owner < b.Owner || (a.Owner == b.Owner && a.Schema < b.Schema)
	})
	if o.User != nil {
		u := *o.User
		u.MemberOf = sortedCopy(u.MemberOf)
		c.User = &u
	}
	if o.Publication != nil {
		p := *o.Publication
		p.Schemas = sortedCopy(p.Schemas)
		p.Tables = append([]TableName(nil), p.Tables...)
		sort.Slice(p.Tables, func(i, j int) bool { return p.Tables[i].less(p.Tables[j]) })
		c.Publication = &p
	}
	data, _ := json.Marshal(c) // maps marshal with sorted keys
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
