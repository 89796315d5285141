package main

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"github.com/auroracfg/auroracfg/internal/pgtest"
)

// loggedStatement is one statement the server logged, continuation lines
// (tab-indented) included.
var loggedStatement = regexp.MustCompile(`(?m)^\S.* LOG:  (?:statement|execute [^:]*): (.*(?:\n\t.*)*)`)

// ddlStatement is a statement that changes the database, as opposed to the
// observation's reads and the transaction and lock bookkeeping around them.
var ddlStatement = regexp.MustCompile(`^(?i)(CREATE|ALTER|GRANT|REVOKE|COMMENT)\s`)

// applyFloorOf is the least any tool must do for the first apply: start a
// process (psql) and run the DDL auroracfg's first apply ran, in one
// transaction, on a second copy of the same database (bench_N_floor). The
// replication user is renamed there, roles being cluster-wide.
func applyFloorOf(srv *pgtest.Server, n int, logged string) (measure, error) {
	if _, err := exec.LookPath("psql"); err != nil {
		return measure{}, fmt.Errorf("psql not found: %w", err)
	}
	user := fmt.Sprintf(`"bench_cp_%d"`, n)
	var ddl []string
	for _, m := range loggedStatement.FindAllStringSubmatch(logged, -1) {
		if stmt := strings.TrimSpace(strings.ReplaceAll(m[1], "\n\t", "\n")); ddlStatement.MatchString(stmt) {
			ddl = append(ddl, strings.ReplaceAll(stmt, user, fmt.Sprintf(`"bench_cpf_%d"`, n))+";")
		}
	}
	if len(ddl) == 0 {
		return measure{}, fmt.Errorf("no DDL in the first apply's log")
	}
	file, err := os.CreateTemp("", "auroracfg-bench-ddl-*.sql")
	if err != nil {
		return measure{}, err
	}
	defer os.Remove(file.Name())
	if _, err := file.WriteString(strings.Join(ddl, "\n") + "\n"); err != nil {
		return measure{}, err
	}
	file.Close()
	cmd := exec.Command("psql", "-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-h", srv.Host, "-p", fmt.Sprint(srv.Port),
		"-U", pgtest.SuperUser, "-d", fmt.Sprintf("bench_%d_floor", n), "-f", file.Name())
	cmd.Env = append(os.Environ(), "PGPASSWORD="+srv.SuperPassword)
	start := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		return measure{}, fmt.Errorf("psql: %w: %s", err, out)
	}
	return measure{wall: time.Since(start), statements: len(ddl), connections: 1}, nil
}
