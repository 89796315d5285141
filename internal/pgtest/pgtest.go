// Package pgtest starts throwaway PostgreSQL servers for tests, the demo and
// the benchmarks, from the PostgreSQL server binaries (initdb, pg_ctl).
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// SuperUser is the bootstrap superuser of every test server.
const SuperUser = "postgres"

// Server is a running throwaway PostgreSQL server on 127.0.0.1.
type Server struct {
	Host          string
	Port          int
	SuperPassword string
	Dir           string // holds the data directory, socket and log
	Version       int    // major version of the server (postgres --version)
	bin           string
	asPostgres    bool
}

// Options tune a server.
type Options struct {
	// Settings are appended to postgresql.conf (name → value, quoted as needed by the caller).
	Settings map[string]string
}

// BinDir finds the PostgreSQL server binaries: $PGTEST_BIN (make
// test-matrix sets it to each major's build), or the newest
// /usr/lib/postgresql/*/bin (Debian's layout), or initdb on PATH.
func BinDir() (string, error) {
	if dir := os.Getenv("PGTEST_BIN"); dir != "" {
		if _, err := os.Stat(filepath.Join(dir, "initdb")); err != nil {
			return "", fmt.Errorf("PGTEST_BIN=%s has no initdb: %w", dir, err)
		}
		return dir, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(matches, func(i, j int) bool { return debianMajor(matches[i]) > debianMajor(matches[j]) })
	if len(matches) > 0 {
		return filepath.Dir(matches[0]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", errors.New("no PostgreSQL server binaries: no initdb under /usr/lib/postgresql/*/bin or on PATH " +
		"(install them, e.g. apt-get install postgresql, or set PGTEST_BIN)")
}

// debianMajor orders Debian's /usr/lib/postgresql/MAJOR/bin/initdb paths.
func debianMajor(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// Major runs bin/postgres --version and returns the server's major version:
// the binaries say what they are, wherever they were installed.
func Major(bin string) (int, error) {
	out, err := exec.Command(filepath.Join(bin, "postgres"), "--version").CombinedOutput()
	if err != nil {
		return 0, fmt.Errorf("%s/postgres --version: %w\n%s", bin, err, out)
	}
	return parseMajor(string(out))
}

// parseMajor reads "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)".
func parseMajor(version string) (int, error) {
	fields := strings.Fields(version)
	for i, f := range fields {
		if f == "(PostgreSQL)" && i+1 < len(fields) {
			major := strings.TrimRightFunc(fields[i+1], func(r rune) bool { return r < '0' || r > '9' })
			major, _, _ = strings.Cut(major, ".")
			if n, err := strconv.Atoi(major); err == nil {
				return n, nil
			}
		}
	}
	return 0, fmt.Errorf("cannot read a PostgreSQL version from %q", strings.TrimSpace(version))
}

// Start initialises and starts a new server with wal_level=logical on a free
// loopback port. As root it runs the server as the postgres OS user.
func Start(opts Options) (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "auroracfg-pg-")
	if err != nil {
		return nil, fmt.Errorf("make server dir: %w", err)
	}
	major, err := Major(bin)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Server{Host: "127.0.0.1", Dir: dir, bin: bin, SuperPassword: RandomString(16), Version: major}
	if err := s.init(opts); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) init(opts Options) error {
	if os.Geteuid() == 0 {
		s.asPostgres = true
		if err := chownToPostgres(s.Dir); err != nil {
			return err
		}
	}
	if err := os.Chmod(s.Dir, 0o755); err != nil {
		return err
	}
	pwfile := filepath.Join(s.Dir, "pw")
	if err := s.writeFile(pwfile, s.SuperPassword+"\n"); err != nil {
		return err
	}
	data := filepath.Join(s.Dir, "data")
	if out, err := s.run("initdb", "-D", data, "-U", SuperUser, "--pwfile", pwfile, "-A", "scram-sha-256",
		"--auth-local=trust", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		return fmt.Errorf("initdb: %w\n%s", err, out)
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	s.Port = port
	conf := map[string]string{
		"port": strconv.Itoa(port), "listen_addresses": "'127.0.0.1'", "unix_socket_directories": "'" + s.Dir + "'",
		"wal_level": "logical", "max_wal_senders": "10", "max_replication_slots": "10",
		"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "200",
	}
	if s.Version >= 13 {
		// As the setup guide recommends; tests of the warning lower it. 12 has no such setting.
		conf["max_slot_wal_keep_size"] = "'200GB'"
	}
	for k, v := range opts.Settings {
		conf[k] = v
	}
	var b strings.Builder
	keys := make([]string, 0, len(conf))
	for k := range conf {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s = %s\n", k, conf[k])
	}
	f, err := os.OpenFile(filepath.Join(data, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(b.String())
	f.Close()
	if err != nil {
		return err
	}
	return s.Restart()
}

// Restart (re)starts the server and waits until it accepts connections.
func (s *Server) Restart() error {
	data := filepath.Join(s.Dir, "data")
	s.run("pg_ctl", "-D", data, "-m", "fast", "-w", "stop")
	if out, err := s.run("pg_ctl", "-D", data, "-l", s.LogFile(), "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(s.LogFile())
		return fmt.Errorf("pg_ctl start: %w\n%s\n%s", err, out, log)
	}
	return nil
}

// LogFile is the server's log.
func (s *Server) LogFile() string { return filepath.Join(s.Dir, "server.log") }

// DataDir is the server's data directory.
func (s *Server) DataDir() string { return filepath.Join(s.Dir, "data") }

// Stop stops the server and removes its files.
func (s *Server) Stop() error {
	_, err := s.run("pg_ctl", "-D", s.DataDir(), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.Dir)
	return err
}

// ConnString returns a keyword/value connection string for user on database.
func (s *Server) ConnString(user, password, database string) string {
	return fmt.Sprintf("host=%s port=%d user='%s' password='%s' dbname='%s' sslmode=disable",
		s.Host, s.Port, escape(user), escape(password), escape(database))
}

// Connect opens a superuser connection to database.
func (s *Server) Connect(ctx context.Context, database string) (*pgx.Conn, error) {
	return pgx.Connect(ctx, s.ConnString(SuperUser, s.SuperPassword, database))
}

// Exec runs SQL (several statements allowed) as the superuser on database.
func (s *Server) Exec(ctx context.Context, database, sql string) error {
	conn, err := s.Connect(ctx, database)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// DropDatabase drops database name if it exists, ending its sessions first
// (WITH (FORCE) from 13 on; on 12 by terminating them).
func (s *Server) DropDatabase(ctx context.Context, name string) error {
	drop := "DROP DATABASE IF EXISTS " + pgx.Identifier{name}.Sanitize()
	if s.Version >= 13 {
		return s.Exec(ctx, "postgres", drop+" WITH (FORCE)")
	}
	conn, err := s.Connect(ctx, "postgres")
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	for attempt := 0; ; attempt++ {
		if _, err = conn.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name); err != nil {
			return err
		}
		if _, err = conn.Exec(ctx, drop); err == nil || attempt == 20 {
			return err
		}
		time.Sleep(50 * time.Millisecond) // a terminated session may not have gone yet
	}
}

// CreateDatabase creates a new database with a unique name built on prefix.
func (s *Server) CreateDatabase(ctx context.Context, prefix string) (string, error) {
	name := prefix + "_" + RandomString(4)
	return name, s.Exec(ctx, "postgres", "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
}

func (s *Server) run(name string, args ...string) ([]byte, error) {
	path := filepath.Join(s.bin, name)
	var cmd *exec.Cmd
	if s.asPostgres {
		cmd = exec.Command("runuser", append([]string{"-u", "postgres", "--", path}, args...)...)
	} else {
		cmd = exec.Command(path, args...)
	}
	cmd.Dir = s.Dir
	return cmd.CombinedOutput()
}

func (s *Server) writeFile(path, content string) error {
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		return err
	}
	if s.asPostgres {
		return chownToPostgres(path)
	}
	return nil
}

func chownToPostgres(path string) error {
	u, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root needs a postgres OS user to run the server: %w", err)
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return os.Chown(path, uid, gid)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// RandomString returns n random bytes as lower-case hex.
func RandomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func escape(s string) string { return strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) }

// WaitReady polls until the server accepts a superuser connection.
func (s *Server) WaitReady(ctx context.Context, timeout time.Duration) error {
	deadline := time.Now().Add(timeout)
	for {
		conn, err := s.Connect(ctx, "postgres")
		if err == nil {
			return conn.Close(ctx)
		}
		if time.Now().After(deadline) {
			return err
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// EmulateRDSReplication stands in for what Aurora does for members of
// rds_replication, which vanilla PostgreSQL (playing an Aurora writer in
// tests and the demo) cannot: once rds.logical_replication is live in
// database db, they may open replication connections. Vanilla PostgreSQL
// needs the REPLICATION attribute for that, so each member gets it. auroracfg
// itself never sets the attribute on Aurora; the emulators call this when
// the cluster is described, before auroracfg looks at the writer. Only
// members with USAGE on one of db's own schemas are touched: roles are shared
// by every database, and tests share servers. On a standby it does nothing.
func (s *Server) EmulateRDSReplication(ctx context.Context, db string) error {
	return s.Exec(ctx, db, `DO $$
DECLARE r text;
BEGIN
  -- a reader (standby) follows its writer: nothing to do there
  IF pg_is_in_recovery() OR coalesce(current_setting('rds.logical_replication', true), '') NOT IN ('1', 'on') THEN RETURN; END IF;
  FOR r IN SELECT m.rolname FROM pg_auth_members am
           JOIN pg_roles g ON g.oid = am.roleid AND g.rolname = 'rds_replication'
           JOIN pg_roles m ON m.oid = am.member
           WHERE NOT m.rolreplication
             -- roles are shared by every database of the server: only this
             -- database's users (USAGE on one of its own schemas)
             AND EXISTS (SELECT FROM pg_namespace n
                         WHERE n.nspname NOT IN ('public', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'
                           AND has_schema_privilege(m.oid, n.oid, 'USAGE')) LOOP
    EXECUTE format('ALTER ROLE %I REPLICATION', r);
  END LOOP;
END $$`)
}

// SetHBA replaces pg_hba.conf with the server's initial rules preceded by
// first (rules match top-down, so first wins), and reloads the server.
// SetHBA(ctx, "") restores the initial rules.
func (s *Server) SetHBA(ctx context.Context, first string) error {
	path := filepath.Join(s.DataDir(), "pg_hba.conf")
	orig := path + ".initial"
	if _, err := os.Stat(orig); err != nil {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := s.writeFile(orig, string(data)); err != nil {
			return err
		}
	}
	initial, err := os.ReadFile(orig)
	if err != nil {
		return err
	}
	if err := s.writeFile(path, first+"\n"+string(initial)); err != nil {
		return err
	}
	return s.Exec(ctx, "postgres", "SELECT pg_reload_conf()")
}

// EnableTLS turns TLS on with a certificate and key (PEM), written into the
// data directory for the server's user, and reloads the configuration.
func (s *Server) EnableTLS(ctx context.Context, certPEM, keyPEM []byte) error {
	for name, content := range map[string][]byte{"server.crt": certPEM, "server.key": keyPEM} {
		if err := s.writeFile(filepath.Join(s.DataDir(), name), string(content)); err != nil {
			return err
		}
	}
	if err := s.Exec(ctx, "postgres", "ALTER SYSTEM SET ssl = on"); err != nil {
		return err
	}
	return s.Exec(ctx, "postgres", "SELECT pg_reload_conf()")
}
