package schema

import "sort"

// ClickPipes' static NAT addresses per ClickPipes region (AWS), shipped as
// data. Source: ClickHouse/clickhouse-docs
// docs/integrations/data-ingestion/clickpipes/networking/static-ips.md
// (https://clickhouse.com/docs/integrations/clickpipes/networking/static-ips),
// newest stored revision (commit 14c5201), read 2026-08. The list changes
// several times a year: extend it per network with extraCIDRs, and update
// this table when ClickHouse publishes changes.
const (
	ClickPipesIPsSource = "clickhouse-docs static-ips.md, commit 14c5201"
	ClickPipesIPsDate   = "2026-08"
)

var clickPipesIPs = map[string][]string{
	"eu-central-1":   {"18.195.233.217", "3.127.86.90", "35.157.23.2", "18.197.167.47", "3.122.25.29", "52.28.148.40"},
	"eu-west-1":      {"54.228.1.92", "54.72.101.254", "54.228.16.208", "54.76.200.104", "52.211.2.177", "54.77.10.134"},
	"us-east-1":      {"54.82.38.199", "3.90.133.29", "52.5.177.8", "3.227.227.145", "3.216.6.184", "54.84.202.92", "3.131.130.196", "3.23.172.68", "3.20.208.150"},
	"us-east-2":      {"3.131.130.196", "3.23.172.68", "3.20.208.150", "3.132.20.192", "18.119.76.110", "3.134.185.180"},
	"ap-south-1":     {"13.203.140.189", "13.232.213.12", "13.235.145.208", "35.154.167.40", "65.0.39.245", "65.1.225.89"},
	"ap-northeast-2": {"3.38.68.69", "52.78.68.128", "13.209.152.13", "3.38.24.84", "3.37.159.31", "3.34.25.104"},
	"ap-southeast-1": {"13.215.65.134", "18.139.118.108", "47.130.197.47", "54.251.134.219", "54.254.98.29", "54.255.153.106"},
	"ap-southeast-2": {"3.106.48.103", "52.62.168.142", "13.55.113.162", "3.24.61.148", "54.206.77.184", "54.79.253.17"},
	"af-south-1":     {"13.245.187.24", "15.240.60.178", "15.240.81.191", "13.245.25.101", "13.245.91.225", "15.240.54.195"},
	"ap-east-1":      {"18.166.168.168", "43.199.224.85", "95.40.0.242", "16.162.107.229", "43.199.125.240", "54.46.86.27"},
	"ap-northeast-1": {"54.168.88.92", "35.76.97.79", "54.64.100.89", "54.178.40.17", "52.195.101.208", "13.193.109.245"},
	"ap-southeast-3": {"16.78.195.195", "43.218.184.235", "16.79.88.54", "15.232.6.147", "15.232.46.145", "108.137.199.68"},
	"ca-central-1":   {"52.60.123.235", "3.97.222.98", "3.99.62.248", "15.223.61.186", "3.96.255.101", "3.97.29.96"},
	"eu-north-1":     {"13.63.1.65", "16.171.127.30", "56.228.76.44", "13.63.101.248", "16.170.124.188", "13.60.109.201"},
	"eu-west-2":      {"13.134.82.158", "16.60.209.167", "18.134.221.203", "16.60.139.176", "13.43.66.75", "3.11.78.183"},
	"il-central-1":   {"16.164.25.13", "51.84.162.29", "51.85.90.183", "51.84.36.146", "51.84.72.29", "51.85.28.184"},
	"mx-central-1":   {"78.12.67.220", "78.12.117.175", "78.13.186.238", "78.13.219.184", "78.13.224.212", "78.13.248.162"},
	"sa-east-1":      {"18.230.164.131", "56.126.1.234", "18.230.39.24", "15.229.102.116", "18.230.174.204", "18.229.237.116"},
	"us-west-2":      {"52.42.100.5", "44.242.47.162", "52.40.44.52", "44.227.206.163", "44.246.241.23", "35.83.230.19"},
}

// ClickPipesCIDRs returns the /32 CIDRs of a ClickPipes region's static
// addresses, and whether the region is known.
func ClickPipesCIDRs(region string) ([]string, bool) {
	ips, ok := clickPipesIPs[region]
	out := make([]string, len(ips))
	for i, ip := range ips {
		out[i] = ip + "/32"
	}
	return out, ok
}

// ClickPipesRegions lists the known ClickPipes regions.
func ClickPipesRegions() []string {
	out := make([]string, 0, len(clickPipesIPs))
	for r := range clickPipesIPs {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}
