package aurora

import "github.com/auroracfg/auroracfg/sources/awsapi"

// Clients are one region's AWS clients: the Aurora edge uses RDS, EC2 and
// Secrets Manager, and the private paths' services (sources/awsapi, one
// file per service).
type Clients = awsapi.Clients

// NewClients builds a region's clients from an AWS config.
var NewClients = awsapi.NewClients
