import {existsSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import type {Component} from '../../src/core/model.js'
import {discoverPaths} from '../../src/discover/index.js'
import {formatResolutionTable, type ResolveRun, resolveComponents} from '../../src/resolve/index.js'
import {sharedDir} from '../support/cli.js'
import {servedByEmulators} from '../support/registry-emulators/catalogue.js'
import {summarise, tempCacheDir} from '../support/registry-emulators/fixtures.js'
import {type RegistryEmulators, startRegistryEmulators} from '../support/registry-emulators/index.js'

const corpus = join(sharedDir, 'corpus')
const present = existsSync(join(corpus, 'EXPECTED.json'))
if (!present) console.warn(`SKIPPED: ${corpus} is absent; the resolve acceptance needs ../shared/corpus`)

type Expected = Record<string, {type: string; images_normalised?: string[]; ecosystem?: string; sample?: Array<[string, string]>}>

const ALLOWED_REASONS = new Set(['local', 'offline-cache-miss', 'network-error', 'not-found', 'no-repository', 'no-label', 'unverified', 'invalid-name', 'no-version', 'unsupported'])

/**
 * Acceptance (issue 7): every image and package of ../shared/corpus resolves or says why not. The corpus is
 * discovered with the real engine; a cache is warmed from the registry emulators (recorded npm responses,
 * written ones for the rest) for the components they know; then the whole corpus resolves offline.
 */
describe.skipIf(!present)('acceptance: ../shared/corpus resolves offline, or says why', () => {
  let emulators: RegistryEmulators
  let components: Component[]
  let run: ResolveRun
  const byImage = new Map<string, string>()

  beforeAll(async () => {
    emulators = await startRegistryEmulators()
    components = (await discoverPaths([corpus])).components
    const cacheDir = await tempCacheDir()
    const served = servedByEmulators()
    await resolveComponents(components.filter(served), {cacheDir, endpoints: emulators.endpoints, retries: 0})
    const requestsBefore = Object.values(emulators.servers).reduce((n, s) => n + s.requests.length, 0)
    run = await resolveComponents(components, {cacheDir, offline: true, endpoints: emulators.endpoints})
    expect(Object.values(emulators.servers).reduce((n, s) => n + s.requests.length, 0)).toBe(requestsBefore)
    for (const [key, value] of Object.entries(summarise(run))) byImage.set(key.replace(/@.*$/, ''), value)
    console.log(`\nResolution of ../shared/corpus, offline from an emulator-warmed cache:\n${formatResolutionTable(run.stats)}`)
  }, 120_000)
  afterAll(() => emulators?.close())

  it('accounts for every component exactly once, each unresolved one with a known reason and an explanation', () => {
    const resolved = run.groups.reduce((n, g) => n + g.components.length, 0)
    expect(resolved + run.unresolved.length).toBe(components.length)
    expect(run.stats.total).toBe(components.length)
    for (const u of run.unresolved) {
      expect(ALLOWED_REASONS.has(u.reason), `${u.component.name}: ${u.reason}`).toBe(true)
      expect(u.detail, u.component.name).toBeTruthy()
      expect(u.reason === 'local').toBe(Boolean(u.component.local))
    }
    // Offline and cold for most packages: the run must say it is incomplete.
    expect(run.incomplete).toBe(true)
  })

  it('every image listed in EXPECTED.json ends with the expected repository or reason', () => {
    const expectedFile = JSON.parse(readFileSync(join(corpus, 'EXPECTED.json'), 'utf8')) as Expected
    const listed = new Set(Object.values(expectedFile).flatMap((record) => (record.images_normalised ?? []).map((ref) => ref.replace(/@sha256:.*$/, '').replace(/:[^:/]+$/, ''))))
    const outcome = Object.fromEntries([...listed].sort().map((name) => [name, byImage.get(name)]))
    expect(outcome).toEqual({
      'docker.io/argoproj/rollouts-demo': 'github.com/argoproj/rollouts-demo high known-images',
      'docker.io/grafana/grafana': 'github.com/grafana/grafana high known-images',
      'docker.io/karmada/karmada-controller-manager': 'github.com/karmada-io/karmada high known-images',
      'docker.io/kubeedge/admission': 'github.com/kubeedge/kubeedge high known-images',
      'docker.io/kubeedge/cloudcore': 'github.com/kubeedge/kubeedge high known-images',
      'docker.io/library/busybox': 'unresolved: offline-cache-miss',
      'docker.io/library/nginx': 'unresolved: no-label',
      'docker.io/library/redis': 'unresolved: offline-cache-miss',
      'docker.io/savita3020/servingcontainer': 'unresolved: offline-cache-miss',
      'docker.io/savita3020/sidecarcontainer': 'unresolved: offline-cache-miss',
      'docker.io/tsuyoshiushio/rabbitmq-client': 'unresolved: offline-cache-miss',
      'docker.io/volcanosh/vc-controller-manager': 'github.com/volcano-sh/volcano high known-images',
      'docker.io/volcanosh/vc-scheduler': 'github.com/volcano-sh/volcano high known-images',
      'docker.io/volcanosh/vc-webhook-manager': 'github.com/volcano-sh/volcano high known-images',
      'ghcr.io/dexidp/dex': 'github.com/dexidp/dex medium oci-label',
      'ghcr.io/jimmidyson/configmap-reload': 'github.com/jimmidyson/configmap-reload low image-heuristic',
      'public.ecr.aws/docker/library/redis': 'unresolved: offline-cache-miss',
      'quay.io/argoproj/argocd': 'github.com/argoproj/argo-cd medium oci-label',
      'quay.io/brancz/kube-rbac-proxy': 'github.com/brancz/kube-rbac-proxy high known-images',
      'quay.io/prometheus-operator/prometheus-operator': 'github.com/prometheus-operator/prometheus-operator high known-images',
      'quay.io/prometheus/blackbox-exporter': 'github.com/prometheus/blackbox_exporter high known-images',
      'quay.io/prometheus/node-exporter': 'github.com/prometheus/node_exporter high known-images',
      'registry.istio.io/release/examples-bookinfo-details-v1': 'github.com/istio/istio (samples/bookinfo) high known-images',
      'registry.istio.io/release/examples-bookinfo-productpage-v1': 'github.com/istio/istio (samples/bookinfo) high known-images',
      'registry.istio.io/release/examples-bookinfo-ratings-v1': 'github.com/istio/istio (samples/bookinfo) high known-images',
      'registry.istio.io/release/examples-bookinfo-reviews-v1': 'github.com/istio/istio (samples/bookinfo) high known-images',
      'registry.istio.io/release/examples-bookinfo-reviews-v2': 'github.com/istio/istio (samples/bookinfo) high known-images',
      'registry.istio.io/release/examples-bookinfo-reviews-v3': 'github.com/istio/istio (samples/bookinfo) high known-images',
      'registry.k8s.io/etcd': 'github.com/kubernetes/kubernetes (cluster/images/etcd) high known-images',
      'registry.k8s.io/ingress-nginx/controller': 'github.com/kubernetes/ingress-nginx high known-images',
      'registry.k8s.io/ingress-nginx/kube-webhook-certgen': 'github.com/kubernetes/ingress-nginx high known-images',
      'registry.k8s.io/prometheus-adapter/prometheus-adapter': 'github.com/kubernetes-sigs/prometheus-adapter high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/adservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/cartservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/checkoutservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/currencyservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/emailservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/loadgenerator': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/paymentservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/productcatalogservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/recommendationservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
      'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/shippingservice': 'github.com/GoogleCloudPlatform/microservices-demo high known-images',
    })
  })

  it("every Go sample of EXPECTED.json resolves by its path, or says the vanity host was not cached", () => {
    const expectedFile = JSON.parse(readFileSync(join(corpus, 'EXPECTED.json'), 'utf8')) as Expected
    const samples = new Set(Object.values(expectedFile).flatMap((r) => (r.ecosystem === 'go' ? (r.sample ?? []).map(([name, version]) => `${name}@${version}`) : [])))
    const outcomes = summarise(run)
    expect(Object.fromEntries([...samples].sort().map((s) => [s, outcomes[s]]))).toEqual({
      'cel.dev/expr@v0.25.2': 'unresolved: offline-cache-miss',
      'cloud.google.com/go/auth@v0.20.0': 'github.com/googleapis/google-cloud-go (auth) high go-module',
      'cloud.google.com/go@v0.121.6': 'unresolved: offline-cache-miss',
      'github.com/Azure/go-ansiterm@v0.0.0-20250102033503-faa5f7b0171c': 'github.com/Azure/go-ansiterm high deps.dev',
      'github.com/distribution/reference@v0.6.0': 'github.com/distribution/reference high go-module',
      'github.com/envoyproxy/protoc-gen-validate@v1.3.3': 'github.com/envoyproxy/protoc-gen-validate high go-module',
      'github.com/frankban/quicktest@v1.14.6': 'github.com/frankban/quicktest high go-module',
      'github.com/fxamacker/cbor/v2@v2.9.0': 'github.com/fxamacker/cbor high go-module',
      'github.com/fxamacker/cbor/v2@v2.9.1': 'github.com/fxamacker/cbor high go-module',
      'github.com/go-openapi/jsonreference@v0.21.5': 'github.com/go-openapi/jsonreference high go-module',
      'github.com/go-playground/universal-translator@v0.18.1': 'github.com/go-playground/universal-translator high go-module',
      'github.com/go-playground/validator/v10@v10.23.0': 'github.com/go-playground/validator high go-module',
      'github.com/grpc-ecosystem/grpc-gateway/v2@v2.29.0': 'github.com/grpc-ecosystem/grpc-gateway high go-module',
      'github.com/hashicorp/go-secure-stdlib/cryptoutil@v0.1.1': 'github.com/hashicorp/go-secure-stdlib (cryptoutil) high go-module',
      'github.com/hashicorp/go-version@v1.9.0': 'github.com/hashicorp/go-version high go-module',
      'github.com/hashicorp/vault/api@v1.23.0': 'github.com/hashicorp/vault (api) high go-module',
      'github.com/julienschmidt/httprouter@v1.3.0': 'github.com/julienschmidt/httprouter high go-module',
      'github.com/kolo/xmlrpc@v0.0.0-20220921171641-a4b6fa1dd06b': 'github.com/kolo/xmlrpc high go-module',
      'github.com/modern-go/concurrent@v0.0.0-20180306012644-bacd9c7ef1dd': 'github.com/modern-go/concurrent high go-module',
      'github.com/munnerz/goautoneg@v0.0.0-20191010083416-a7dc8b61c822': 'github.com/munnerz/goautoneg high go-module',
      'github.com/stretchr/testify@v1.12.1': 'github.com/stretchr/testify high go-module',
      'github.com/valyala/bytebufferpool@v1.0.0': 'github.com/valyala/bytebufferpool high go-module',
      'github.com/xhit/go-str2duration/v2@v2.1.0': 'github.com/xhit/go-str2duration high go-module',
      'go.opentelemetry.io/collector/confmap/xconfmap@v0.157.0': 'unresolved: offline-cache-miss',
      'go.opentelemetry.io/otel@v1.44.0': 'unresolved: offline-cache-miss',
      'go.uber.org/multierr@v1.11.0': 'github.com/uber-go/multierr high go-module',
      'golang.org/x/arch@v0.13.0': 'github.com/golang/arch high go-module',
      'golang.org/x/text@v0.25.0': 'github.com/golang/text high go-module',
      'sigs.k8s.io/yaml@v1.4.0': 'github.com/kubernetes-sigs/yaml high go-module',
      'sigs.k8s.io/yaml@v1.6.0': 'github.com/kubernetes-sigs/yaml high go-module',
      'software.sslmate.com/src/go-pkcs12@v0.7.3': 'unresolved: offline-cache-miss',
    })
  })

  it('prints and keeps the resolution-rate table', () => {
    // Counts are components as the discovery engine emits them (identical entries merged across files).
    expect(formatResolutionTable(run.stats)).toBe(
      [
        'ecosystem  total  resolved   rate  crates-io  deps.dev  go-module  image-heuristic  known-images  npm-registry  oci-label  packagist  pypi  rubygems  unresolved',
        '---------  -----  --------  -----  ---------  --------  ---------  ---------------  ------------  ------------  ---------  ---------  ----  --------  ----------',
        'cargo        511         4   0.8%          3         1          0                0             0             0          0          0     0         0         507',
        'composer     230         3   1.3%          0         0          0                0             0             0          0          3     0         0         227',
        'docker        67        55  82.1%          0         0          0                1            51             0          3          0     0         0          12',
        'gem          342         2   0.6%          0         0          0                0             0             0          0          0     0         2         340',
        'golang      2179      1844  84.6%          0         2       1842                0             0             0          0          0     0         0         335',
        'helm           4         0   0.0%          0         0          0                0             0             0          0          0     0         0           4',
        'npm        16019        97   0.6%          0         1          0                0             0            96          0          0     0         0       15922',
        'pypi         435        11   2.5%          0         0          0                0             0             0          0          0    11         0         424',
        'all        19787      2016  10.2%          3         4       1842                1            51            96          3          3    11         2       17771',
        '',
        'unresolved by reason: local 242, no-label 2, no-repository 1, offline-cache-miss 17522, unsupported 4',
        '',
      ].join('\n'),
    )
  })
})
