// Package handoff is what creating a ClickPipe on a prepared source needs:
// where to connect, as whom (the password's reference, never the value),
// the publication and the tables it replicates, and the network.
package handoff

import (
	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
)

// ConnectionInfo is what creating the ClickPipe needs for one source. It
// names where the password lives, never the password.
type ConnectionInfo struct {
	Source      string `json:"source"`
	Type        string `json:"clickpipes_type"` // postgres | aurorapostgres
	Host        string `json:"host"`
	Port        int    `json:"port"`
	Database    string `json:"database"`
	User        string `json:"user"`
	PasswordRef string `json:"password_ref"`
	Publication string `json:"publication"`
	// SSLMode is what ClickPipes must use: the spec's for a PostgreSQL
	// source; require for Aurora (its connect settings may lead through a
	// tunnel, which says nothing of how ClickPipes reaches the writer).
	SSLMode string `json:"sslmode,omitempty"`
	// CA is the certificate authority ClickPipes must trust when it is not
	// a public one (the spec's connect.sslrootcert).
	CA               string   `json:"ca,omitempty"`
	Schemas          []string `json:"schemas"`
	ClickPipesRegion string   `json:"clickpipes_region,omitempty"`
	AllowedCIDRs     []string `json:"allowed_cidrs,omitempty"`
	// Tables are what the publication replicates, as ClickPipes lists them.
	Tables []plan.TableName `json:"tables"`
}

// For is the hand-off of a source: its desired state and spec, the endpoint
// ClickPipes connects to and the tables its publication replicates.
func For(d plan.Desired, src *schema.Source, host string, port int, tables []plan.TableName) ConnectionInfo {
	c := ConnectionInfo{
		Source: src.Name, Type: "postgres", Host: host, Port: port, Database: src.Database, User: src.User.Name,
		PasswordRef: src.User.Password.String(), Publication: src.Publication.Name, SSLMode: src.Connect.SSLMode, CA: src.Connect.SSLRootCert,
		Schemas: d.SchemaNames(), Tables: tables,
	}
	if d.Aurora != nil {
		c.Type = "aurorapostgres"
		c.SSLMode = "require"
		if n := d.Aurora.Network; n != nil {
			c.ClickPipesRegion, c.AllowedCIDRs = n.ClickPipesRegion, n.CIDRs
		}
	}
	return c
}
