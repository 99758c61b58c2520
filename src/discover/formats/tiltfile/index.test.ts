import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {scanTree} from '../../../../tests/discover/tree.js'
import {discoverers} from '../../registry.js'
import type {DiscoverOutput} from '../../types.js'
import {discoverer, MAX_TILTFILE} from './index.js'
import {callsOf, tokenize} from '../../starlark.js'

function discover(text: string, file = 'Tiltfile') {
  return discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
}

/** `line:column ref version [local] repository scope purl` of each component. */
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.kind} ${c.ref} ${c.version ?? '-'}${c.local ? ' local' : ''} ${c.repository ?? '-'} ${c.scope} ${c.purl ?? '-'}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line ?? '-'} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) =>
  out.errors.map((e) => `${e.line ?? '-'}:${e.column ?? '-'} ${e.code} ${e.message}`)

describe('tiltfile', () => {
  it('claims Tiltfile at any depth, and nothing else', () => {
    expect(['Tiltfile', 'dev/Tiltfile', 'Tiltfile.bak', 'tiltfile', 'x.Tiltfile'].map(discoverer.matches)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ])
  })

  it("lists the charts of tilt-extensions' helm_resource test Tiltfile (a real extract), with helm_repo's URL", async () => {
    const text = readFileSync(new URL('./__fixtures__/tilt-extensions/Tiltfile', import.meta.url), 'utf8')
    const inventory = await scanTree({Tiltfile: text}, {discoverers})
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped).toEqual([])
    expect(
      inventory.components.map(
        (c) =>
          `${c.locations.map((l) => `${l.line}:${l.column}`).join(' ')} ${c.ref} ${c.repository} ${c.scope} ${c.purl ?? '-'}`,
      ),
    ).toEqual([
      '45:3 hello-world https://helm.github.io/examples dev pkg:helm/hello-world?repository_url=https%3A%2F%2Fhelm.github.io%2Fexamples',
      '38:3 hello-world@0.1.0 https://helm.github.io/examples dev pkg:helm/hello-world@0.1.0?repository_url=https%3A%2F%2Fhelm.github.io%2Fexamples',
      '23:3 helloworld file://./helloworld dev -',
    ])
  })

  it('reads helm(), helm_resource() and helm_remote() charts, ext:// extensions, and reports what is computed', () => {
    const out = discover(
      [
        "load('ext://helm_resource', 'helm_resource', 'helm_repo')",
        "load('ext://restart_process', 'docker_build_with_restart')",
        "load('./lib/Tiltfile', 'helper')",
        "helm_repo('bitnami', 'https://user:pass@charts.example.com/bitnami')",
        "helm_repo(name='ghcr', url='oci://ghcr.io/example-org/charts')",
        "k8s_yaml(helm('./deploy/chart', name='api', set=['image.tag=dev']))",
        "helm_resource('db', 'bitnami/postgresql', flags=['--version', '15.5.1', '--create-namespace'])",
        "helm_resource('cache', chart='ghcr/valkey', flags=['--version=~2.1'])",
        "helm_resource('ingress', 'oci://registry.example.com/charts/ingress-nginx:4.11.3')",
        "helm_resource('other', 'other-repo/app')",
        "helm_remote('memcached', repo_url='https://charts.example.com/stable', version='7.4.1')",
        "helm_remote('demo', repo_name='oci://registry.example.com/docker', version='0.1.0')",
        'for name in ["a", "b"]:',
        "    helm_resource(name, 'bitnami/' + name)",
        'chart = "./charts/x"',
        'k8s_yaml(helm(chart))',
        "load(ext_name, 'x')",
        'def helm_resource(name, chart):',
        '    pass',
        "obj.helm('./not/a/call')",
        'docker_build("registry.example.com/app", ".", dockerfile="build/app.containerfile.txt")',
        "docker_build('registry.example.com/api', 'api', dockerfile='api/Dockerfile.dev')",
        "v1alpha1.extension_repo(name='default', url='https://github.com/example-org/tilt-extensions')",
      ].join('\n'),
      'dev/Tiltfile',
    )
    expect(errors(out)).toEqual([])
    expect(rows(out)).toEqual([
      '1:6 package ext://helm_resource - - dev pkg:generic/github.com/tilt-dev/tilt-extensions?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Ftilt-dev%2Ftilt-extensions',
      '2:6 package ext://restart_process - - dev pkg:generic/github.com/tilt-dev/tilt-extensions?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Ftilt-dev%2Ftilt-extensions',
      '6:15 chart chart - local file://./deploy/chart dev -',
      '7:21 chart postgresql@15.5.1 15.5.1 https://charts.example.com/bitnami dev pkg:helm/postgresql@15.5.1?repository_url=https%3A%2F%2Fcharts.example.com%2Fbitnami',
      '8:30 chart valkey ~2.1 - oci://ghcr.io/example-org/charts dev pkg:helm/valkey?repository_url=oci%3A%2F%2Fghcr.io%2Fexample-org%2Fcharts',
      '9:26 chart ingress-nginx@4.11.3 4.11.3 oci://registry.example.com/charts dev pkg:helm/ingress-nginx@4.11.3?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      '10:24 chart app - - dev pkg:helm/app',
      '11:13 chart memcached@7.4.1 7.4.1 https://charts.example.com/stable dev pkg:helm/memcached@7.4.1?repository_url=https%3A%2F%2Fcharts.example.com%2Fstable',
      '12:13 chart demo@0.1.0 0.1.0 oci://registry.example.com/docker dev pkg:helm/demo@0.1.0?repository_url=oci%3A%2F%2Fregistry.example.com%2Fdocker',
    ])
    expect(skips(out)).toEqual([
      '10 missing-resource helm_resource(…): chart other-repo/app: chart repository other-repo is not declared by a helm_repo() of this file (`helm repo add` may have declared it): listed without its repository',
      '14 unsupported helm_resource(…): the chart is computed (a variable, a concatenation or a call), which is not evaluated: not listed',
      '16 unsupported helm(…): the chart path is computed (a variable, a concatenation or a call), which is not evaluated: not listed',
      '17 unsupported load(…): the module is computed (a variable, a concatenation or a call), which is not evaluated: not listed',
      '21 unsupported docker_build(…): dockerfile "build/app.containerfile.txt" is not named as the dockerfile format reads Dockerfiles: the images it builds FROM are not listed',
      "23 unsupported extension_repo(…) registers an extension repository, which ext:// loads may come from: they are listed as https://github.com/tilt-dev/tilt-extensions's, the default one",
    ])
  })

  it('says where the file is not Starlark, and reads nothing past an unclosed string', () => {
    expect(errors(discover("helm('./a')\nhelm('./b\n"))).toEqual([
      '2:6 invalid-entry not Starlark: a string literal is not closed',
    ])
    const unclosed = discover("helm('./a')\nhelm_resource('x', 'repo/y'\nhelm('./c')]\n")
    expect(errors(unclosed)).toEqual([
      '3:12 invalid-entry not Starlark: "]" closes no bracket it matches',
      '2:1 invalid-entry not Starlark: helm_resource( is not closed',
    ])
    expect(rows(unclosed)).toEqual(['1:6 chart a - local file://./a dev -', '3:6 chart c - local file://./c dev -'])
  })

  it('reads strings as Starlark writes them: prefixes, escapes, triple quotes, comments, line continuations', () => {
    const {tokens} = tokenize("x = r'a\\'b' + \"\"\"c\n'd'\"\"\" # helm('no')\\\ny = b\"\\x\" '\\n'")
    expect(tokens.map((t) => `${t.line}:${t.column} ${t.kind} ${JSON.stringify(t.value)}`)).toEqual([
      '1:1 name "x"',
      '1:3 op "="',
      `1:5 string ${JSON.stringify("a\\'b")}`,
      '1:13 op "+"',
      `1:15 string ${JSON.stringify("c\n'd'")}`,
      '3:1 name "y"',
      '3:3 op "="',
      `3:5 string ${JSON.stringify('\\x')}`,
      `3:11 string ${JSON.stringify('\n')}`,
    ])
    const {calls} = callsOf(
      tokenize("helm_resource('a', chart=('b'), flags=[f(1, 2), 'x'])").tokens,
      new Set(['helm_resource']),
    )
    expect(calls.map((c) => c.args.map((a) => `${a.keyword ?? '-'}:${a.end - a.start}`))).toEqual([
      ['-:1', 'chart:3', 'flags:10'],
    ])
  })

  it('reads a megabyte of nested or unclosed calls at once (linear), its problems counted past twenty', () => {
    const nested = `k8s_yaml(${'helm('.repeat(170_000)}'./c'${')'.repeat(170_000)})`
    const out = discover(nested)
    // The innermost is literal; each of the others is given a call, which is computed.
    expect(rows(out)).toEqual(['1:850010 chart c - local file://./c dev -'])
    expect(skips(out).length).toBe(169_999)
    expect(out.errors).toEqual([])
    const open = discover(`${'helm_resource('.repeat(70_000)}`)
    expect(open.errors.length).toBe(21)
    expect(errors(open).at(-1)).toBe(
      '1:281 invalid-entry not Starlark: 69,980 more problems from here on, not listed one by one',
    )
    const quotes = discover(`helm('${"\\'".repeat(500_000)}`)
    expect(errors(quotes)).toEqual(['1:6 invalid-entry not Starlark: a string literal is not closed'])
  })

  it('takes a repo/chart-shaped path that holds a chart as local, as helm does, and says what it does not read', async () => {
    const tiltfile = [
      "helm_resource('web', 'deploy/web', flags=['--version=0.1.0', '--set-json=image={\"repository\":\"x\"}'])",
      "helm_resource('db', 'bitnami/postgresql', flags=flags)",
      "load('ext://helm_resource', hr='helm_resource', 'helm_repo')",
      "hr('cache', 'bitnami/redis')",
      '',
    ].join('\n')
    const inventory = await scanTree(
      {Tiltfile: tiltfile, 'deploy/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n'},
      {discoverers: discoverers.filter((d) => d.id === 'tiltfile')},
    )
    expect(inventory.errors).toEqual([])
    expect(
      inventory.components.map(
        (c) => `${c.locations[0].line} ${c.ref} ${c.local ? 'local' : '-'} ${c.repository ?? '-'}`,
      ),
    ).toEqual(['3 ext://helm_resource - -', '2 postgresql - -', '1 web@0.1.0 local file://deploy/web'])
    expect(inventory.skipped.map((k) => `${k.line} ${k.message}`)).toEqual([
      '1 helm_resource(…): --set-json values are not read: the images they set are not listed',
      '2 helm_resource(…): chart bitnami/postgresql: chart repository bitnami is not declared by a helm_repo() of this file (`helm repo add` may have declared it): listed without its repository',
      '2 helm_resource(…): the flags are computed (a variable, a concatenation or a call), which is not evaluated: the chart is listed without the version they may give, and the images their --set values may give are not listed',
      '3 load(…) binds helm_resource as hr: calls by that name are not read',
    ])
  })

  it('splits --set values at the commas no backslash escapes, and reads escaped keys and list indexes', () => {
    const out = discover(
      String.raw`helm('./chart', set=['nodeSelector.kubernetes\.io/os=linux,proxy.image=registry.example.com/envoy:v1.31.0', 'note=a\,b,sidecars[0].image=registry.example.com/agent:2.0'])`,
    )
    expect(errors(out)).toEqual([])
    expect(out.components.filter((c) => c.kind === 'image').map((c) => c.ref)).toEqual([
      'registry.example.com/envoy:v1.31.0',
      'registry.example.com/agent:2.0',
    ])
  })

  it('does not read a Tiltfile over 1 MiB (real ones are a few KB; the reader keeps a token per operator)', () => {
    const out = discover(`helm('./c')\n${'#'.repeat(MAX_TILTFILE)}`)
    expect(rows(out)).toEqual([])
    expect(errors(out)).toEqual([
      '-:- script-too-large a Tiltfile of 1,048,588 characters, over the 1,048,576 a Tiltfile is read up to: not read',
    ])
  })

  it('lists the images values set by helm(set=…), helm_resource --set flags and helm_remote(set=…), not those the file builds', () => {
    const out = discover(
      [
        "docker_build('ghcr.io/example-org/api', '.')",
        "custom_build('registry.example.com/worker', 'make image', deps=['.'])",
        "helm('./chart', set=['image.repository=ghcr.io/example-org/api', 'image.tag=dev', 'proxy.image=registry.example.com/envoy:v1.31.0'])",
        "helm_resource('db', 'oci://registry.example.com/charts/postgres', flags=['--version=1.4.2', '--set', 'image.repository=registry.example.com/postgres,image.tag=16.4', '--set-string=worker.image=registry.example.com/worker:abc'])",
        "helm_remote('cache', repo_url='https://charts.example.com', set='image.repository=registry.example.com/redis,image.tag=7.4')",
        "helm('./other', set=values)",
      ].join('\n'),
    )
    expect(errors(out)).toEqual([])
    expect(rows(out)).toEqual([
      '3:6 chart chart - local file://./chart dev -',
      '3:83 image registry.example.com/envoy:v1.31.0 v1.31.0 - dev pkg:docker/envoy@v1.31.0?repository_url=registry.example.com',
      '4:21 chart postgres@1.4.2 1.4.2 oci://registry.example.com/charts dev pkg:helm/postgres@1.4.2?repository_url=oci%3A%2F%2Fregistry.example.com%2Fcharts',
      '4:102 image registry.example.com/postgres:16.4 16.4 - dev pkg:docker/postgres@16.4?repository_url=registry.example.com',
      '5:13 chart cache - https://charts.example.com dev pkg:helm/cache?repository_url=https%3A%2F%2Fcharts.example.com',
      '5:65 image registry.example.com/redis:7.4 7.4 - dev pkg:docker/redis@7.4?repository_url=registry.example.com',
      '6:6 chart other - local file://./other dev -',
    ])
    expect(skips(out)).toEqual([
      '6 unsupported helm(…): the set argument is computed (a variable, a concatenation or a call), which is not evaluated: not listed',
    ])
  })

  it("layers helm(values=…), helm_resource's --values/-f flags and helm_remote(values=…) over a local chart's values.yaml, under --set", async () => {
    const tiltfile = [
      "k8s_yaml(helm('./charts/web', values=['env/prod.yaml'], set=['worker.image.tag=3.2.0']))",
      "helm_resource('api', 'deploy/api', flags=['--values=env/api.yaml,env/missing.yaml', '-f', 'https://config.example.com/api.yaml'])",
      "helm_remote('cache', repo_url='https://charts.example.com', version='1.0.0', values='env/cache.yaml')",
      "helm('./charts/web', values=vals)",
      '',
    ].join('\n')
    const chart = (name: string) => `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n`
    const inventory = await scanTree(
      {
        Tiltfile: tiltfile,
        'charts/web/Chart.yaml': chart('web'),
        'charts/web/values.yaml':
          'image:\n  repository: example/web\n  tag: 1.0.0\nworker:\n  image:\n    repository: example/worker\n    tag: 3.1.0\n',
        'env/prod.yaml': 'image:\n  tag: 2.0.0\n',
        'deploy/api/Chart.yaml': chart('api'),
        'deploy/api/values.yaml': 'image:\n  repository: example/api\n  tag: 1.0.0\n',
        'env/api.yaml': 'image:\n  digest: sha256:0000000000000000000000000000000000000000000000000000000000000001\n',
        'env/cache.yaml': 'image:\n  repository: example/cache\n  tag: 7.0.0\n',
      },
      {discoverers: [discoverer]},
    )
    expect(inventory.errors).toEqual([])
    expect(inventory.skipped.map((k) => `${k.line} ${k.reason} ${k.message}`)).toEqual([
      '2 missing-resource helm_resource(…): values file "env/missing.yaml" is not a readable file of the scanned tree: the images it sets are not read',
      '2 remote-resource helm_resource(…): values file "https://config.example.com/api.yaml" is fetched by the tool when it runs, not by this scan: the images it sets are not read',
      '4 unsupported helm(…): the values argument is computed (a variable, a concatenation or a call), which is not evaluated: not listed',
    ])
    // The charts' own images (web 1.0.0, worker 3.1.0, api 1.0.0) are helm-values' (not run here), as the chart's
    // defaults; the releases' are what the values files and --set values make of them, each where it is decided.
    expect(
      inventory.components
        .filter((c) => c.kind === 'image')
        .map((c) => `${c.ref} ${c.locations.map((l) => `${l.file}:${l.line}:${l.column}`).join(' ')}`),
    ).toEqual([
      'example/api:1.0.0@sha256:0000000000000000000000000000000000000000000000000000000000000001 env/api.yaml:2:11',
      'example/cache:7.0.0 env/cache.yaml:2:15',
      'example/web:2.0.0 env/prod.yaml:2:8',
      'example/worker:3.2.0 Tiltfile:1:62',
    ])
  })
})
