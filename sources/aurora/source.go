package aurora

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/auroracfg/auroracfg/plan"
	"github.com/auroracfg/auroracfg/schema"
	"github.com/auroracfg/auroracfg/sources/postgres"
	"github.com/auroracfg/auroracfg/sources/secret"
)

// Options are run-wide settings of Aurora edges: how they wait.
type Options struct {
	// Waits hears of long waits (a reboot, instances becoming available,
	// a gateway becoming ACTIVE, a lock); nil hears nothing.
	Waits            plan.WaitHooks
	PollInterval     time.Duration // how often waits poll AWS
	ProgressInterval time.Duration // how often waits print a progress line
	WaitTimeout      time.Duration // how long a reboot may take
	// ClientsFor builds another region's clients (a Global Database's
	// primary may live anywhere).
	ClientsFor func(ctx context.Context, region string) (Clients, error)
}

func (o Options) withDefaults() Options {
	if o.Waits == nil {
		o.Waits = plan.QuietWaits{}
	}
	if o.PollInterval == 0 {
		o.PollInterval = 5 * time.Second
	}
	if o.ProgressInterval == 0 {
		o.ProgressInterval = 20 * time.Second
	}
	if o.WaitTimeout == 0 {
		o.WaitTimeout = 30 * time.Minute
	}
	return o
}

// Source is the edge of an aurora-postgresql spec source, a composite: the
// AWS side is observed first, which resolves the writer endpoint (and the
// managed admin secret), then the PostgreSQL edge on the writer.
type Source struct {
	src *schema.Source
	// home are the spec region's clients; clients, region and cluster are
	// where the source lives now (a Global Database's primary moves).
	home            Clients
	clients         Clients
	region, cluster string
	resolver        secret.Resolver
	opts            Options
	pg              *postgres.Source // built by the last Observe, on the writer endpoint
	obs             *observation
}

// NewSource prepares an Aurora source; nothing is contacted yet.
func NewSource(src *schema.Source, c Clients, r secret.Resolver, opts Options) *Source {
	r.SecretsManager = c.Secrets
	return &Source{src: src, home: c, clients: c, region: src.Region, cluster: src.Cluster, resolver: r, opts: opts.withDefaults()}
}

// Server is the Aurora cluster the source lives on (its roles are the
// cluster's).
func (s *Source) Server() string {
	if s.src.GlobalCluster != "" {
		return "aurora-global:" + s.src.GlobalCluster
	}
	return "aurora:" + s.src.Region + "/" + s.src.Cluster
}

// Name is the spec name of the source.
func (s *Source) Name() string { return s.src.Name }

// Observe reads AWS, then PostgreSQL on the writer endpoint.
func (s *Source) Observe(ctx context.Context, d plan.Scope) (o *plan.Observed, target string, err error) {
	obs, err := s.observeAWS(ctx, d.Aurora)
	if err != nil {
		return nil, "", err
	}
	pg, err := s.postgresSource(ctx, obs)
	if err != nil {
		return nil, "", err
	}
	s.usePostgres(pg) // the edge that holds the apply lock, while the writer stays put
	pg = s.pg
	o, _, err = pg.Observe(ctx, d)
	if err != nil {
		return nil, "", err
	}
	if o.InRecovery {
		return nil, "", &ReaderError{Cluster: obs.state.Cluster.ID, Address: pg.Address()}
	}
	o.AWS = obs.state
	s.obs = obs
	return o, fmt.Sprintf("cluster %s in %s, %s", obs.state.Cluster.ID, s.region, pg.Address()), nil
}

