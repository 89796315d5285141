// Package mototest runs the moto AWS emulator (moto_server) for tests and
// the demo, and builds AWS configs that reach it.
package mototest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/rds"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
)

// Server is a running moto_server on 127.0.0.1.
type Server struct {
	URL string
	cmd *exec.Cmd
}

// Start launches moto_server on a free loopback port and waits until it answers.
func Start() (*Server, error) {
	bin, err := exec.LookPath("moto_server")
	if err != nil {
		return nil, errors.New("moto_server is not on PATH (install the moto AWS emulator: pip install 'moto[server]')")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(bin, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start moto_server: %w", err)
	}
	s := &Server{URL: fmt.Sprintf("http://127.0.0.1:%d", port), cmd: cmd}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Get(s.URL + "/moto-api/data.json")
		if err == nil {
			resp.Body.Close()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("moto_server did not answer on %s: %w", s.URL, err)
		}
	}
}

// Stop ends the server.
func (s *Server) Stop() {
	if s.cmd.Process != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
	}
}

// Env is the environment that makes the AWS SDK default chain reach the
// server with dummy credentials.
func (s *Server) Env() map[string]string {
	return map[string]string{
		"AWS_ENDPOINT_URL": s.URL, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
		"AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
	}
}

// AccountOption makes every request land in account, through moto's
// x-moto-account-id header, so that tests sharing one server each get an
// account of their own. auroracfg's own code never sees it.
func AccountOption(account string) func(*config.LoadOptions) error {
	return config.WithAPIOptions([]func(*middleware.Stack) error{smithyhttp.SetHeaderValue("x-moto-account-id", account)})
}

// Config returns an AWS config for region that reaches the server as account.
func (s *Server) Config(ctx context.Context, account, region string) (aws.Config, error) {
	return config.LoadDefaultConfig(ctx,
		config.WithRegion(region),
		config.WithBaseEndpoint(s.URL),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
		AccountOption(account),
		// Retry like the SDK does by default: moto sometimes closes a kept-alive
		// connection under load (seen as "use of closed network connection").
		config.WithRetryMaxAttempts(3),
	)
}

var accounts struct {
	sync.Mutex
	next int
}

// NewAccount returns a fresh 12-digit account id for one test.
func NewAccount() string {
	accounts.Lock()
	defer accounts.Unlock()
	accounts.next++
	return fmt.Sprintf("%06d%06d", os.Getpid()%1000000, accounts.next)
}

var shared struct {
	once sync.Once
	srv  *Server
	err  error
}

// SharedServer returns the package's moto server, starting it on first use.
func SharedServer() (*Server, error) {
	shared.once.Do(func() { shared.srv, shared.err = Start() })
	return shared.srv, shared.err
}

// Shared returns the package's moto server, starting it on first use. When it
// cannot start, the test fails in CI and is skipped with the reason elsewhere.
func Shared(t testing.TB) *Server {
	t.Helper()
	if _, err := SharedServer(); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("moto AWS emulator unavailable (CI is set, so this fails instead of skipping): %v", shared.err)
		}
		t.Skipf("moto AWS emulator unavailable, skipping: %v", shared.err)
	}
	return shared.srv
}

// StopShared stops the package's server, if one was started (call it from TestMain).
func StopShared() {
	if shared.srv != nil {
		shared.srv.Stop()
	}
}

// CreateAuroraCluster makes an aurora-postgresql 15.4 cluster on the
// emulator with instances (the first is the writer) and a throwaway master
// password.
func CreateAuroraCluster(ctx context.Context, client *rds.Client, id string, instances ...string) error {
	if _, err := client.CreateDBCluster(ctx, &rds.CreateDBClusterInput{DBClusterIdentifier: aws.String(id), Engine: aws.String("aurora-postgresql"),
		EngineVersion: aws.String("15.4"), MasterUsername: aws.String("postgres"), MasterUserPassword: aws.String("unused-password")}); err != nil {
		return err
	}
	for _, inst := range instances {
		if _, err := client.CreateDBInstance(ctx, &rds.CreateDBInstanceInput{DBInstanceIdentifier: aws.String(inst), DBClusterIdentifier: aws.String(id),
			Engine: aws.String("aurora-postgresql"), DBInstanceClass: aws.String("db.r6g.large")}); err != nil {
			return err
		}
	}
	return nil
}

// FreshAccount is a new account on the package's emulator and its config
// for region; the test fails (CI) or skips when the emulator cannot start.
func FreshAccount(t testing.TB, region string) (string, aws.Config) {
	t.Helper()
	moto := Shared(t)
	account := NewAccount()
	cfg, err := moto.Config(context.Background(), account, region)
	if err != nil {
		t.Fatal(err)
	}
	return account, cfg
}

// Main runs a package's tests with run (pgtest.Run when they use a
// PostgreSQL server too, or m.Run), stops the shared emulator and exits.
func Main(m *testing.M, run func(*testing.M) int) {
	code := run(m)
	StopShared()
	os.Exit(code)
}
