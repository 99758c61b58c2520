module github.com/grafana/grafana

go 1.24.0

require (
	k8s.io/api v0.32.1 // @grafana/grafana-app-platform-squad
	xorm.io/xorm v0.8.2 // @grafana/alerting-backend
)

require (
	github.com/grafana/grafana/apps/playlist v0.0.0-20250220164708-c8d4ff28a450 // @grafana/grafana-app-platform-squad
	github.com/grafana/grafana/pkg/apimachinery v0.0.0-20250220154326-6e5de80ef295 // @grafana/grafana-app-platform-squad

	// This needs to be here for other projects that import grafana/grafana
	// For local development grafana/grafana will always use the local files
	// Check go.work file for details
	github.com/grafana/grafana/pkg/promlib v0.0.8 // @grafana/oss-big-tent
)
