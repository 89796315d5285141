package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/plan/handoff"
)

// HandOffText prints the hand-off for people.
func HandOffText(w io.Writer, infos []handoff.ConnectionInfo) error {
	var b strings.Builder
	for _, c := range infos {
		if c.Error != "" {
			fmt.Fprintf(&b, "source %s\n  x error: %s\n\n", c.Source, c.Error)
			continue
		}
		fmt.Fprintf(&b, "source %s — create a Postgres CDC ClickPipe with:\n", c.Source)
		host := c.Host
		if c.PrivateLink != nil {
			host = "the reverse private endpoint's DNS name (ClickPipes shows it once the endpoint exists; it has no port)"
		}
		rows := [][2]string{
			{"host", host}, {"port", fmt.Sprint(c.Port)}, {"database", c.Database}, {"user", c.User},
			{"password", "from " + c.PasswordRef}, {"publication", c.Publication}, {"source type", c.Type},
		}
		if c.TLSHost != "" {
			rows = append(rows, [2]string{"TLS host", c.TLSHost + " (the name the writer's certificate carries)"})
		}
		if c.SSLMode != "" {
			rows = append(rows, [2]string{"TLS (sslmode)", c.SSLMode})
		}
		if c.CA != "" {
			rows = append(rows, [2]string{"TLS CA", c.CA + " (give ClickPipes this CA: it is not a public one)"})
		}
		rows = append(rows, [2]string{"schemas", plan.QuoteAll(c.Schemas)})
		rows = append(rows, [2]string{"tables", publishedSummary(c.Tables)})
		if c.ClickPipesRegion != "" {
			rows = append(rows, [2]string{"network", fmt.Sprintf("ClickPipes %s static IPs allowed (%d CIDRs)", c.ClickPipesRegion, len(c.AllowedCIDRs))})
		}
		rows = append(rows, privateLinkRows(c.PrivateLink)...)
		for _, r := range rows {
			fmt.Fprintf(&b, "  %-13s %s\n", r[0], r[1])
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// privateLinkRows say what the reverse private endpoint needs and where its
// connection stands.
func privateLinkRows(p *handoff.PrivateLink) [][2]string {
	if p == nil {
		return nil
	}
	if p.Type == handoff.ResourceType {
		return [][2]string{
			{"network", fmt.Sprintf("private: VPC resource (network %s); in ClickPipes create a reverse private endpoint of type VPC resource with", p.Network)},
			{"", "resource configuration: " + orPending(p.ResourceConfigurationID)},
			{"", "resource share: " + orPending(p.ResourceShareARN)},
		}
	}
	rows := [][2]string{
		{"network", fmt.Sprintf("private: VPC endpoint service (network %s); in ClickPipes create a reverse private endpoint of type VPC endpoint service with", p.Network)},
		{"", "service name: " + orPending(p.EndpointServiceName)},
	}
	switch {
	case len(p.Pending) > 0:
		rows = append(rows, [2]string{"", "connection: waiting for acceptance: " + strings.Join(p.Pending, ", ") + " (run auroracfg apply to accept it)"})
	case len(p.Accepted) > 0:
		rows = append(rows, [2]string{"", "connection: accepted: " + strings.Join(p.Accepted, ", ")})
	default:
		rows = append(rows, [2]string{"", "connection: none yet: after ClickPipes creates the endpoint, run auroracfg apply to accept its connection"})
	}
	return rows
}

func orPending(s string) string {
	if s == "" {
		return "(not created yet: run auroracfg apply)"
	}
	return s
}

// HandOffJSON prints the hand-off for scripts.
func HandOffJSON(w io.Writer, infos []handoff.ConnectionInfo) error {
	out := make([]any, len(infos))
	for i, c := range infos {
		if c.Error != "" {
			out[i] = failedHandOff{c.Source, c.Error}
			continue
		}
		if c.Tables == nil {
			c.Tables = []plan.TableName{}
		}
		out[i] = c
	}
	return writeJSON(w, perSource(out))
}

// failedHandOff is a source whose hand-off could not be made, in JSON: its
// name and why, none of the fields it could not fill.
type failedHandOff struct {
	Source string `json:"source"`
	Error  string `json:"error"`
}

// reversePrivateEndpoint writes the ClickPipes side of a private path.
func reversePrivateEndpoint(b *strings.Builder, label, source string, p *handoff.PrivateLink) {
	hclPrintf(b, "\nresource \"clickhouse_clickpipes_reverse_private_endpoint\" %q {\n  service_id  = var.clickhouse_service_id\n  description = %q\n  type        = %q\n",
		label, source+" (auroracfg network "+p.Network+")", p.Type)
	if p.Type == handoff.ResourceType {
		hclPrintf(b, "  vpc_resource_configuration_id = %q\n  vpc_resource_share_arn        = %q\n}\n", p.ResourceConfigurationID, p.ResourceShareARN)
		return
	}
	hclPrintf(b, "  vpc_endpoint_service_name = %q\n}\n", p.EndpointServiceName)
	b.WriteString("# After terraform apply creates it, run auroracfg apply: it accepts ClickPipes' connection to the endpoint service.\n")
}

// targetTable names a table's ClickHouse copy: the table's name for the
// public schema, schema_table otherwise (names stay unique across schemas).
func targetTable(t plan.TableName) string {
	if t.Schema == "public" {
		return t.Name
	}
	return t.Schema + "_" + t.Name
}

func publishedSummary(tables []plan.TableName) string {
	if len(tables) == 0 {
		return "none published yet"
	}
	return fmt.Sprintf("%d published: %s", len(tables), plan.ListTables(tables))
}
