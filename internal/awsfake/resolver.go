package awsfake

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
)

// Resolver stands in for DNS for the emulator's instance endpoints
// (<instance>.aaaaaaaaaa.<region>.rds.amazonaws.com), which no DNS server
// knows: each instance gets a fixed private address in the emulator's
// default VPC (172.31.0.0/16), a different one per instance, so a failover
// moves the writer's address as it does on AWS.
type Resolver struct{}

// LookupHost answers for instance endpoints and fails for anything else.
func (Resolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	instance, _, ok := strings.Cut(host, ".")
	if !ok || !strings.HasSuffix(host, ".rds.amazonaws.com") {
		return nil, fmt.Errorf("lookup %s: no such host", host)
	}
	return []string{InstanceIP(instance)}, nil
}

// InstanceIP is the address Resolver gives an instance.
func InstanceIP(instance string) string {
	h := fnv.New32a()
	h.Write([]byte(instance))
	v := h.Sum32()
	return fmt.Sprintf("172.31.%d.%d", v>>8&0xff, v%253+1)
}
