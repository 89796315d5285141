// Package kindsamples has one change of every kind, each with every
// payload field set: the fixtures of the tests that go over every kind
// (saved plans, the JSON plan's payloads).
package kindsamples

import "github.com/auroracfg/auroracfg/plan"

// All is one change of each kind, in no particular order.
func All() []plan.Change {
	tables := []plan.TableName{{Schema: "app", Name: "orders"}, {Schema: "app", Name: "items"}}
	return []plan.Change{
		plan.CreateRole{Role: "cp", Attributes: []string{"LOGIN", "REPLICATION"}},
		plan.AlterRole{Role: "cp", Attributes: []string{"REPLICATION"}},
		plan.SetPassword{Role: "cp"},
		plan.GrantRole{Role: "cp", Granted: plan.RDSReplicationRole},
		plan.GrantUsage{Role: "cp", Schemas: []string{"app", "billing"}},
		plan.GrantSelect{Role: "cp", Schema: "app", Tables: tables},
		plan.DefaultPrivileges{Owner: "app_owner", Schema: "app", Role: "cp"},
		plan.ReplicaIdentityFull{Table: tables[0]},
		plan.ReplicaIdentityIndex{Table: tables[1], Index: "items_code_key"},
		plan.CreatePublication{Name: "pub", AllTables: true, Schemas: []string{"app"}, Tables: tables, ViaRoot: true, GeneratedStored: true},
		plan.PublicationAdd{Name: "pub", Schemas: []string{"app"}, Tables: tables},
		plan.PublicationOptions{Name: "pub", ViaRoot: true, GeneratedStored: true},
		plan.DropSlot{Slot: "old_slot"},
		plan.CreateParameterGroup{Scope: plan.ClusterParameterGroup, Name: "pg", Family: "aurora-postgresql16"},
		plan.SetParameters{Scope: plan.ClusterParameterGroup, Group: "pg", Parameters: []plan.Parameter{{Name: "rds.logical_replication", Value: "1", ApplyMethod: "pending-reboot"}}},
		plan.AttachParameterGroup{Scope: plan.ClusterParameterGroup, Target: "c", Group: "pg"},
		plan.RebootCluster{Cluster: "c", Instances: []string{"c-1"}},
		plan.CreateSecurityGroup{Name: "sg", VpcID: "vpc-1"},
		plan.AttachSecurityGroup{Cluster: "c", GroupID: "sg-1", GroupName: "sg"},
		plan.AuthorizeIngress{GroupID: "sg-1", GroupName: "sg", CIDRs: []string{"192.0.2.1/32"}, Port: 5432, Description: "d"},
		plan.RevokeIngress{GroupID: "sg-1", RuleIDs: []string{"sgr-1"}, CIDRs: []string{"192.0.2.9/32"}},
		plan.CreateLoadBalancer{Name: "acfg-n", Subnets: []string{"subnet-a", "subnet-b"}, SecurityGroups: []string{"sg-2"}},
		plan.EnableCrossZone{LoadBalancer: "acfg-n"},
		plan.CreateTargetGroup{Name: "acfg-n", VpcID: "vpc-1", Port: 5432},
		plan.PointTarget{TargetGroup: "acfg-n", IP: "10.0.0.9", Port: 5432, Stale: []string{"10.0.0.5:5432"}},
		plan.CreateListener{LoadBalancer: "acfg-n", TargetGroup: "acfg-n", Port: 5432},
		plan.CreateEndpointService{LoadBalancer: "acfg-n", Regions: []string{"us-east-2"}},
		plan.RequireAcceptance{LoadBalancer: "acfg-n"},
		plan.AllowPrincipals{LoadBalancer: "acfg-n", Principals: []string{plan.ClickPipesPrincipal}},
		plan.RemovePrincipals{LoadBalancer: "acfg-n", Principals: []string{"arn:aws:iam::999999999999:root"}},
		plan.SetSupportedRegions{LoadBalancer: "acfg-n", Add: []string{"us-east-2"}, Remove: []string{"eu-west-1"}},
		plan.AcceptConnections{LoadBalancer: "acfg-n", Endpoints: []string{"vpce-1"}},
		plan.CreateResourceGateway{Name: "acfg-n", VpcID: "vpc-1", Subnets: []string{"subnet-a"}, SecurityGroups: []string{"sg-2"}, OwnGroup: "auroracfg-n"},
		plan.CreateResourceConfiguration{Name: "acfg-n", Gateway: "acfg-n", ResourceARN: "arn:aws:rds:us-east-1:1:cluster:c"},
		plan.ShareResource{Name: "acfg-n", ResourceConfiguration: "acfg-n", Principal: plan.ClickPipesAccount},
		plan.MarkGlobalWriter{GlobalCluster: "arn:aws:rds::1:global-cluster:g", Source: "s", Writer: "us-east-1/c"},
		plan.RecordWriter{Publication: "p", Writer: "us-east-1/c"},
	}
}
