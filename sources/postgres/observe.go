package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/auroracfg/auroracfg/plan"
)

//go:embed sql/*.sql
var queries embed.FS

func query(name string) string {
	b, err := queries.ReadFile("sql/" + name + ".sql")
	if err != nil {
		panic(err)
	}
	return string(b)
}

// queryFor is query for a server of this major: a line ending in
// "-- NN+" reads catalogs that major NN introduced and is left out before.
func queryFor(name string, major int) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(query(name), "\n") {
		if since, ok := sinceMajor(line); ok && major < since {
			continue
		}
		b.WriteString(line)
	}
	return b.String()
}

// sinceMajor reads the "-- NN+" marker at the end of a line of SQL.
func sinceMajor(line string) (int, bool) {
	i := strings.LastIndex(line, " -- ")
	if i < 0 {
		return 0, false
	}
	marker := strings.TrimSpace(line[i+len(" -- "):])
	n, err := strconv.Atoi(strings.TrimSuffix(marker, "+"))
	return n, err == nil && strings.HasSuffix(marker, "+")
}

// Observe reads everything the plan needs about a database in one batch on
// one connection: the same few statements whatever the number of schemas
// and tables.
func Observe(ctx context.Context, conn *pgx.Conn, d plan.Scope) (*plan.Observed, error) {
	o := &plan.Observed{}
	var adminOption bool
	memberships := roleAccess{}
	schemas, owners := d.Schemas, d.Owners
	if owners == nil {
		owners = []string{}
	}
	b := &pgx.Batch{}
	b.Queue(query("settings"), int64(lockClass), int64(uint32(lockObject(d.Source)))).QueryRow(func(r pgx.Row) error {
		s := &o.Settings
		var keep, idle string
		var pid uint32
		var holder *int32
		var holderApp, holderSince string
		a := &plan.Admin{}
		err := r.Scan(&o.ServerVersionNum, &o.InRecovery, &s.WalLevel, &s.RDSLogicalReplication, &s.MaxWalSenders,
			&s.MaxReplicationSlots, &o.Database, &keep, &s.SlotsUsed, &pid, &idle,
			&a.Name, &a.Superuser, &a.CreateRole, &a.Replication, &a.RDSSuperuser, &a.CreateOnDatabase, nil,
			&holder, &holderApp, &holderSince)
		o.Admin = a
		if holder != nil {
			o.BeingApplied = &plan.ApplyHolder{PID: int(*holder), Application: holderApp, Since: holderSince}
		}
		if mb, perr := strconv.ParseInt(keep, 10, 64); perr == nil {
			s.MaxSlotWalKeepSizeMB = &mb
		}
		if secs, perr := strconv.ParseInt(idle, 10, 64); perr == nil {
			s.IdleSlotTimeoutSeconds = &secs
		}
		o.ThroughPooler = pid != conn.PgConn().PID()
		return err
	})
	b.Queue(query("user"), d.User).QueryRow(func(r pgx.Row) error {
		u := &plan.Role{}
		err := r.Scan(&u.Name, &u.CanLogin, &u.Replication, &u.MemberOf, &adminOption, &u.Powers, &u.PasswordExpired, &u.ValidUntil)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			err, u = nil, nil
		case err != nil:
			return err
		}
		o.User = u
		return err
	})
	b.Queue(query("roles"), owners).Query(func(rows pgx.Rows) error {
		var role string
		var member, inherits bool
		_, err := pgx.ForEachRow(rows, []any{&role, &member, &inherits}, func() error {
			o.Roles = append(o.Roles, role)
			memberships.add(role, member, inherits)
			return nil
		})
		return err
	})
	b.Queue(query("schemas"), schemas, d.User).Query(func(rows pgx.Rows) error {
		var s plan.SchemaState
		var exact bool
		_, err := pgx.ForEachRow(rows, []any{&s.Name, &s.UserUsage, &s.AdminCanGrant, &o.NoTablesInScope, &exact}, func() error {
			if exact {
				o.Schemas = append(o.Schemas, s)
			} else {
				o.SchemasOtherCase = append(o.SchemasOtherCase, s.Name)
			}
			return nil
		})
		return err
	})
	major := serverMajor(conn.PgConn())
	// Before 15 publications list tables, so the plan needs every table.
	b.Queue(query("tables"), schemas, d.User, d.AllTables, major < 15, d.Publication, major >= 18, major < 13).Query(func(rows pgx.Rows) error {
		var err error
		scoped := make(map[string]bool, len(schemas))
		for _, name := range schemas {
			scoped[name] = true
		}
		o.Tables, o.PartitionsOutOfScope, err = scanTables(rows, func(schema string) bool { return d.AllTables || scoped[schema] })
		return err
	})
	b.Queue(query("default_grants"), owners, d.User, d.AllCreators).Query(func(rows pgx.Rows) error {
		var err error
		o.DefaultGrants, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.DefaultGrant, error) {
			var g plan.DefaultGrant
			return g, r.Scan(&g.Owner, &g.Schema)
		})
		return err
	})
	b.Queue(query("creators"), schemas, d.User, d.AllTables).Query(func(rows pgx.Rows) error {
		var role *string
		var schemas []string
		var public, member, inherits bool
		_, err := pgx.ForEachRow(rows, []any{&role, &schemas, &public, &member, &inherits}, func() error {
			if public {
				o.PublicCreateSchemas = schemas
			} else if role != nil {
				o.Creators = append(o.Creators, plan.Creator{Role: *role, Schemas: schemas})
				memberships.add(*role, member, inherits)
			}
			return nil
		})
		return err
	})
	b.Queue(query("slots")).Query(func(rows pgx.Rows) error {
		var err error
		o.Slots, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.Slot, error) {
			var s plan.Slot
			return s, r.Scan(&s.Name, &s.Plugin, &s.Type, &s.Database, &s.Active, &s.WalStatus, &s.RetainedBytes)
		})
		return err
	})
	var pub plan.Publication
	b.Queue(query("publication"), d.Publication).QueryRow(func(r pgx.Row) error {
		err := r.Scan(&pub.Name, &pub.AllTables, &pub.ViaRoot, &pub.GeneratedStored, &pub.AdminOwns, &pub.Unpublished, &pub.Comment)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		o.Publication = &pub
		return err
	})
	b.Queue(query("publication_tables"), d.Publication).Query(func(rows pgx.Rows) error {
		var err error
		pub.Tables, err = pgx.CollectRows(rows, func(r pgx.CollectableRow) (plan.TableName, error) {
			var t plan.TableName
			var rowFilter, columnList bool
			if err := r.Scan(&t.Schema, &t.Name, &rowFilter, &columnList); err != nil {
				return t, err
			}
			if rowFilter {
				pub.RowFiltered = append(pub.RowFiltered, t)
			}
			if columnList {
				pub.ColumnListed = append(pub.ColumnListed, t)
			}
			return t, nil
		})
		return err
	})
	if major >= 15 {
		b.Queue(query("publication_schemas"), d.Publication).Query(func(rows pgx.Rows) error {
			var err error
			pub.Schemas, err = pgx.CollectRows(rows, pgx.RowTo[string])
			return err
		})
	}
	if err := conn.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("read catalog: %w", err)
	}
	if o.Admin != nil {
		o.Admin.AdminOptionOnUser = adminOption && o.User != nil
		o.Admin.MemberOf, o.Admin.Inherits = memberships.lists()
	}
	return o, nil
}

