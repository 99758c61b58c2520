module github.com/grafana/grafana/apps/playlist

go 1.24.0

require (
	github.com/grafana/grafana/pkg/apimachinery v0.0.0-20250220154326-6e5de80ef295
	k8s.io/apimachinery v0.32.1
)