// postgresSource resolves the secrets and the writer endpoint (or the spec's
// connect override) into a PostgreSQL source.
func (s *Source) postgresSource(ctx context.Context, obs *observation) (*postgres.Source, error) {
	adminUser := s.src.Admin.User
	var adminPW secret.Value
	var err error
	if s.src.Admin.ManagedSecret {
		var fields map[string]string
		if obs.managedSecret == "" {
			err = fmt.Errorf("admin.managedSecret: cluster %s has no RDS-managed master user secret", obs.state.Cluster.ID)
		} else if fields, _, err = s.resolver.SecretJSON(ctx, obs.managedSecret); err != nil {
			err = fmt.Errorf("admin.managedSecret: %w", err)
		}
		adminPW = secret.New(fields["password"])
		if adminUser == "" {
			adminUser = fields["username"]
		}
	} else if adminPW, err = s.resolver.Resolve(ctx, s.src.Admin.Password); err != nil {
		err = fmt.Errorf("admin password: %w", err)
	}
	userPW, userErr := postgres.UserPassword(ctx, s.resolver, s.src.User.Password)
	if err != nil {
		return nil, postgres.JoinSecretErrors(err, userErr) // every unresolved secret at once
	}
	connect := postgres.WithBaseDir(s.src.Connect, s.resolver.BaseDir)
	if connect.Host == "" {
		connect.Host = obs.state.Cluster.Endpoint // the writer (cluster) endpoint
	}
	if connect.Port == 0 {
		connect.Port = obs.state.Cluster.Port
	}
	admin, err := postgres.ConnConfig(connect, s.src.Database, adminUser, adminPW.Reveal())
	if err != nil {
		return nil, err
	}
	user, err := postgres.ConnConfig(connect, s.src.Database, s.src.User.Name, userPW.Reveal())
	if err != nil {
		return nil, err
	}
	return postgres.NewSourceFromConfigs(s.src.Name, admin, user, userPW).WithUserError(userErr).WithWaits(s.opts.Waits), nil
}

// Lock takes the source's apply lock in its database (the AWS side is
// guarded by it too: every apply of the source takes it first). A reboot
// of the writer ends the lock's session and the lock with it: the apply
// session takes it again before its PostgreSQL work (see Session.postgres).
func (s *Source) Lock(ctx context.Context) (func(), error) {
	if s.pg == nil {
		return nil, fmt.Errorf("source %s: apply before plan", s.src.Name)
	}
	return s.pg.Lock(ctx)
}

// usePostgres keeps the PostgreSQL edge of the last observation unless the
// writer moved (a failover): the edge carries the apply's connection to the
// observation and hand-off after it.
func (s *Source) usePostgres(pg *postgres.Source) {
	if s.pg != nil && s.pg.Address() == pg.Address() {
		return
	}
	if s.pg != nil {
		s.pg.Close()
	}
	s.pg = pg
}

// Close closes the connection the PostgreSQL edge kept, if any.
func (s *Source) Close() {
	if s.pg != nil {
		s.pg.Close()
	}
}

// Endpoint is where ClickPipes connects: the cluster's writer endpoint and
// port as AWS reports them (never the connect override, which is for
// tunnels and tests).
func (s *Source) Endpoint(ctx context.Context) (string, int, error) {
	if _, err := s.resolve(ctx); err != nil {
		return "", 0, err
	}
	c, err := describeCluster(ctx, s.clients.RDS, s.cluster)
	if err != nil {
		return "", 0, err
	}
	return aws.ToString(c.Endpoint), int(aws.ToInt32(c.Port)), nil
}

// PublishedTables lists what the publication replicates, read on the
// writer (the AWS side is observed first to find it).
func (s *Source) PublishedTables(ctx context.Context, d plan.Scope) ([]plan.TableName, error) {
	if s.pg == nil {
		obs, err := s.observeAWS(ctx, d.Aurora)
		if err != nil {
			return nil, err
		}
		if s.pg, err = s.postgresSource(ctx, obs); err != nil {
			return nil, err
		}
	}
	return s.pg.PublishedTables(ctx, d)
}

// PrivatePath observes the source's private path for the hand-off; nil
// when its network is not a privateLink one.
func (s *Source) PrivatePath(ctx context.Context, d plan.Scope) (*plan.PrivateLinkObserved, error) {
	if d.Aurora == nil || d.Aurora.PrivateLink == nil {
		return nil, nil
	}
	obs, err := s.observeAWS(ctx, d.Aurora)
	if err != nil {
		return nil, err
	}
	return obs.state.PrivateLink, nil
}

// Begin starts an apply session. Plan must have run first.
func (s *Source) Begin(ctx context.Context) (*Session, error) {
	if s.pg == nil {
		return nil, fmt.Errorf("source %s: apply before plan", s.src.Name)
	}
	return &Session{src: s, created: map[string]string{}}, nil
}
