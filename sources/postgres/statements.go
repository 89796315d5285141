package postgres

import (
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/plan"
)

// statement is one SQL statement and the arguments sent with it.
type statement struct {
	sql  string
	args []any
}

// sqlOnly is statements without arguments.
func sqlOnly(sqls ...string) []statement {
	out := make([]statement, len(sqls))
	for i, sql := range sqls {
		out[i] = statement{sql: sql}
	}
	return out
}

// statements renders an action as SQL statements with their arguments.
// Every identifier goes through pgx's quoting, every value that PostgreSQL
// accepts as a parameter is one; the only literal is a SCRAM verifier (base64
// and '$', ':'), because CREATE and ALTER ROLE take no parameters.
func (s *Session) statements(a plan.Action) ([]statement, error) {
	switch a.Kind {
	case plan.KindCreateRole, plan.KindSetPassword:
		if s.userPassword.Empty() {
			return nil, fmt.Errorf("%s: no password for role %s", a.ID, plan.QuoteIdent(a.Role))
		}
		verifier, err := scramVerifier(s.userPassword.Reveal())
		if err != nil {
			return nil, err
		}
		verb := "ALTER ROLE"
		if a.Kind == plan.KindCreateRole {
			verb = "CREATE ROLE"
		}
		return sqlOnly(fmt.Sprintf("%s %s WITH %s PASSWORD '%s'", verb, ident(a.Role), strings.Join(a.Attributes, " "), verifier)), nil
	case plan.KindGrantRole:
		return sqlOnly(fmt.Sprintf("GRANT %s TO %s", ident(a.GrantedRole), ident(a.Role))), nil
	case plan.KindAlterRole:
		return sqlOnly(fmt.Sprintf("ALTER ROLE %s WITH %s", ident(a.Role), strings.Join(a.Attributes, " "))), nil
	case plan.KindGrantUsage:
		return sqlOnly(fmt.Sprintf("GRANT USAGE ON SCHEMA %s TO %s", identList(a.Schemas), ident(a.Role))), nil
	case plan.KindGrantSelect:
		return sqlOnly(fmt.Sprintf("GRANT SELECT ON TABLE %s TO %s", tableList(a.Tables), ident(a.Role))), nil
	case plan.KindDefaultPrivileges:
		return sqlOnly(fmt.Sprintf("ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s GRANT SELECT ON TABLES TO %s",
			ident(a.Owner), identList(a.Schemas), ident(a.Role))), nil
	case plan.KindReplicaIdentity:
		out := make([]statement, len(a.Tables))
		for i, t := range a.Tables {
			out[i] = statement{sql: fmt.Sprintf("ALTER TABLE %s REPLICA IDENTITY FULL", ident(t.Schema, t.Name))}
		}
		return out, nil
	case plan.KindReplicaIdentityIndex:
		return sqlOnly(fmt.Sprintf("ALTER TABLE %s REPLICA IDENTITY USING INDEX %s", ident(a.Tables[0].Schema, a.Tables[0].Name), ident(a.Index))), nil
	case plan.KindCreatePublication:
		sql := "CREATE PUBLICATION " + ident(a.Publication)
		switch {
		case a.AllTables:
			sql += " FOR ALL TABLES"
		case len(a.Schemas) > 0:
			sql += " FOR TABLES IN SCHEMA " + identList(a.Schemas)
		case len(a.Tables) > 0:
			sql += " FOR TABLE " + tableList(a.Tables)
		}
		if options := publicationOptions(a); options != "" {
			sql += " WITH (" + options + ")"
		}
		return sqlOnly(sql), nil
	case plan.KindPublicationAdd:
		if len(a.Schemas) > 0 {
			return sqlOnly(fmt.Sprintf("ALTER PUBLICATION %s ADD TABLES IN SCHEMA %s", ident(a.Publication), identList(a.Schemas))), nil
		}
		return sqlOnly(fmt.Sprintf("ALTER PUBLICATION %s ADD TABLE %s", ident(a.Publication), tableList(a.Tables))), nil
	case plan.KindDropSlot:
		// Slot names are [a-z0-9_] by PostgreSQL's rule: a clear error for
		// anything else, before the server's.
		if !validSlotName(a.Slot) {
			return nil, fmt.Errorf("%s: %q is not a replication slot name", a.ID, a.Slot)
		}
		return []statement{{sql: "SELECT pg_drop_replication_slot($1)", args: []any{a.Slot}}}, nil
	case plan.KindPublicationOption:
		return sqlOnly(fmt.Sprintf("ALTER PUBLICATION %s SET (%s)", ident(a.Publication), publicationOptions(a))), nil
	}
	return nil, fmt.Errorf("%s: unknown action kind %q", a.ID, a.Kind)
}

// publicationOptions are the WITH / SET options an action asks for.
func publicationOptions(a plan.Action) string {
	var options []string
	if a.ViaRoot {
		options = append(options, "publish_via_partition_root = true")
	}
	if a.GeneratedStored {
		options = append(options, "publish_generated_columns = stored")
	}
	return strings.Join(options, ", ")
}

func ident(parts ...string) string { return pgx.Identifier(parts).Sanitize() }

func tableList(ts []plan.TableName) string {
	q := make([]string, len(ts))
	for i, t := range ts {
		q[i] = ident(t.Schema, t.Name)
	}
	return strings.Join(q, ", ")
}

func identList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = ident(n)
	}
	return strings.Join(q, ", ")
}
