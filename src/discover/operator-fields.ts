/**
 * Image fields of operators' custom resources: the operator builds the pod, so the manifest names the image
 * outside any container list. One row per API group; paths are from each operator's API reference (`*`: each item of
 * a list).
 */

interface OperatorFields {
  /** API group, or a suffix of it when it starts with a dot. */
  group: string
  kinds: string[]
  paths: string[][]
  /** The registry a name without one is pulled from, when the operator does not take docker's default. */
  registry?: string
}

const TABLE: OperatorFields[] = [
  // https://prometheus-operator.dev/docs/api-reference/api/
  {
    group: 'monitoring.coreos.com',
    kinds: ['Prometheus', 'PrometheusAgent'],
    paths: [
      ['spec', 'image'],
      ['spec', 'thanos', 'image'],
    ],
  },
  {group: 'monitoring.coreos.com', kinds: ['Alertmanager', 'ThanosRuler'], paths: [['spec', 'image']]},
  // https://www.elastic.co/guide/en/cloud-on-k8s/current/k8s-api-reference.html
  {
    group: '.k8s.elastic.co',
    kinds: [
      'Elasticsearch',
      'Kibana',
      'ApmServer',
      'EnterpriseSearch',
      'Beat',
      'Agent',
      'Logstash',
      'ElasticMapsServer',
    ],
    paths: [['spec', 'image']],
  },
  // https://cloudnative-pg.io/documentation/current/cloudnative-pg.v1/; extensions mounted as image volumes
  // (imagevolume_extensions.md: `postgresql.extensions[].image.reference`); image catalogs (image_catalog.md:
  // `images[].image`, their `extensions`, and `componentImages[].image`, PgBouncer's).
  {
    group: 'postgresql.cnpg.io',
    kinds: ['Cluster'],
    paths: [
      ['spec', 'imageName'],
      ['spec', 'postgresql', 'extensions', '*', 'image', 'reference'],
    ],
  },
  {
    group: 'postgresql.cnpg.io',
    kinds: ['ImageCatalog', 'ClusterImageCatalog'],
    paths: [
      ['spec', 'images', '*', 'image'],
      ['spec', 'images', '*', 'extensions', '*', 'image', 'reference'],
      ['spec', 'componentImages', '*', 'image'],
    ],
  },
  // https://strimzi.io/docs/operators/latest/configuring
  {
    group: 'kafka.strimzi.io',
    kinds: ['Kafka'],
    paths: [
      ['spec', 'kafka', 'image'],
      ['spec', 'zookeeper', 'image'],
      ['spec', 'entityOperator', 'topicOperator', 'image'],
      ['spec', 'entityOperator', 'userOperator', 'image'],
      ['spec', 'entityOperator', 'tlsSidecar', 'image'],
      ['spec', 'cruiseControl', 'image'],
      ['spec', 'kafkaExporter', 'image'],
    ],
  },
  {
    group: 'kafka.strimzi.io',
    kinds: ['KafkaConnect', 'KafkaMirrorMaker', 'KafkaMirrorMaker2', 'KafkaBridge', 'KafkaNodePool'],
    paths: [['spec', 'image']],
  },
  // https://www.jaegertracing.io/docs/latest/operator/
  {group: 'jaegertracing.io', kinds: ['Jaeger'], paths: [['spec', 'allInOne', 'image']]},
  // https://github.com/open-telemetry/opentelemetry-operator/blob/main/docs/api/opentelemetrycollectors.md
  {group: 'opentelemetry.io', kinds: ['OpenTelemetryCollector'], paths: [['spec', 'image']]},
  // https://github.com/open-telemetry/opentelemetry-operator/blob/main/docs/api/instrumentations.md: the image of each
  // language's auto-instrumentation, which the operator injects into the pods it instruments (an init container; Go's
  // a sidecar).
  {
    group: 'opentelemetry.io',
    kinds: ['Instrumentation'],
    // docs/api/instrumentations.md: each language's agent image, and Java's extensions (`java.extensions[].image`,
    // copied into the pod beside the agent).
    paths: [
      ...['apacheHttpd', 'dotnet', 'go', 'java', 'nginx', 'nodejs', 'python'].map((language) => [
        'spec',
        language,
        'image',
      ]),
      ['spec', 'java', 'extensions', '*', 'image'],
    ],
  },
  // https://docs.crossplane.io/latest/concepts/packages/: a package is an OCI image the package manager pulls and runs
  // (a provider's controller, a function) or unpacks (a configuration).
  // A package without a registry was pulled from xpkg.upbound.io by Crossplane 1.x (Crossplane 2 requires one).
  {
    group: 'pkg.crossplane.io',
    kinds: ['Provider', 'Configuration', 'Function'],
    paths: [['spec', 'package']],
    registry: 'xpkg.upbound.io',
  },
  // Tekton's StepAction, the reusable step a Task's step runs by reference (https://tekton.dev/docs/pipelines/stepactions/:
  // `spec.image`, the image of the step's container).
  {group: 'tekton.dev', kinds: ['StepAction'], paths: [['spec', 'image']]},
  // Operator SDK's scorecard configuration (https://sdk.operatorframework.io/docs/testing-operators/scorecard/): each
  // test runs as a pod of its `image`, in the cluster `operator-sdk scorecard` is pointed at.
  {group: 'scorecard.operatorframework.io', kinds: ['Configuration'], paths: [['stages', '*', 'tests', '*', 'image']]},
  // https://dragonflydb.io/docs/managing-dragonfly/operator/dragonfly-configuration: `image`, the Dragonfly image to run.
  {group: 'dragonflydb.io', kinds: ['Dragonfly'], paths: [['spec', 'image']]},
  // Tools' own configuration written as a Kubernetes-style object, whose image the tool pulls: kind's cluster nodes
  // (https://kind.sigs.k8s.io/docs/user/configuration/#nodes, `nodes[].image`) and k3d's cluster
  // (https://k3d.io/stable/usage/configfile/, `image`, the k3s image of every node).
  {group: 'kind.x-k8s.io', kinds: ['Cluster'], paths: [['nodes', '*', 'image']]},
  {group: 'k3d.io', kinds: ['Simple'], paths: [['image']]},
]

/**
 * The image fields an operator reads for this apiVersion and kind (none for other resources), each with the registry
 * a name without one is pulled from when that is not docker's default.
 */
export function operatorImagePaths(apiVersion: string, kind: string): Array<{path: string[]; registry?: string}> {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : ''
  return TABLE.filter(
    (row) => row.kinds.includes(kind) && (row.group.startsWith('.') ? group.endsWith(row.group) : group === row.group),
  ).flatMap((row) => row.paths.map((path) => (row.registry ? {path, registry: row.registry} : {path})))
}
