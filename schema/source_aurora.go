package schema

import (
	"fmt"
	"strconv"
	"strings"
)

// auroraType is an Amazon Aurora PostgreSQL cluster (or the primary cluster
// of an Aurora Global Database), prepared through AWS and its writer.
var auroraType = sourceType{
	name:     TypeAurora,
	keys:     []string{"region", "cluster", "globalCluster", "parameterGroup", "network", "aws", "admin.managedSecret"},
	aws:      true,
	defaults: auroraDefaults,
	validate: (*validator).aurora,
	database: func(src *Source) (string, bool) {
		switch {
		case src.GlobalCluster != "":
			return fmt.Sprintf("global database %s, database %s", src.GlobalCluster, src.Database), true
		case src.Cluster != "":
			return fmt.Sprintf("cluster %s/%s, database %s", src.Region, src.Cluster, src.Database), true
		}
		return "", false
	},
}

func auroraDefaults(src *Source) {
	pg := &src.ParameterGroup
	if pg.Name == "" && src.ClusterName() != "" {
		pg.Name = strings.ToLower(src.ClusterName()) + "-clickpipes"
	}
	if pg.Reboot == "" {
		pg.Reboot = RebootNever
	}
	if pg.WalSenderTimeout == "" {
		pg.WalSenderTimeout = "0"
	}
	if src.AWS.Manage == "" {
		src.AWS.Manage = ManageApply
	}
}

// aurora checks what only Aurora sources have.
func (v *validator) aurora(p string, src *Source, networks map[string]bool) {
	if v.f.positions[p+".region"] == (Pos{}) && !v.f.undecodable[p] {
		v.errorf(p, "missing required key %q in %s (aurora-postgresql sources need it)", "region", p)
	}
	hasCluster, hasGlobal := v.f.positions[p+".cluster"] != (Pos{}), v.f.positions[p+".globalCluster"] != (Pos{})
	switch {
	case hasCluster && hasGlobal:
		v.errorf(p+".globalCluster", "globalCluster: give either cluster or globalCluster, not both")
	case !hasCluster && !hasGlobal && !v.f.undecodable[p]:
		v.errorf(p, "missing required key %q in %s (aurora-postgresql sources need it, or globalCluster for an Aurora Global Database)", "cluster", p)
	}
	v.oneOf(p+".parameterGroup.reboot", "reboot", src.ParameterGroup.Reboot, RebootAllowed, RebootNever)
	v.oneOf(p+".aws.manage", "manage", src.AWS.Manage, ManageApply, ManageObserve)
	if t := src.ParameterGroup.WalSenderTimeout; t != "" {
		if ms, err := strconv.Atoi(t); err != nil || (ms != 0 && ms < 300000) {
			v.errorf(p+".parameterGroup.walSenderTimeout", "walSenderTimeout: %q must be 0 (no timeout, as the setup guide says) or at least 300000 ms (ClickPipes needs 5 minutes or more)", t)
		}
	}
	if k := src.ParameterGroup.MaxSlotWalKeepSize; k != "" {
		if mb, err := strconv.ParseInt(k, 10, 64); err != nil || mb < -1 {
			v.errorf(p+".parameterGroup.maxSlotWalKeepSize", "maxSlotWalKeepSize: %q must be a size in MB (the guide asks for at least 102400, 100 GB) or -1 (unbounded)", k)
		}
	}
	if src.Network != "" && !networks[src.Network] {
		v.errorf(p+".network", "unknown network %q (declare it under the top-level networks:)", src.Network)
	}
	if src.ParameterGroup.Name != "" && strings.HasPrefix(src.ParameterGroup.Name, "default.") {
		v.errorf(p+".parameterGroup.name", "name: %q is a default parameter group, which AWS does not let anyone modify; name a custom group", src.ParameterGroup.Name)
	}
}
