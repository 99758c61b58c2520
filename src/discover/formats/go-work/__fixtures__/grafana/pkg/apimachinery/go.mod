module github.com/grafana/grafana/pkg/apimachinery

go 1.24.0

require k8s.io/apimachinery v0.32.1
