import {describe, expect, it} from 'vitest'
import {
  pkg,
  resolveOnline,
  summarise,
  tempCacheDir,
  useRegistryEmulators,
} from '../../../../tests/support/registry-emulators/fixtures.js'
import {resolveComponents} from '../../engine.js'
import {matchingImport, parseGoImports} from './go-import.js'
import {resolver} from './index.js'

const emulators = useRegistryEmulators()

describe('go-module', () => {
  it('maps well-known module paths without any request', async () => {
    const run = await resolveComponents(
      [
        pkg('golang', 'github.com/grpc-ecosystem/grpc-gateway/v2', 'v2.29.0'),
        pkg('golang', 'github.com/hashicorp/vault/api', 'v1.23.0'),
        pkg('golang', 'github.com/go-playground/validator/v10', 'v10.23.0'),
        pkg('golang', 'github.com/example-org/tools/v1', 'v1.0.0'),
        pkg('golang', 'github.com/hashicorp/go-secure-stdlib/cryptoutil', 'v0.1.1'),
        pkg('golang', 'github.com/Azure/go-ansiterm', 'v0.0.0-20250102033503-faa5f7b0171c'),
        pkg('golang', 'golang.org/x/text', 'v0.25.0'),
        pkg('golang', 'k8s.io/klog/v2', 'v2.130.1'),
        pkg('golang', 'sigs.k8s.io/kustomize/api', 'v0.20.1'),
        pkg('golang', 'gopkg.in/yaml.v3', 'v3.0.1'),
        pkg('golang', 'gopkg.in/alecthomas/kingpin.v2', 'v2.2.6'),
        pkg('golang', 'bitbucket.org/owner/repo/sub', 'v1.0.0'),
        pkg('golang', 'not a path', 'v1'),
      ],
      {cacheDir: await tempCacheDir(), endpoints: emulators.endpoints, offline: true},
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'github.com/grpc-ecosystem/grpc-gateway/v2@v2.29.0': 'github.com/grpc-ecosystem/grpc-gateway high go-module',
      'github.com/hashicorp/vault/api@v1.23.0': 'github.com/hashicorp/vault (api) high go-module',
      'github.com/go-playground/validator/v10@v10.23.0': 'github.com/go-playground/validator high go-module',
      // v1 is never a major-version suffix: it is a directory.
      'github.com/example-org/tools/v1@v1.0.0': 'github.com/example-org/tools (v1) high go-module',
      'github.com/hashicorp/go-secure-stdlib/cryptoutil@v0.1.1':
        'github.com/hashicorp/go-secure-stdlib (cryptoutil) high go-module',
      'github.com/Azure/go-ansiterm@v0.0.0-20250102033503-faa5f7b0171c': 'github.com/Azure/go-ansiterm high go-module',
      'golang.org/x/text@v0.25.0': 'github.com/golang/text high go-module',
      'k8s.io/klog/v2@v2.130.1': 'github.com/kubernetes/klog high go-module',
      'sigs.k8s.io/kustomize/api@v0.20.1': 'github.com/kubernetes-sigs/kustomize (api) high go-module',
      'gopkg.in/yaml.v3@v3.0.1': 'github.com/go-yaml/yaml high go-module',
      'gopkg.in/alecthomas/kingpin.v2@v2.2.6': 'github.com/alecthomas/kingpin high go-module',
      'bitbucket.org/owner/repo/sub@v1.0.0': 'bitbucket.org/owner/repo (sub) high go-module',
      'not a path@v1': 'unresolved: invalid-name',
    })
    expect(run.stats.requests.total).toBe(0)
  })

  it('follows vanity imports through go-get meta tags (prefix, subdir, head only)', async () => {
    const run = await resolveOnline(
      emulators,
      [
        pkg('golang', 'go.uber.org/multierr', 'v1.11.0'),
        pkg('golang', 'cloud.google.com/go/auth', 'v0.20.0'),
        pkg('golang', 'go.example.com/tools/lint/v2', 'v2.0.0'),
        pkg('golang', 'go.example.com/decoy', 'v1.0.0'),
        pkg('golang', 'go.example.com/absent', 'v1.0.0'),
      ],
      [resolver],
    )
    expect(summarise(run)).toEqual({
      'go.uber.org/multierr@v1.11.0': 'github.com/uber-go/multierr high go-module',
      'cloud.google.com/go/auth@v0.20.0': 'github.com/googleapis/google-cloud-go (auth) high go-module',
      'go.example.com/tools/lint/v2@v2.0.0': 'github.com/example-org/monorepo (tools/lint) high go-module',
      'go.example.com/decoy@v1.0.0': 'unresolved: no-repository',
      'go.example.com/absent@v1.0.0': 'unresolved: not-found',
    })
    expect(emulators.servers.go.requests.map((r) => r.url)).toContain('/go.uber.org/multierr?go-get=1')
  })

  it('parses go-import tags in any attribute order and picks the longest matching prefix', () => {
    const tags = parseGoImports(
      `<head><meta content="example.com/a git https://github.com/o/a" name="go-import"><meta name='go-import' content='example.com/a/b git https://github.com/o/b'><meta name="go-import" content="example.com/a mod https://proxy.example.com"></head>`,
    )
    expect(tags).toEqual([
      {prefix: 'example.com/a', vcs: 'git', url: 'https://github.com/o/a'},
      {prefix: 'example.com/a/b', vcs: 'git', url: 'https://github.com/o/b'},
      {prefix: 'example.com/a', vcs: 'mod', url: 'https://proxy.example.com'},
    ])
    expect(matchingImport(tags, 'example.com/a/b/c')?.url).toBe('https://github.com/o/b')
    expect(matchingImport(tags, 'example.com/a/bc')?.url).toBe('https://github.com/o/a')
    expect(matchingImport(tags, 'example.com/other')).toBeNull()
  })
})
