import {mkdir, mkdtemp, readFile, writeFile} from 'node:fs/promises'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {runCli} from '../support/cli.js'
import {inventoryJson} from '../support/inventory.js'

interface Row {
  ref: string
  scope: string
  local?: boolean
  locations: Array<{file: string; line: number}>
}

/** Each component as `file:line ref scope[ local]`, its file relative to `at`. */
function refRows(json: {components: Row[]}, at: string): string[] {
  return json.components.map(
    (c) =>
      `${c.locations[0].file.slice(at.length + 1)}:${c.locations[0].line} ${c.ref} ${c.scope}${c.local ? ' local' : ''}`,
  )
}

describe('stewards inventory', () => {
  it('prints a table of the fixture tree and a summary on stderr, exit 0', async () => {
    const r = await runCli(['inventory', 'fixtures/discover'])
    expect(r.code).toBe(0)
    const lines = r.stdout.trimEnd().split('\n')
    expect(lines[0].split(/\s{2,}/)).toEqual(['REF', 'KIND', 'ECOSYSTEM', 'VERSION', 'LOCATION'])
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^registry\.example\.com\/shop\/web:2\.4\.1\s+image\s+docker\s+2\.4\.1\s+fixtures\/discover\/json\/pods\.json:17 \(\+2\)$/,
      ),
    )
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^queue@1\.10\.0\s+chart\s+helm\s+1\.10\.0\s+fixtures\/discover\/chart\/Chart\.lock:2 \(\+1\)$/,
      ),
    )
    expect(r.stderr).toContain('components in 9 files; 2 skipped; 0 errors')
    expect(r.stderr).toContain('skipped: fixtures/discover/chart/templates/deployment.yaml: a Helm chart template')
  })

  it('--json lists every component with locations relative to the given path, sorted', async () => {
    const r = await runCli(['inventory', 'fixtures/discover/', '--json', '--exclude', 'chart'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    // workloads.yaml, json/pods.json and the three kustomize files (json/settings.json is not Kubernetes: passed over)
    expect(json.files).toBe(5)
    expect(json.errors).toEqual([])
    const refs = json.components.map((c: {ref: string; origin: string}) => `${c.origin} ${c.ref}`)
    expect(refs).toEqual([
      'kustomize cache@0.9.0',
      // sorted by normalised name: docker.io/envoyproxy, docker.io/library. kustomize/base/deployment.yaml's
      // example/catalog:1.0.0 is not listed as written: its kustomization renames it (listed as the override's image).
      'manifest envoyproxy/envoy:v1.30.1',
      'manifest busybox:1.36',
      'manifest localhost:5000/shop/agent:dev',
      'operator-field quay.io/prometheus/prometheus:v2.53.0',
      'manifest registry.example.com/shop/api:3.0.0',
      `manifest registry.example.com/shop/assets@sha256:${'0123456789abcdef'.repeat(4)}`,
      'kustomize registry.example.com/shop/catalog:1.0.0',
      'kustomize registry.example.com/shop/catalog:1.2.0',
      'manifest registry.example.com/shop/migrate:1.10',
      'manifest registry.example.com/shop/report:0.3.0',
      'manifest registry.example.com/shop/report:0.4.0',
      'manifest registry.example.com/shop/web:2.4.1',
      'manifest registry.example.com/shop/web:2.5.0-rc.1',
    ])
    const web = json.components.find((c: {ref: string}) => c.ref === 'registry.example.com/shop/web:2.4.1')
    expect(web.locations).toEqual([
      {file: 'fixtures/discover/json/pods.json', line: 17, column: 34},
      {file: 'fixtures/discover/k8s/workloads.yaml', line: 15, column: 18},
      {file: 'fixtures/discover/k8s/workloads.yaml', line: 48, column: 14},
    ])
  })

  it('takes several paths and include globs; a missing path is a usage error (exit 3) before anything is read', async () => {
    const json = JSON.parse(
      (
        await runCli([
          'inventory',
          'fixtures/discover/chart',
          'fixtures/discover/k8s',
          '--include',
          'Chart.*',
          '--json',
        ])
      ).stdout,
    )
    expect(json.errors).toEqual([])
    expect(json.files).toBe(2)
    expect(json.components.every((c: {kind: string}) => c.kind === 'chart')).toBe(true)
    const missing = await runCli(['inventory', 'fixtures/discover/chart', 'no/such/dir', '--json'])
    expect(missing.code).toBe(3)
    expect(missing.stdout).toBe('')
    expect(missing.stderr).toBe('Error: no/such/dir: no such file or directory\nHint: check the PATH arguments\n')
  })

  it('reads a Kubernetes JSON file named as PATH; a named file no format reads is a usage error', async () => {
    const json = await inventoryJson('fixtures/discover/json/pods.json')
    expect(json.files).toBe(1)
    const refs = json.components.map(
      (c: {ref: string; locations: Array<{line: number; column: number}>}) =>
        `${c.ref} ${c.locations[0].line}:${c.locations[0].column}`,
    )
    expect(refs).toEqual([
      'busybox:1.36 30:34',
      'registry.example.com/shop/report:0.4.0 59:42',
      'registry.example.com/shop/web:2.4.1 17:34',
    ])
    const unclaimed = await runCli(['inventory', 'fixtures/discover/json/settings.json'])
    expect(unclaimed.code).toBe(3)
    expect(unclaimed.stderr).toMatch(
      /^Error: no format reads fixtures\/discover\/json\/settings\.json \(its content is not what k8s-json, cyclonedx-json, spdx-json, spdx3-jsonld reads\); known formats: helm-chart, /,
    )
    expect(unclaimed.stderr).toContain(
      'Hint: name a directory to walk it, or pipe the file to `-` with --stdin-format ID',
    )
  })

  it('matches --exclude against the path relative to PATH and as printed; warns once per glob that matched nothing', async () => {
    for (const glob of ['fixtures/discover/k8s/**', 'k8s/**']) {
      const r = await runCli([
        'inventory',
        'fixtures/discover',
        '--exclude',
        glob,
        '--exclude',
        'fixtures/other/**',
        '--include',
        '*.yaml',
        '--include',
        '*.toml',
        '--json',
      ])
      expect(r.code, glob).toBe(0)
      const files = new Set(
        JSON.parse(r.stdout).components.flatMap((c: {locations: Array<{file: string}>}) =>
          c.locations.map((l) => l.file),
        ),
      )
      expect([...files].sort(), glob).toEqual([
        'fixtures/discover/chart/Chart.yaml',
        'fixtures/discover/chart/values.yaml',
        'fixtures/discover/kustomize/base/deployment.yaml',
        'fixtures/discover/kustomize/base/kustomization.yaml',
        'fixtures/discover/kustomize/overlays/prod/kustomization.yaml',
      ])
      expect(r.stderr.split('\n').filter((line) => line.startsWith('warning:'))).toEqual([
        "warning: --exclude 'fixtures/other/**' matched nothing under fixtures/discover (globs match paths relative to each PATH or to the working directory)",
        "warning: --include '*.toml' matched nothing under fixtures/discover (globs match paths relative to each PATH or to the working directory)",
      ])
    }
  })

  it('rejects an invalid glob as a usage error (3) naming it', async () => {
    const r = await runCli(['inventory', 'fixtures/discover', '--exclude', '['])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('--exclude "[" is not a valid glob: Missing closing: "]"')
    expect(r.stdout).toBe('')
  })

  it('rejects a bad --max-file-size as a usage error (3)', async () => {
    const r = await runCli(['inventory', '--max-file-size', 'lots'])
    expect(r.code).toBe(3)
    expect(r.stderr).toContain('--max-file-size: "lots" is not a size')
  })

  it("--json lists a real POM's build plugins as dev components, and says which versions Maven picks itself", async () => {
    // apache/commons-text's pom.xml (an extract: src/discover/formats/maven-pom/__fixtures__/SOURCES.md).
    const r = await runCli(['inventory', 'src/discover/formats/maven-pom/__fixtures__/commons-text', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(
      json.components.map(
        (c: {ref: string; scope: string; version?: string; locations: Array<{line: number}>}) =>
          `${c.locations[0].line} ${c.ref} ${c.scope} ${c.version ?? '-'}`,
      ),
    ).toEqual([
      '6 org.apache.commons:commons-parent:42 prod 42',
      '39 org.apache.maven.plugins:maven-assembly-plugin dev -',
      '29 org.apache.maven.plugins:maven-checkstyle-plugin:2.13 dev 2.13',
      '42 org.apache.maven.plugins:maven-jar-plugin dev -',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the POM's own text
      '33 org.codehaus.mojo:findbugs-maven-plugin:${commons.findbugs.version} dev -',
      // The `travis` profile's plugin: code the build runs when that profile is active.
      '64 org.eluder.coveralls:coveralls-maven-plugin:3.1.0 dev 3.1.0',
    ])
    const maven = 'Maven picks its own default for the release that builds'
    const parent = '(it may come from parent org.apache.commons:commons-parent:42, not in the tree)'
    expect(json.skipped.map((s: {line: number; message: string}) => `${s.line} ${s.message}`)).toEqual([
      '6 parent org.apache.commons:commons-parent:42 is not in the tree (relativePath ../pom.xml): the properties and versions it defines are unknown',
      `33 org.codehaus.mojo:findbugs-maven-plugin: version \${commons.findbugs.version} names a property that is not defined here ${parent}`,
      `39 org.apache.maven.plugins:maven-assembly-plugin: build plugin without a version here or in an in-tree parent's pluginManagement ${parent}: ${maven}`,
      `42 org.apache.maven.plugins:maven-jar-plugin: build plugin without a version here or in an in-tree parent's pluginManagement ${parent}: ${maven}`,
    ])
  })

  it('--json lists a real Gradle version catalog: libraries, plugins as dev, entries a BOM manages noted', async () => {
    // android/nowinandroid's gradle/libs.versions.toml (an extract: src/discover/formats/gradle-version-catalog/__fixtures__).
    const dir = 'src/discover/formats/gradle-version-catalog/__fixtures__/nowinandroid'
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.files).toBe(1)
    expect(json.components).toHaveLength(15)
    expect(
      json.components.filter((c: {scope?: string}) => c.scope === 'dev').map((c: {name: string}) => c.name),
    ).toEqual([
      'com.android.application:com.android.application.gradle.plugin',
      'com.google.android.libraries.mapsplatform.secrets-gradle-plugin:com.google.android.libraries.mapsplatform.secrets-gradle-plugin.gradle.plugin',
      'com.google.dagger.hilt.android:com.google.dagger.hilt.android.gradle.plugin',
      'com.google.devtools.ksp:com.google.devtools.ksp.gradle.plugin',
      'org.jetbrains.kotlin.jvm:org.jetbrains.kotlin.jvm.gradle.plugin',
    ])
    expect(json.components[0].name).toBe('androidx.compose.foundation:foundation')
    expect(json.components[0].locations[0]).toEqual({file: `${dir}/gradle/libs.versions.toml`, line: 15, column: 1})
    expect(json.skipped.map((s: {line: number}) => s.line)).toEqual([15, 20])
  })

  it("--json lists a real .NET project's package references, its analyzers and Source Link as dev", async () => {
    // microsoft/kiota's kiota.csproj (an extract: src/discover/formats/dotnet-project/__fixtures__).
    const r = await runCli(['inventory', 'src/discover/formats/dotnet-project/__fixtures__/kiota', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(
      json.components.map((c: {name: string; version: string; scope: string}) => `${c.name} ${c.version} ${c.scope}`),
    ).toEqual([
      'Azure.Monitor.OpenTelemetry.Exporter 1.8.1 prod',
      'Microsoft.Extensions.Configuration.Abstractions 10.0.8 prod',
      'Microsoft.Extensions.Hosting 10.0.8 prod',
      'Microsoft.SourceLink.GitHub 10.0.300 dev',
      'Microsoft.VisualStudio.Threading.Analyzers 17.14.15 dev',
      'OpenTelemetry 1.15.3 prod',
      'Spectre.Console 0.56.0 prod',
      'System.CommandLine 2.0.9 prod',
    ])
    expect(json.skipped).toEqual([])
  })

  it("--json lists a real pyproject.toml's requirements with their scopes, and notes a git requirement", async () => {
    // pydantic's pyproject.toml (an extract: src/discover/formats/pyproject/__fixtures__).
    const r = await runCli(['inventory', 'src/discover/formats/pyproject/__fixtures__/pydantic', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    const scopes = new Map<string, number>()
    for (const c of json.components as Array<{scope: string}>) scopes.set(c.scope, (scopes.get(c.scope) ?? 0) + 1)
    expect(Object.fromEntries(scopes)).toEqual({dev: 13, prod: 4, optional: 1})
    expect(json.components.filter((c: {version?: string}) => c.version).map((c: {purl: string}) => c.purl)).toEqual([
      'pkg:pypi/pydantic-core@2.20.1',
      'pkg:pypi/ruff@0.5.0',
    ])
    expect(json.skipped.map((s: {line: number; reason: string}) => `${s.line} ${s.reason}`)).toEqual([
      '28 unresolved-version',
    ])
  })

  it("--json lists a real Cargo.toml's dependencies, per target, dev ones as dev", async () => {
    // ripgrep's Cargo.toml (an extract: src/discover/formats/cargo-toml/__fixtures__).
    const r = await runCli(['inventory', 'src/discover/formats/cargo-toml/__fixtures__/ripgrep', '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.components.map((c: {name: string; scope: string}) => `${c.name} ${c.scope}`)).toEqual([
      'anyhow prod',
      'bstr prod',
      'grep prod',
      'ignore prod',
      'jemallocator prod',
      'lexopt prod',
      'libc prod',
      'serde dev',
      'serde_derive dev',
      'textwrap prod',
      'walkdir dev',
      'windows-sys prod',
    ])
    expect(json.errors).toEqual([])
  })

  it("--json names the registry the project's own .npmrc and .yarnrc.yml give, never their tokens", async () => {
    const token = `ghp_${'0'.repeat(36)}`
    const dir = await mkdtemp(join(tmpdir(), 'inventory-registries-'))
    await mkdir(join(dir, 'web'))
    await mkdir(join(dir, 'tools'))
    await writeFile(
      join(dir, 'web', 'pnpm-lock.yaml'),
      [
        "lockfileVersion: '9.0'",
        '',
        'importers:',
        '  .:',
        '    dependencies:',
        '      left-pad:',
        '        specifier: 1.3.0',
        '        version: 1.3.0',
        "      '@acme/ui':",
        '        specifier: 2.0.0',
        '        version: 2.0.0',
        '',
        'packages:',
        '  left-pad@1.3.0:',
        '    resolution: {integrity: sha512-a}',
        "  '@acme/ui@2.0.0':",
        '    resolution: {integrity: sha512-b}',
        '',
        'snapshots:',
        '  left-pad@1.3.0: {}',
        "  '@acme/ui@2.0.0': {}",
        '',
      ].join('\n'),
    )
    await writeFile(
      join(dir, 'web', '.npmrc'),
      `@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=${token}\n`,
    )
    await writeFile(
      join(dir, 'tools', 'yarn.lock'),
      [
        '__metadata:',
        '  version: 8',
        '  cacheKey: 10c0',
        '',
        '"left-pad@npm:^1.3.0":',
        '  version: 1.3.0',
        '  resolution: "left-pad@npm:1.3.0"',
        '  checksum: 10c0/0',
        '  languageName: node',
        '  linkType: hard',
        '',
      ].join('\n'),
    )
    await writeFile(
      join(dir, 'tools', '.yarnrc.yml'),
      `npmRegistryServer: "https://nexus.example.com/repository/npm-group"\nnpmAuthToken: ${token}\n`,
    )
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.errors).toEqual([])
    expect(
      json.components.map((c: {purl: string; locations: Array<{file: string}>}) => [
        c.purl,
        c.locations[0].file.slice(dir.length + 1),
      ]),
    ).toEqual([
      ['pkg:npm/%40acme/ui@2.0.0?repository_url=https%3A%2F%2Fnpm.pkg.github.com', 'web/pnpm-lock.yaml'],
      ['pkg:npm/left-pad@1.3.0', 'web/pnpm-lock.yaml'],
      [
        'pkg:npm/left-pad@1.3.0?repository_url=https%3A%2F%2Fnexus.example.com%2Frepository%2Fnpm-group',
        'tools/yarn.lock',
      ],
    ])
    expect(`${r.stdout}${r.stderr}`).not.toContain(token)
  })

  it("--json names the private NuGet feed the repository's nuget.config maps a package to, never its credentials", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'inventory-nuget-'))
    await mkdir(join(dir, 'src', 'App'), {recursive: true})
    await writeFile(
      join(dir, 'nuget.config'),
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<configuration>',
        '  <packageSources>',
        '    <clear />',
        '    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />',
        '    <add key="contoso" value="https://pkgs.contoso.example/nuget/v3/index.json" />',
        '  </packageSources>',
        '  <packageSourceCredentials>',
        '    <contoso><add key="ClearTextPassword" value="hunter2-secret" /></contoso>',
        '  </packageSourceCredentials>',
        '  <packageSourceMapping>',
        '    <packageSource key="nuget.org"><package pattern="*" /></packageSource>',
        '    <packageSource key="contoso"><package pattern="Contoso.*" /></packageSource>',
        '  </packageSourceMapping>',
        '</configuration>',
        '',
      ].join('\n'),
    )
    await writeFile(
      join(dir, 'src', 'App', 'App.csproj'),
      [
        '<Project Sdk="Microsoft.NET.Sdk">',
        '  <ItemGroup>',
        '    <PackageReference Include="Contoso.Data" Version="2.1.0" />',
        '    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />',
        '  </ItemGroup>',
        '</Project>',
        '',
      ].join('\n'),
    )
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(json.errors).toEqual([])
    expect(json.components.map((c: {purl: string}) => c.purl)).toEqual([
      'pkg:nuget/Contoso.Data@2.1.0?repository_url=https%3A%2F%2Fpkgs.contoso.example%2Fnuget%2Fv3%2Findex.json',
      'pkg:nuget/Newtonsoft.Json@13.0.3',
    ])
    expect(`${r.stdout}${r.stderr}`).not.toContain('hunter2')
  })

  it("--json lists a real tool manifest's .NET tools and global.json's MSBuild SDKs as dev", async () => {
    // AArnott/Library.Template's .config/dotnet-tools.json and global.json (src/discover/formats/dotnet-tools/__fixtures__).
    const dir = 'src/discover/formats/dotnet-tools/__fixtures__/library-template'
    const json = await inventoryJson(dir)
    expect(
      json.components.map(
        (c: {purl: string; scope: string; locations: Array<{file: string; line: number}>}) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line} ${c.purl} ${c.scope}`,
      ),
    ).toEqual([
      'global.json:11 pkg:nuget/Microsoft.Build.Traversal@4.1.82 dev',
      '.config/dotnet-tools.json:11 pkg:nuget/dotnet-coverage@17.12.2 dev',
      '.config/dotnet-tools.json:17 pkg:nuget/nbgv@3.6.141 dev',
      '.config/dotnet-tools.json:5 pkg:nuget/powershell@7.4.5 dev',
    ])
  })

  it("--json lists a real setup.py's and setup.cfg's requirements, those setup.py binds to a name too", async () => {
    // fabric/fabric's setup.py, ipywidgets' setup.cfg and boto3's (src/discover/formats/python-setup/__fixtures__).
    const at = 'src/discover/formats/python-setup/__fixtures__'
    const json = await inventoryJson(`${at}/fabric`, `${at}/ipywidgets`, `${at}/boto3`)
    const where = (file: string) => file.slice(at.length + 1)
    expect(refRows(json, at)).toEqual([
      'boto3/setup.py:17 botocore>=1.43.78,<1.44.0 prod',
      'boto3/setup.cfg:11 botocore[crt]>=1.21.0,<2.0a0 optional',
      'fabric/setup.py:33 decorator>=5 prod',
      'fabric/setup.py:34 deprecated>=1.2 prod',
      'fabric/setup.py:31 invoke>=2.0 prod',
      'ipywidgets/setup.cfg:15 ipykernel>=4.5.1 prod',
      'ipywidgets/setup.cfg:16 ipython>=6.1.0 prod',
      'boto3/setup.py:18 jmespath>=0.7.1,<2.0.0 prod',
      'ipywidgets/setup.cfg:20 jupyterlab_widgets~=2.0a0 prod',
      'ipywidgets/setup.cfg:18 nbformat>=4.2.0 prod',
      'fabric/setup.py:32 paramiko>=2.4 prod',
      'ipywidgets/setup.cfg:24 pytest>=3.6.0 optional',
      'fabric/setup.py:41 pytest>=7 optional',
      'ipywidgets/setup.cfg:25 pytest-cov optional',
      'ipywidgets/setup.cfg:26 pytz optional',
      'boto3/setup.py:19 s3transfer>=0.19.0,<0.20.0 prod',
      'ipywidgets/setup.cfg:17 traitlets>=4.3.1 prod',
      'ipywidgets/setup.cfg:19 widgetsnbextension~=4.0a0 prod',
    ])
    expect(
      json.skipped.map((s: {file: string; line: number; reason: string}) => `${where(s.file)}:${s.line} ${s.reason}`),
    ).toEqual([])
  })

  it("--json lists a real npm workspace's package.json dependencies, its own packages as local whatever their range", async () => {
    // npm/cli's root package.json and four of its workspaces (src/discover/formats/npm-package-json/__fixtures__).
    const at = 'src/discover/formats/npm-package-json/__fixtures__'
    const json = await inventoryJson(`${at}/npm-cli`)
    expect(json.skipped).toEqual([])
    expect(refRows(json, at)).toEqual([
      'npm-cli/package.json:13 @isaacs/string-locale-compare ^1.1.0 prod',
      'npm-cli/package.json:14 @npmcli/arborist ^8.0.0 prod local',
      'npm-cli/package.json:15 @npmcli/config ^9.0.0 prod local',
      'npm-cli/package.json:35 @npmcli/docs ^1.0.0 dev local',
      'npm-cli/package.json:36 @npmcli/eslint-config ^5.0.1 dev',
      'npm-cli/package.json:16 @npmcli/fs ^4.0.0 prod',
      'npm-cli/workspaces/libnpmdiff/package.json:13 @npmcli/installed-package-contents ^3.0.0 prod',
      'npm-cli/package.json:37 @npmcli/mock-globals ^1.0.0 dev local',
      'npm-cli/package.json:38 @npmcli/mock-registry ^1.0.0 dev local',
      'npm-cli/package.json:39 @npmcli/template-oss 4.23.3 dev',
      'npm-cli/package.json:17 abbrev ^3.0.0 prod',
      'npm-cli/package.json:18 archy ~1.0.0 prod',
      'npm-cli/workspaces/libnpmdiff/package.json:14 binary-extensions ^2.3.0 prod',
      'npm-cli/workspaces/libnpmdiff/package.json:15 diff ^5.1.0 prod',
      'npm-cli/package.json:19 libnpmaccess ^9.0.0 prod local',
      'npm-cli/package.json:20 libnpmdiff ^7.0.0 prod local',
      'npm-cli/workspaces/libnpmdiff/package.json:16 minimatch ^9.0.4 prod',
      'npm-cli/workspaces/libnpmdiff/package.json:17 npm-package-arg ^12.0.0 prod',
      'npm-cli/workspaces/libnpmdiff/package.json:18 pacote ^19.0.0 prod',
      'npm-cli/package.json:21 semver ^7.6.3 prod',
      'npm-cli/workspaces/libnpmdiff/package.json:9 tap ^16.3.8 dev',
      'npm-cli/package.json:40 tap ^16.3.9 dev',
      'npm-cli/workspaces/libnpmdiff/package.json:19 tar ^6.2.1 prod',
    ])
  })

  it("--json lists a real Gemfile's and gemspecs' gems, development ones as dev, and says what a gemspec computes", async () => {
    // rack/rack's Gemfile and rack.gemspec, sinatra/sinatra's sinatra.gemspec (src/discover/formats/gemfile/__fixtures__).
    const at = 'src/discover/formats/gemfile/__fixtures__'
    const json = await inventoryJson(`${at}/rack`, `${at}/sinatra`)
    expect(refRows(json, at)).toEqual([
      'rack/Gemfile:25 bake-test-external dev',
      'rack/rack.gemspec:39 bundler dev',
      'rack/Gemfile:21 logger dev',
      'sinatra/sinatra.gemspec:47 logger >= 1.6.0 prod',
      'rack/rack.gemspec:36 minitest > 5 dev',
      'rack/rack.gemspec:37 minitest-global_expectations dev',
      'sinatra/sinatra.gemspec:48 mustermann ~> 3.0 prod',
      'sinatra/sinatra.gemspec:49 rack >= 3.0.0, < 4 prod',
      'sinatra/sinatra.gemspec:50 rack-protection prod',
      'sinatra/sinatra.gemspec:51 rack-session >= 2.0.0, < 3 prod',
      'rack/rack.gemspec:40 rake dev',
      'rack/Gemfile:16 rdoc dev',
      'rack/Gemfile:14 rdoc < 8 dev',
      'rack/Gemfile:8 rubocop dev',
      'rack/Gemfile:9 rubocop-packaging dev',
      'sinatra/sinatra.gemspec:52 tilt ~> 2.0 prod',
      'rack/Gemfile:22 webrick dev',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; message: string}) => `${s.file.slice(at.length + 1)}:${s.line} ${s.message}`,
      ),
    ).toEqual([
      "sinatra/sinatra.gemspec:50 add_dependency 'rack-protection': a requirement is computed (version), and the file is never run: listed without it",
    ])
  })

  it("--json lists real composer.json requirements, a path repository's packages as the tree's own", async () => {
    // laravel/laravel's and drupal/drupal's composer.json (src/discover/formats/composer-json/__fixtures__).
    const at = 'src/discover/formats/composer-json/__fixtures__'
    const json = await inventoryJson(`${at}/laravel`, `${at}/drupal`)
    const where = (file: string) => file.slice(at.length + 1)
    expect(refRows(json, at)).toEqual([
      'drupal/composer.json:13 behat/mink ^1.11 dev',
      'drupal/composer.json:14 behat/mink-browserkit-driver ^2.2 dev',
      'drupal/composer.json:15 colinodell/psr-testlogger ^1.2 dev',
      'drupal/composer.json:16 composer/composer ^2.8.1 dev',
      'drupal/composer.json:7 composer/installers ^2.0 prod',
      'drupal/composer.json:17 drupal/coder ^8.3.10 dev',
      // Packages of the tree's own path repositories (core, composer/Plugin/*): never looked up on Packagist.
      'drupal/composer.json:8 drupal/core self.version prod local',
      'drupal/composer.json:9 drupal/core-project-message self.version prod local',
      'drupal/composer.json:10 drupal/core-vendor-hardening self.version prod local',
      'laravel/composer.json:14 fakerphp/faker ^1.23 dev',
      'drupal/core/composer.json:13 guzzlehttp/guzzle ^6.2.1 prod',
      'laravel/composer.json:10 laravel/framework ^12.0 prod',
      'laravel/composer.json:15 laravel/pail ^1.2.2 dev',
      'laravel/composer.json:16 laravel/pint ^1.24 dev',
      'laravel/composer.json:17 laravel/sail ^1.41 dev',
      'laravel/composer.json:11 laravel/tinker ^2.10.1 prod',
      'laravel/composer.json:18 mockery/mockery ^1.6 dev',
      'laravel/composer.json:19 nunomaduro/collision ^8.6 dev',
      'drupal/core/composer.json:14 pear/archive_tar ^1.4 prod',
      'laravel/composer.json:20 phpunit/phpunit ^11.5.50 dev',
      'drupal/core/composer.json:11 symfony/class-loader ~3.4.0 prod',
      'drupal/core/composer.json:12 symfony/console ~3.4.0 prod',
    ])
    // packages.drupal.org sits beside Packagist: which packages it serves is not told, and the run says so.
    expect(
      json.skipped.map((s: {file: string; line: number; reason: string}) => `${where(s.file)}:${s.line} ${s.reason}`),
    ).toEqual(['drupal/composer.json:38 unsupported'])
  })

  it('--json lists the images real Jenkinsfiles run in: docker agents, Kubernetes pods inline and from their file', async () => {
    // jenkinsci/kubernetes-plugin's examples, jenkinsci/pipeline-examples, apache/couchdb (jenkinsfile/__fixtures__).
    const at = 'src/discover/formats/jenkinsfile/__fixtures__'
    const json = await inventoryJson(at)
    const rows = json.components.flatMap((c: Row) =>
      c.locations.map((l) => `${l.file.slice(at.length + 1)}:${l.line} ${c.ref}`),
    )
    expect(rows).toEqual([
      // `${…}` filled from the Jenkinsfile's top-level assignments.
      'couchdb/Jenkinsfile:63 apache/couchdbci-debian:bookworm-erlang-27.3.4.13',
      // yamlFile: the pod file, found from the repository's root as Jenkins reads it, located in that file.
      'kubernetes-plugin/examples/declarative_from_yaml_file/KubernetesPod.yaml:20 busybox',
      'kubernetes-plugin/multi-container.Jenkinsfile:15 golang:1.23.1-bookworm',
      'pipeline-examples/mavenDocker.Jenkinsfile:34 maven:3.5.0-jdk-8',
      'pipeline-examples/mavenDocker.Jenkinsfile:65 maven:3.5.0-jdk-8',
      'kubernetes-plugin/examples/declarative_from_yaml_file/KubernetesPod.yaml:11 maven:3.8.1-jdk-8',
      'kubernetes-plugin/maven-with-cache.Jenkinsfile:11 maven:3.9.9-eclipse-temurin-17',
      'kubernetes-plugin/multi-container.Jenkinsfile:13 maven:3.9.9-eclipse-temurin-17',
      'kubernetes-plugin/declarative.Jenkinsfile:19 ubuntu',
    ])
  })

  it("--json lists a real Go workspace: the modules its go.work uses are the tree's own in every go.mod", async () => {
    // grafana's go.work and go.mod (src/discover/formats/go-work/__fixtures__), cut down.
    const at = 'src/discover/formats/go-work/__fixtures__'
    const json = await inventoryJson(`${at}/grafana`)
    // Go requirements have no scope: each as `file:line ref[ local]`, at every place it is required.
    const rows = json.components
      .filter((c: Row) => c.ref.startsWith('github.com/grafana/grafana/'))
      .flatMap((c: Row) =>
        c.locations.map((l) => `${l.file.slice(at.length + 1)}:${l.line} ${c.ref}${c.local ? ' local' : ''}`),
      )
    expect(rows).toEqual([
      'grafana/go.mod:11 github.com/grafana/grafana/apps/playlist v0.0.0-20250220164708-c8d4ff28a450 local',
      'grafana/apps/playlist/go.mod:6 github.com/grafana/grafana/pkg/apimachinery v0.0.0-20250220154326-6e5de80ef295 local',
      'grafana/go.mod:12 github.com/grafana/grafana/pkg/apimachinery v0.0.0-20250220154326-6e5de80ef295 local',
      // Used by the go.work, but its folder has no go.mod in this extract: reported, and left as a package.
      'grafana/go.mod:17 github.com/grafana/grafana/pkg/promlib v0.0.8',
    ])
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string}) => `${s.file.slice(at.length + 1)}:${s.line} ${s.reason}`,
      ),
    ).toEqual(['grafana/go.work:10 missing-resource'])
  })

  it('reads a devcontainer.json named as PATH by its own format only: JSON with comments is no Kubernetes JSON', async () => {
    // devcontainers/cli's .devcontainer/devcontainer.json (src/discover/formats/devcontainer/__fixtures__), which has
    // comments; named as PATH it was also read as Kubernetes JSON and as a JSON SBOM (exit 2).
    const dir = await mkdtemp(join(tmpdir(), 'stewards-devcontainer-'))
    await mkdir(join(dir, '.devcontainer'))
    const file = join(dir, '.devcontainer', 'devcontainer.json')
    await writeFile(
      file,
      await readFile('src/discover/formats/devcontainer/__fixtures__/cli.devcontainer.json', 'utf8'),
    )
    const json = await inventoryJson(file)
    expect(json.files).toBe(1)
    expect(
      json.components.map(
        (c: {ref: string; scope: string; locations: Array<{line: number}>}) =>
          `${c.locations[0].line} ${c.ref} ${c.scope}`,
      ),
    ).toEqual(['23 ghcr.io/devcontainers/features/docker-in-docker:2 dev'])
  })

  it("--json lists kube-prometheus's vendored Jsonnet libraries once, by its lock, none of its jsonnetfiles as manifests", async () => {
    // prometheus-operator/kube-prometheus's jsonnetfile.json, jsonnetfile.lock.json and jsonnet/kube-prometheus/jsonnetfile.json
    // (src/discover/formats/jsonnet-bundler/__fixtures__), under their real names.
    const fixtures = 'src/discover/formats/jsonnet-bundler/__fixtures__/kube-prometheus'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-jsonnet-'))
    await mkdir(join(dir, 'jsonnet', 'kube-prometheus'), {recursive: true})
    for (const [from, to] of [
      ['jsonnetfile.json', 'jsonnetfile.json'],
      ['jsonnetfile.lock.json', 'jsonnetfile.lock.json'],
      ['kube-prometheus.jsonnetfile.json', 'jsonnet/kube-prometheus/jsonnetfile.json'],
    ])
      await writeFile(join(dir, to), await readFile(join(fixtures, from), 'utf8'))
    const json = await inventoryJson(dir)
    expect(json.files).toBe(3)
    expect(json.skipped).toEqual([])
    const rows = json.components.map(
      (c: {name: string; version: string; direct: boolean; locations: Array<{file: string; line: number}>}) =>
        `${c.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}`).join(',')} ${c.name}@${c.version.slice(0, 7)} ${c.direct}`,
    )
    // 21 locked libraries of 17 repositories, each library its own component (its ref names its subdir).
    expect(rows).toHaveLength(21)
    expect(rows).toContain('jsonnetfile.lock.json:76 github.com/grafana/jsonnet-libs@414774b false')
    expect(rows).toContain('jsonnetfile.lock.json:86 github.com/grafana/jsonnet-libs@414774b true')
    expect(rows).toContain('jsonnetfile.lock.json:36 github.com/grafana/grafonnet-lib@a1d61cc false')
  })

  it('--json lists the images of real CircleCI, Bitbucket and Azure pipelines and the pip list of a conda environment', async () => {
    // pallets/click's CircleCI config, 4Science/DSpace's bitbucket-pipelines.yml, engswee/flashpipe-demo's
    // azure-pipelines.yml and matplotlib's environment.yml (each format's __fixtures__), under the names their tools read.
    const formats = 'src/discover/formats'
    const dir = await mkdtemp(join(tmpdir(), 'stewards-ci-files-'))
    await mkdir(join(dir, '.circleci'))
    for (const [from, to] of [
      ['circleci/__fixtures__/click/config.yml', '.circleci/config.yml'],
      ['bitbucket-pipelines/__fixtures__/dspace/bitbucket-pipelines.yml', 'bitbucket-pipelines.yml'],
      ['azure-pipelines/__fixtures__/flashpipe-demo/azure-pipelines.yml', 'azure-pipelines.yml'],
      ['conda-environment/__fixtures__/matplotlib/environment.yml', 'environment.yml'],
    ])
      await writeFile(join(dir, to), await readFile(join(formats, from), 'utf8'))
    const json = await inventoryJson(dir)
    // Each file read once, by its own format (none as a Kubernetes manifest).
    expect(json.files).toBe(4)
    expect(
      json.components.map(
        (c: {kind: string; ref: string; locations: Array<{file: string; line: number}>}) =>
          `${c.locations[0].file.slice(dir.length + 1)}:${c.locations[0].line} ${c.kind} ${c.ref}`,
      ),
    ).toEqual([
      // The pipe its steps run (lines 147 and 193: one component).
      'bitbucket-pipelines.yml:147 package atlassian/aws-ecr-push-image:2.5.0',
      'bitbucket-pipelines.yml:203 image alpine/git:latest',
      'bitbucket-pipelines.yml:138 image atlassian/default-image:4',
      '.circleci/config.yml:12 image cimg/base:stable',
      'azure-pipelines.yml:15 image engswee/flashpipe:latest',
      'bitbucket-pipelines.yml:293 image alpine:latest',
      'bitbucket-pipelines.yml:1 image maven:3.9.11-eclipse-temurin-21',
      'environment.yml:40 package mpl-sphinx-theme~=3.11.0',
      'environment.yml:41 package sphinxcontrib-svg2pdfconverter>=1.1.0',
      'environment.yml:42 package sphinxcontrib-video>=0.2.1',
    ])
    // The conda packages are counted in one line: stewards has no conda ecosystem.
    expect(
      json.skipped.map(
        (s: {file: string; line: number; reason: string}) => `${s.file.slice(dir.length + 1)}:${s.line} ${s.reason}`,
      ),
    ).toEqual(['environment.yml:11 unsupported'])
  })

  it("--json lists the charts of a real helmfile's releases with their repositories", async () => {
    // jenkins-infra/kubernetes-management's clusters/publick8s.yaml (src/discover/formats/helmfile/__fixtures__), under
    // the name helmfile gives its default file.
    const dir = await mkdtemp(join(tmpdir(), 'stewards-helmfile-'))
    await writeFile(
      join(dir, 'helmfile.yaml'),
      await readFile('src/discover/formats/helmfile/__fixtures__/jenkins-infra/publick8s.yaml', 'utf8'),
    )
    const json = await inventoryJson(dir)
    // Only the values files its releases name, which are not in this tree (`../config/…`), are reported.
    expect(json.skipped.map((s: {line: number; reason: string}) => `${s.line} ${s.reason}`)).toEqual([
      '37 unsupported',
      '38 missing-resource',
      '39 unsupported',
      '47 missing-resource',
      '48 missing-resource',
      '56 missing-resource',
      '64 missing-resource',
      '65 missing-resource',
      '71 missing-resource',
      '72 missing-resource',
      '78 missing-resource',
      '86 missing-resource',
      '94 missing-resource',
    ])
    expect(
      json.components.map(
        (c: {kind: string; name: string; version: string; repository: string; locations: Array<{line: number}>}) =>
          `${c.locations[0].line} ${c.kind} ${c.name}@${c.version} ${c.repository}`,
      ),
    ).toEqual([
      '51 chart acme@0.1.4 https://jenkins-infra.github.io/helm-charts',
      '44 chart cert-manager@v1.20.3 https://charts.jetstack.io',
      '34 chart datadog@3.239.0 https://helm.datadoghq.com',
      '75 chart falco@9.1.0 https://falcosecurity.github.io/charts',
      '61 chart ingress-nginx@4.11.8 https://kubernetes.github.io/ingress-nginx',
      '81 chart jenkins@5.9.54 https://charts.jenkins.io',
      '91 chart redis-ha@4.34.13 https://dandydeveloper.github.io/charts',
    ])
  })

  it('--json lists the Helm charts of a real Flux example, each with the repository its source names, and the images its values set', async () => {
    // fluxcd/flux2-kustomize-helm-example (src/discover/formats/k8s-manifest/__fixtures__).
    const at = 'src/discover/formats/k8s-manifest/__fixtures__/flux2-kustomize-helm-example'
    const json = await inventoryJson(at)
    expect(json.skipped).toEqual([])
    expect(
      json.components.map(
        (c: {
          kind: string
          name: string
          version?: string
          repository: string
          locations: Array<{file: string; line: number}>
        }) =>
          `${c.locations[0].file.slice(at.length + 1)}:${c.locations[0].line} ${c.kind} ${c.name} ${c.version ?? '-'} ${c.repository ?? '-'}`,
      ),
    ).toEqual([
      'infrastructure/controllers/cert-manager.yaml:38 chart cert-manager - oci://quay.io/jetstack/charts',
      'infrastructure/controllers/envoy-gateway.yaml:39 chart gateway-helm - oci://docker.io/envoyproxy',
      'apps/base/podinfo/release.yaml:11 chart podinfo - https://stefanprodan.github.io/podinfo',
      // podinfo's cache, `redis: {repository, tag}` in the release's values: an image block under a key not named
      // for an image.
      'apps/base/podinfo/release.yaml:26 image public.ecr.aws/docker/library/redis 8.6.2 -',
    ])
  })

  it("--json lists a real pre-commit configuration's hook repositories, and --resolve names them without a request", async () => {
    // pre-commit/pre-commit's .pre-commit-config.yaml (src/discover/formats/pre-commit/__fixtures__).
    const at = 'src/discover/formats/pre-commit/__fixtures__/pre-commit'
    const json = await inventoryJson(at)
    expect(
      json.components.map(
        (c: {name: string; version: string; scope: string; locations: Array<{line: number}>}) =>
          `${c.locations[0].line} ${c.name}@${c.version} ${c.scope}`,
      ),
    ).toEqual([
      '35 github.com/PyCQA/flake8@7.3.0 dev',
      '22 github.com/asottile/add-trailing-comma@v4.0.0 dev',
      '26 github.com/asottile/pyupgrade@v3.21.2 dev',
      '16 github.com/asottile/reorder-python-imports@v3.17.0 dev',
      '12 github.com/asottile/setup-cfg-fmt@v3.2.0 dev',
      '31 github.com/hhatto/autopep8@v2.3.2 dev',
      '39 github.com/pre-commit/mirrors-mypy@v2.3.1 dev',
      '2 github.com/pre-commit/pre-commit-hooks@v6.0.0 dev',
    ])
    expect(json.skipped.map((s: {line: number; reason: string}) => `${s.line} ${s.reason}`)).toEqual(['43 unsupported'])
    // The repositories are their own upstreams: the vcs-url resolver names them offline.
    const resolved = await runCli(['inventory', at, '--resolve', '--offline', '--json'])
    const resolution = JSON.parse(resolved.stdout).resolution
    expect(resolution.stats).toMatchObject({total: 8, resolved: 8})
    expect(
      resolution.groups.map((g: {repo: string; provenance: string; components: Array<{purl: string}>}) => [
        g.repo,
        g.provenance,
        g.components[0].purl.split('@')[0],
      ]),
    ).toContainEqual([
      'github.com/pre-commit/mirrors-mypy',
      'vcs-url',
      'pkg:generic/github.com/pre-commit/mirrors-mypy',
    ])
  })

  it("--json lists a real Kotlin DSL build's declared dependencies and versioned plugins, test ones as dev", async () => {
    // square/okhttp's settings.gradle.kts and two build scripts (src/discover/formats/gradle-build/__fixtures__).
    const at = 'src/discover/formats/gradle-build/__fixtures__/okhttp'
    const json = await inventoryJson(at)
    // The extract holds no gradle/libs.versions.toml: the catalog accessors it passes over are said, once per script.
    expect(
      json.skipped.map(
        (s: {file: string; line: number; message: string}) =>
          `${s.file.slice(at.length + 1)}:${s.line} ${s.message.slice(0, 80)}`,
      ),
    ).toEqual([
      'build-logic/build.gradle.kts:26 16 dependencies are written as names this file does not define (the first libs.g',
      'regression-test/build.gradle.kts:38 9 dependencies are written as names this file does not define (the first libs.ko',
    ])
    expect(
      json.components.map(
        (c: {name: string; version?: string; scope: string; locations: Array<{file: string; line: number}>}) =>
          `${c.locations[0].file.slice(at.length + 1)}:${c.locations[0].line} ${c.name} ${c.version ?? '-'} ${c.scope}`,
      ),
    ).toEqual([
      'build-logic/build.gradle.kts:4 com.diffplug.spotless:com.diffplug.spotless.gradle.plugin 8.8.0 dev',
      'regression-test/build.gradle.kts:44 com.squareup.okhttp3:mockwebserver 3.12.12 dev',
      'regression-test/build.gradle.kts:40 com.squareup.okhttp3:okhttp 3.12.12 prod',
      'regression-test/build.gradle.kts:41 com.squareup.okhttp3:okhttp-tls 3.12.12 prod',
      'settings.gradle.kts:22 org.gradle.toolchains.foojay-resolver-convention:org.gradle.toolchains.foojay-resolver-convention.gradle.plugin 1.0.0 dev',
    ])
  })

  it("--json lists a real Terraform configuration's registry module and says its constraint is not one version", async () => {
    // terraform-aws-modules/terraform-aws-eks's examples/karpenter/main.tf (src/discover/formats/terraform-module/__fixtures__).
    const json = await inventoryJson('src/discover/formats/terraform-module/__fixtures__/eks-karpenter')
    expect(json.components.map((c: {purl: string; ref: string}) => `${c.purl} ${c.ref}`)).toEqual([
      'pkg:terraform/registry.terraform.io/terraform-aws-modules/vpc/aws terraform-aws-modules/vpc/aws ~> 5.0',
    ])
    expect(json.skipped.map((s: {line: number; message: string}) => `${s.line} ${s.message}`)).toEqual([
      '35 module "vpc": version ~> 5.0 is a constraint, not one version',
    ])
  })

  it('--json lists the required providers of a Terraform module that commits no lock file, and of one that does not twice', async () => {
    const versions = [
      'terraform {',
      '  required_providers {',
      '    aws = {',
      '      source  = "hashicorp/aws"',
      '      version = ">= 5.0"',
      '    }',
      '  }',
      '}',
      '',
    ].join('\n')
    const dir = await mkdtemp(join(tmpdir(), 'inventory-terraform-'))
    await mkdir(join(dir, 'module'))
    await mkdir(join(dir, 'live'))
    await writeFile(join(dir, 'module', 'versions.tf'), versions)
    await writeFile(join(dir, 'live', 'versions.tf'), versions)
    await writeFile(
      join(dir, 'live', '.terraform.lock.hcl'),
      [
        '# This file is maintained automatically by "terraform init".',
        '# Manual edits may be lost in future updates.',
        '',
        'provider "registry.terraform.io/hashicorp/aws" {',
        '  version     = "5.31.0"',
        '  constraints = ">= 5.0"',
        '}',
        '',
      ].join('\n'),
    )
    const r = await runCli(['inventory', dir, '--json'])
    expect(r.code).toBe(0)
    const json = JSON.parse(r.stdout)
    expect(
      json.components.map(
        (c: {purl: string; locations: Array<{file: string; line: number}>}) =>
          `${c.purl} ${c.locations.map((l) => `${l.file.slice(dir.length + 1)}:${l.line}`).join(' ')}`,
      ),
    ).toEqual([
      'pkg:terraform/registry.terraform.io/hashicorp/aws module/versions.tf:3',
      'pkg:terraform/registry.terraform.io/hashicorp/aws@5.31.0 live/.terraform.lock.hcl:4',
    ])
  })

  it('says on stderr why it exits 2 and where most unread files are, with an --exclude for the first folder; lists at most 100 errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stewards-incomplete-'))
    await mkdir(join(dir, 'pkg', 'testdata'), {recursive: true})
    await mkdir(join(dir, 'docs'), {recursive: true})
    // 101 broken lockfiles in one folder, one in another: each a syntax error.
    for (let i = 0; i < 101; i++) {
      await mkdir(join(dir, 'pkg', 'testdata', `case${i}`))
      await writeFile(join(dir, 'pkg', 'testdata', `case${i}`, 'package-lock.json'), '{"lockfileVersion": 3,\n')
    }
    await writeFile(join(dir, 'docs', 'package-lock.json'), '{\n')
    const text = await runCli(['inventory', dir])
    expect(text.code).toBe(2)
    const lines = text.stderr.trimEnd().split('\n')
    expect(lines[0]).toBe('0 components in 102 files; 0 skipped; 102 errors')
    expect(lines.filter((l) => l.startsWith('error: '))).toHaveLength(101)
    expect(lines).toContain('error: ... and 2 more (see --format json)')
    expect(lines.at(-1)).toBe(
      `stewards: incomplete (exit 2): 102 files not read completely (102 errors); in ${dir}/pkg/testdata/ (101), ${dir}/docs/ (1). Fix them, or leave out what is not yours to scan (test fixtures, templates) with --exclude '${dir}/pkg/testdata/**'.`,
    )
    const json = await runCli(['inventory', dir, '--json'])
    expect(json.code).toBe(2)
    expect(JSON.parse(json.stdout).errors).toHaveLength(102)
    expect(json.stderr).toBe(`${lines.at(-1)}\n`)
    // The --exclude it names leaves those files out: one error is left, in a folder of its own.
    const narrowed = await runCli(['inventory', dir, '--json', '--exclude', `${dir}/pkg/testdata/**`])
    expect(narrowed.code).toBe(2)
    expect(narrowed.stderr).toBe(
      `stewards: incomplete (exit 2): 1 file not read completely (1 error); in ${dir}/docs/ (1). Fix them, or leave out what is not yours to scan (test fixtures, templates) with --exclude '${dir}/docs/**'.\n`,
    )
  })
})
