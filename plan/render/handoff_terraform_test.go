package render

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The clickhouse_clickpipe schema as ClickHouse's Terraform provider (v3.25)
// defines it, for a Postgres CDC pipe (shared/reference/
// clickpipes-requirements.md §10): the keys each object may have, and
// which of them it must have.
var clickPipeSchema = map[string]struct{ allowed, required []string }{
	"resource": {
		allowed:  []string{"name", "service_id", "source", "destination", "settings", "field_mappings", "stopped"},
		required: []string{"name", "service_id", "source", "destination"},
	},
	"source":      {allowed: []string{"postgres"}, required: []string{"postgres"}},
	"destination": {allowed: []string{"database", "table", "managed_table", "columns", "roles"}, required: []string{"database"}},
	"postgres": {
		allowed:  []string{"host", "port", "database", "type", "authentication", "iam_role", "tls_host", "ca_certificate", "credentials", "settings", "table_mappings"},
		required: []string{"host", "port", "database", "credentials", "settings"},
	},
	"credentials": {allowed: []string{"username", "password", "password_wo", "password_wo_version"}, required: []string{"username"}},
	"settings": {
		allowed:  []string{"replication_mode", "publication_name", "replication_slot_name", "enable_failover_slots", "sync_interval_seconds", "pull_batch_size", "allow_nullable_columns", "initial_load_parallelism", "snapshot_num_rows_per_partition", "snapshot_number_of_parallel_tables"},
		required: []string{"replication_mode"},
	},
	"table_mapping": {
		allowed:  []string{"source_schema_name", "source_table", "target_table", "excluded_columns", "use_custom_sorting_key", "sorting_keys", "table_engine"},
		required: []string{"source_schema_name", "source_table", "target_table"},
	},
}

var postgresTypes = []string{"postgres", "supabase", "neon", "alloydb", "planetscale", "rdspostgres", "aurorapostgres", "cloudsqlpostgres", "azurepostgres", "crunchybridge", "tigerdata"}

// TestHandOffHCLMeetsTheProviderSchema parses the hand-off with HashiCorp's
// HCL parser and checks every clickhouse_clickpipe against the provider's
// attributes: required ones present, no unknown ones, a password in one
// form only, no empty table_mappings, every variable declared.
func TestHandOffHCLMeetsTheProviderSchema(t *testing.T) {
	for _, name := range []string{"handoff.tf", "handoff-classic.tf"} {
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			checkHandOffHCL(t, name, src)
		})
	}
}

func checkHandOffHCL(t *testing.T, name string, src []byte) {
	t.Helper()
	file, diags := hclsyntax.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("not HCL: %v", diags)
	}
	body := file.Body.(*hclsyntax.Body)
	declared := map[string]bool{}
	for _, b := range body.Blocks {
		if b.Type == "variable" {
			declared[b.Labels[0]] = true
		}
	}
	pipes := 0
	for _, b := range body.Blocks {
		if b.Type != "resource" || b.Labels[0] != "clickhouse_clickpipe" {
			continue
		}
		pipes++
		where := b.Labels[1]
		top := map[string]hclsyntax.Expression{}
		for k, a := range b.Body.Attributes {
			top[k] = a.Expr
		}
		checkKeys(t, where, "resource", top)
		source := objectOf(t, where+".source", top["source"])
		checkKeys(t, where+".source", "source", source)
		checkKeys(t, where+".destination", "destination", objectOf(t, where+".destination", top["destination"]))
		pg := objectOf(t, where+".source.postgres", source["postgres"])
		checkKeys(t, where+".source.postgres", "postgres", pg)
		if typ := literal(pg["type"]); typ != "" && !slices.Contains(postgresTypes, typ) {
			t.Errorf("%s: source.postgres.type %q is not one of the provider's", where, typ)
		}
		creds := objectOf(t, where+".credentials", pg["credentials"])
		checkKeys(t, where+".credentials", "credentials", creds)
		_, classic := creds["password"]
		_, wo := creds["password_wo"]
		_, woVersion := creds["password_wo_version"]
		if classic == wo || wo != woVersion {
			t.Errorf("%s: credentials need password, or password_wo with password_wo_version; have %v", where, sortedKeys(creds))
		}
		settings := objectOf(t, where+".settings", pg["settings"])
		checkKeys(t, where+".settings", "settings", settings)
		if mode := literal(settings["replication_mode"]); mode != "cdc" {
			t.Errorf("%s: replication_mode %q, want cdc", where, mode)
		}
		if tm, ok := pg["table_mappings"]; ok {
			tuple, isTuple := tm.(*hclsyntax.TupleConsExpr)
			if !isTuple || len(tuple.Exprs) == 0 {
				t.Errorf("%s: table_mappings is empty", where)
			}
			for _, e := range tuple.Exprs {
				checkKeys(t, where+".table_mappings", "table_mapping", objectOf(t, where+".table_mappings[]", e))
			}
		}
	}
	if pipes == 0 {
		t.Fatal("no clickhouse_clickpipe resource")
	}
	hclsyntax.VisitAll(body, func(n hclsyntax.Node) hcl.Diagnostics {
		if ref, ok := n.(*hclsyntax.ScopeTraversalExpr); ok && ref.Traversal.RootName() == "var" {
			if v := ref.Traversal[1].(hcl.TraverseAttr).Name; !declared[v] {
				t.Errorf("var.%s is used but not declared", v)
			}
		}
		return nil
	})
}

func checkKeys(t *testing.T, where, kind string, have map[string]hclsyntax.Expression) {
	t.Helper()
	s := clickPipeSchema[kind]
	for k := range have {
		if !slices.Contains(s.allowed, k) {
			t.Errorf("%s: %s is no attribute of the provider's %s", where, k, kind)
		}
	}
	for _, k := range s.required {
		if _, ok := have[k]; !ok {
			t.Errorf("%s: the provider requires %s (have %v)", where, k, sortedKeys(have))
		}
	}
}

// objectOf is an object constructor's keys and values.
func objectOf(t *testing.T, where string, e hclsyntax.Expression) map[string]hclsyntax.Expression {
	t.Helper()
	obj, ok := e.(*hclsyntax.ObjectConsExpr)
	if !ok {
		t.Errorf("%s: not an object", where)
		return nil
	}
	out := map[string]hclsyntax.Expression{}
	for _, item := range obj.Items {
		key := hcl.ExprAsKeyword(item.KeyExpr.(*hclsyntax.ObjectConsKeyExpr).Wrapped)
		out[key] = item.ValueExpr
	}
	return out
}

// literal is a quoted string's value ("" for anything else).
func literal(e hclsyntax.Expression) string {
	tmpl, ok := e.(*hclsyntax.TemplateExpr)
	if !ok || !tmpl.IsStringLiteral() {
		return ""
	}
	v, _ := tmpl.Value(nil)
	return v.AsString()
}

func sortedKeys(m map[string]hclsyntax.Expression) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
