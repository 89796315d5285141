package postgres

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/plan"
)

// statement is one SQL statement and the arguments sent with it.
type statement struct {
	sql  string
	args []any
}

// awsWriter is a region and a DB cluster identifier (letters, digits and
// hyphens, as AWS allows them).
var awsWriter = regexp.MustCompile(`^[a-z0-9-]+/[A-Za-z][A-Za-z0-9-]*$`)

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
	switch c := a.Change.(type) {
	case plan.CreateRole:
		return s.withPassword(a.ID, "CREATE ROLE", c.Role, c.Attributes)
	case plan.SetPassword:
		return s.withPassword(a.ID, "ALTER ROLE", c.Role, nil)
	case plan.GrantRole:
		return sqlOnly(fmt.Sprintf("GRANT %s TO %s", ident(c.Granted), ident(c.Role))), nil
	case plan.AlterRole:
		return sqlOnly(fmt.Sprintf("ALTER ROLE %s WITH %s", ident(c.Role), strings.Join(c.Attributes, " "))), nil
	case plan.GrantUsage:
		return sqlOnly(fmt.Sprintf("GRANT USAGE ON SCHEMA %s TO %s", identList(c.Schemas), ident(c.Role))), nil
	case plan.GrantSelect:
		return sqlOnly(fmt.Sprintf("GRANT SELECT ON TABLE %s TO %s", tableList(c.Tables), ident(c.Role))), nil
	case plan.DefaultPrivileges:
		return sqlOnly(fmt.Sprintf("ALTER DEFAULT PRIVILEGES FOR ROLE %s IN SCHEMA %s GRANT SELECT ON TABLES TO %s",
			ident(c.Owner), ident(c.Schema), ident(c.Role))), nil
	case plan.ReplicaIdentityFull:
		return sqlOnly(fmt.Sprintf("ALTER TABLE %s REPLICA IDENTITY FULL", ident(c.Table.Schema, c.Table.Name))), nil
	case plan.ReplicaIdentityIndex:
		return sqlOnly(fmt.Sprintf("ALTER TABLE %s REPLICA IDENTITY USING INDEX %s", ident(c.Table.Schema, c.Table.Name), ident(c.Index))), nil
	case plan.RecordWriter:
		// COMMENT takes no parameters: the writer is an AWS region and
		// cluster identifier, checked before it is quoted as a literal.
		if !awsWriter.MatchString(c.Writer) {
			return nil, fmt.Errorf("%s: %q is not a region/cluster", a.ID, c.Writer)
		}
		return sqlOnly(fmt.Sprintf("COMMENT ON PUBLICATION %s IS '%s'", ident(c.Publication), plan.WriterComment(c.Writer))), nil
	case plan.CreatePublication:
		sql := "CREATE PUBLICATION " + ident(c.Name)
		switch {
		case c.AllTables:
			sql += " FOR ALL TABLES"
		case len(c.Schemas) > 0:
			sql += " FOR TABLES IN SCHEMA " + identList(c.Schemas)
		case len(c.Tables) > 0:
			sql += " FOR TABLE " + tableList(c.Tables)
		}
		if options := publicationOptions(c.ViaRoot, c.GeneratedStored); options != "" {
			sql += " WITH (" + options + ")"
		}
		return sqlOnly(sql), nil
	case plan.PublicationAdd:
		if len(c.Schemas) > 0 {
			return sqlOnly(fmt.Sprintf("ALTER PUBLICATION %s ADD TABLES IN SCHEMA %s", ident(c.Name), identList(c.Schemas))), nil
		}
		return sqlOnly(fmt.Sprintf("ALTER PUBLICATION %s ADD TABLE %s", ident(c.Name), tableList(c.Tables))), nil
	case plan.PublicationOptions:
		return sqlOnly(fmt.Sprintf("ALTER PUBLICATION %s SET (%s)", ident(c.Name), publicationOptions(c.ViaRoot, c.GeneratedStored))), nil
	case plan.DropSlot:
		// Slot names are [a-z0-9_] by PostgreSQL's rule: a clear error for
		// anything else, before the server's.
		if !validSlotName(c.Slot) {
			return nil, fmt.Errorf("%s: %q is not a replication slot name", a.ID, c.Slot)
		}
		return []statement{{sql: "SELECT pg_drop_replication_slot($1)", args: []any{c.Slot}}}, nil
	}
	return nil, fmt.Errorf("%s: %s is not a PostgreSQL change", a.ID, a.Kind())
}

// withPassword is CREATE or ALTER ROLE with the spec's password, sent as a
// SCRAM verifier so the password itself never reaches the server's logs.
func (s *Session) withPassword(id, verb, role string, attributes []string) ([]statement, error) {
	if s.userPassword.Empty() {
		return nil, fmt.Errorf("%s: no password for role %s", id, plan.QuoteIdent(role))
	}
	verifier, err := scramVerifier(s.userPassword.Reveal())
	if err != nil {
		return nil, err
	}
	return sqlOnly(fmt.Sprintf("%s %s WITH %s PASSWORD '%s'", verb, ident(role), strings.Join(attributes, " "), verifier)), nil
}

// publicationOptions are the WITH / SET options a change asks for.
func publicationOptions(viaRoot, generatedStored bool) string {
	var options []string
	if viaRoot {
		options = append(options, "publish_via_partition_root = true")
	}
	if generatedStored {
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