// roleAccess collects, from the owner and creator rows, the roles the admin
// is a member of and those whose privileges it has.
type roleAccess map[string][2]bool

func (r roleAccess) add(role string, member, inherits bool) { r[role] = [2]bool{member, inherits} }

func (r roleAccess) lists() (member, inherits []string) {
	for role, access := range r {
		if access[0] {
			member = append(member, role)
		}
		if access[1] {
			inherits = append(inherits, role)
		}
	}
	sort.Strings(member)
	sort.Strings(inherits)
	return member, inherits
}

// scanTables reads tables.sql's rows and names each partition's root from
// the same result. A root outside the result (in a schema out of scope)
// stays unnamed, so the partition is treated as a table of its own.
// Partitions out of scope (of a root in scope, on PostgreSQL 12) come apart.
func scanTables(rows pgx.Rows, inScope func(schema string) bool) (tables, outOfScope []plan.Table, err error) {
	names := map[uint32]plan.TableName{}
	roots := map[int]uint32{}
	for rows.Next() {
		var t plan.Table
		var oid uint32
		var root *uint32
		var ident string
		var generated []string
		var virtual, inIdentity []bool
		var candidate *string
		if err := rows.Scan(&oid, &t.Schema, &t.Name, &t.Partitioned, &root, &ident, &t.HasPrimaryKey, &t.HasIdentityIndex, &t.UserSelect, &t.Columns, &t.RowBytes,
			&generated, &virtual, &inIdentity, &candidate, &t.AdminOwns, &t.AdminCanGrant, &t.Unlogged, &t.RowSecurity, &t.GeneratedKey); err != nil {
			return nil, nil, err
		}
		for i, name := range generated {
			t.Generated = append(t.Generated, plan.GeneratedColumn{Name: name, Virtual: virtual[i], InIdentity: inIdentity[i]})
		}
		if candidate != nil {
			t.IdentityCandidate = *candidate
		}
		if ident != "" {
			t.ReplicaIdentity = ident[0]
		}
		names[oid] = t.TableName
		if root != nil && *root != oid {
			roots[len(tables)] = *root
		}
		tables = append(tables, t)
	}
	for i, root := range roots {
		tables[i].Root = names[root]
	}
	var kept []plan.Table
	for _, t := range tables {
		if inScope(t.Schema) {
			kept = append(kept, t)
		} else {
			outOfScope = append(outOfScope, t)
		}
	}
	return kept, outOfScope, rows.Err()
}

// serverMajor reads the major version the server announced at startup, so
// that the batch can be composed without an extra round trip.
func serverMajor(c *pgconn.PgConn) int {
	v := c.ParameterStatus("server_version")
	end := strings.IndexFunc(v, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(v)
	}
	n, _ := strconv.Atoi(v[:end])
	return n
}
