package pgtest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// StartStandby makes a streaming standby of source (a primary, or a standby
// for a cascading reader) and starts it: a server where pg_is_in_recovery()
// is true. It copies the data directory between the low-level backup calls
// instead of running pg_basebackup, which the npm server builds lack and
// whose Debian build refuses servers newer than itself.
func StartStandby(source *Server) (*Server, error) {
	dir, err := os.MkdirTemp("", "auroracfg-pg-standby-")
	if err != nil {
		return nil, err
	}
	s := &Server{Host: "127.0.0.1", Dir: dir, bin: source.bin, SuperPassword: source.SuperPassword, Version: source.Version,
		asPostgres: source.asPostgres}
	if err := s.startStandby(source); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return s, nil
}

func (s *Server) startStandby(source *Server) error {
	if s.asPostgres {
		if err := chownToPostgres(s.Dir); err != nil {
			return err
		}
	}
	if err := os.Chmod(s.Dir, 0o755); err != nil {
		return err
	}
	label, err := source.backup(context.Background(), s.DataDir(), s.copyOwner)
	if err != nil {
		return err
	}
	if err := s.writeFile(filepath.Join(s.DataDir(), "backup_label"), label); err != nil {
		return err
	}
	if err := s.writeFile(filepath.Join(s.DataDir(), "standby.signal"), ""); err != nil {
		return err
	}
	port, err := freePort()
	if err != nil {
		return err
	}
	s.Port = port
	// postgresql.auto.conf is read last: the copied primary_conninfo of a
	// standby source would otherwise win over ours.
	settings := fmt.Sprintf("port = %d\nunix_socket_directories = '%s'\nprimary_conninfo = 'host=%s port=%d user=%s password=%s'\n",
		port, s.Dir, source.Host, source.Port, SuperUser, source.SuperPassword)
	for _, file := range []string{"postgresql.conf", "postgresql.auto.conf"} {
		if err := appendFile(filepath.Join(s.DataDir(), file), settings); err != nil {
			return err
		}
	}
	return s.Restart()
}

// backup copies the data directory to dst inside a non-exclusive low-level
// backup and returns the backup label the copy must start from.
func (s *Server) backup(ctx context.Context, dst string, chown func(string) error) (string, error) {
	conn, err := s.Connect(ctx, "postgres")
	if err != nil {
		return "", err
	}
	defer conn.Close(ctx)
	start, stop := "SELECT pg_backup_start('auroracfg-standby', true)", "SELECT labelfile FROM pg_backup_stop(false)"
	if s.Version < 15 {
		start, stop = "SELECT pg_start_backup('auroracfg-standby', true, false)", "SELECT labelfile FROM pg_stop_backup(false, false)"
	}
	if _, err := conn.Exec(ctx, start); err != nil {
		return "", fmt.Errorf("start backup: %w", err)
	}
	copyErr := copyDataDir(s.DataDir(), dst, chown)
	var label string
	if err := conn.QueryRow(ctx, stop).Scan(&label); err != nil {
		return "", fmt.Errorf("stop backup: %w", err)
	}
	return label, copyErr
}

func (s *Server) copyOwner(path string) error {
	if s.asPostgres {
		return chownToPostgres(path)
	}
	return nil
}

// Left out of a copy, as pg_basebackup leaves them out: the running
// server's own files, and the contents of directories a new server must
// start without (replication slots, temporary and runtime state).
var notCopied = map[string]bool{
	"postmaster.pid": true, "postmaster.opts": true, "standby.signal": true, "backup_label": true,
}
var emptiedInCopy = map[string]bool{
	"pg_replslot": true, "pg_stat_tmp": true, "pg_notify": true, "pg_serial": true,
	"pg_snapshots": true, "pg_subtrans": true, "pg_dynshmem": true,
}

// copyDataDir copies a live data directory: files that vanish while it
// runs (temporary files) are skipped, WAL replay makes the copy consistent.
func copyDataDir(src, dst string, chown func(string) error) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		top, below, _ := strings.Cut(rel, string(filepath.Separator))
		if notCopied[rel] || (emptiedInCopy[top] && below != "") || strings.HasPrefix(d.Name(), "pgsql_tmp") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			if err := os.Mkdir(target, 0o700); err != nil {
				return err
			}
			return chown(target)
		}
		if err := copyFile(path, target); errors.Is(err, fs.ErrNotExist) {
			return nil
		} else if err != nil {
			return err
		}
		return chown(target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

func appendFile(path, content string) error {
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(content)
	if closeErr := f.Close(); err == nil {
		err = closeErr
	}
	return err
}

// Promote ends a standby's recovery and waits until it accepts writes.
func (s *Server) Promote() error {
	if out, err := s.run("pg_ctl", "-D", s.DataDir(), "-w", "-t", "60", "promote"); err != nil {
		return fmt.Errorf("pg_ctl promote: %w\n%s", err, out)
	}
	return nil
}

// CatchUp waits until the standby has replayed everything primary has
// written so far, as a planned failover does before switching.
func (s *Server) CatchUp(ctx context.Context, primary *Server) error {
	p, err := primary.Connect(ctx, "postgres")
	if err != nil {
		return err
	}
	defer p.Close(ctx)
	var target string
	if err := p.QueryRow(ctx, "SELECT pg_current_wal_lsn()::text").Scan(&target); err != nil {
		return err
	}
	c, err := s.Connect(ctx, "postgres")
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var done bool
		if err := c.QueryRow(ctx, "SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn", target).Scan(&done); err != nil {
			return err
		}
		if done {
			return nil
		}
	}
	return fmt.Errorf("standby did not replay up to %s within 30s", target)
}
