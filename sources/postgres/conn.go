// Package postgres is auroracfg's PostgreSQL edge: it observes a database in
// a constant number of round trips and executes plan actions, always quoting
// identifiers with pgx.
package postgres

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/auroracfg/auroracfg/schema"
)

// connTimeout bounds a connection attempt when libpq's PGCONNECT_TIMEOUT is unset.
const connTimeout = 15 * time.Second

// ConnConfig builds a connection config from the spec's connect block; libpq
// environment variables (PGHOST, PGPORT, PGSSLMODE, PGPASSWORD, .pgpass …)
// fill whatever the spec leaves out. An empty user or password defers to them.
func ConnConfig(c schema.Connect, database, user, password string) (*pgx.ConnConfig, error) {
	var kv []string
	add := func(k, v string) { kv = append(kv, k+"="+quoteConnValue(v)) }
	if c.Host != "" {
		add("host", c.Host)
	}
	if c.Port != 0 {
		add("port", strconv.Itoa(c.Port))
	}
	if c.SSLMode != "" {
		add("sslmode", c.SSLMode)
	}
	if c.SSLRootCert != "" {
		add("sslrootcert", c.SSLRootCert)
	}
	add("dbname", database)
	if user != "" {
		add("user", user)
	}
	cfg, err := pgx.ParseConfig(strings.Join(kv, " "))
	if err != nil {
		return nil, fmt.Errorf("connection settings: %w", err)
	}
	if password != "" {
		cfg.Password = password
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = connTimeout
	}
	// Only SCRAM-SHA-256 ever proves the password: a server (or whatever
	// answers at the host: a wrong address, a proxy, a man in the middle
	// when sslmode does not verify) asking for it in cleartext or as MD5
	// is refused before any secret leaves the process, as libpq's
	// require_auth=scram-sha-256 does. auroracfg sets SCRAM verifiers
	// itself, so the user it prepares never needs another method.
	cfg.RequireAuth = "scram-sha-256"
	cfg.RuntimeParams["application_name"] = "auroracfg"
	// Each statement runs once per connection: preparing them first (pgx's
	// default) would cost an extra round trip for nothing.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeExec
	return cfg, nil
}

// authRefused rewords pgx's refusal of an authentication method (its
// require_auth check, which has no typed error) for people.
func authRefused(err error) error {
	msg := err.Error()
	i := strings.Index(msg, "server requested ")
	if !strings.Contains(msg, "authentication method requirement") || i < 0 {
		return err
	}
	method := strings.TrimSuffix(strings.TrimPrefix(msg[i:], "server requested "), " authentication")
	if method == "password" {
		method = "cleartext password"
	}
	return fmt.Errorf("the server asked for %s authentication: auroracfg only authenticates with SCRAM-SHA-256 and sent no password (%w)", method, err)
}

// quoteConnValue quotes a keyword/value connection string value as libpq does.
func quoteConnValue(v string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}

// Address is host:port/database of a config, for people.
func Address(cfg *pgx.ConnConfig) string {
	return fmt.Sprintf("%s:%d/%s", cfg.Host, cfg.Port, cfg.Database)
}

// WithBaseDir resolves the connection's relative paths (sslrootcert) from
// the spec's directory, as fromFile secrets are.
func WithBaseDir(c schema.Connect, baseDir string) schema.Connect {
	if c.SSLRootCert != "" && !filepath.IsAbs(c.SSLRootCert) {
		c.SSLRootCert = filepath.Join(baseDir, c.SSLRootCert)
	}
	return c
}
