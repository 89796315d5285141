package plan

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"sort"
)

// Digest fingerprints an observed state, independent of the order the
// catalog returned rows in and of what changes while nothing is being
// configured (withoutVolatile). Apply compares it to refuse a stale saved
// plan.
func Digest(o *Observed) string {
	data, _ := json.Marshal(digestView(o)) // maps marshal with sorted keys
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// digestView is the observed state as the digest sees it: rows in a
// canonical order, volatile fields zero (and so left out: omitzero).
func digestView(o *Observed) Observed {
	c := withoutVolatile(*o)
	c.Tables = append([]Table(nil), c.Tables...)
	for i := range c.Tables {
		c.Tables[i].Columns, c.Tables[i].RowBytes = 0, 0
	}
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
	return c
}

// withoutVolatile zeroes what changes while nothing is being configured (WAL
// grows, pipes connect and disconnect): it feeds checks and warnings, and
// the only action it leads to, dropping a slot, is asked for by name
// (--drop-slot) and checked again when apply plans afresh. Tables' sizes are
// zeroed with the tables (digestView).
func withoutVolatile(o Observed) Observed {
	o.Replication = ReplicationProbe{}
	o.ThroughPooler = false
	o.Slots = nil
	o.Settings.SlotsUsed = 0
	o.BeingApplied = nil
	return o
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
