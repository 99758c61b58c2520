// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${...} here is the literal text of the files read
/**
 * Hostile input: time per byte at n and 4n, for the inputs whose unit tests once asserted an elapsed time.
 * House rule: speed and memory targets live in `npm run bench`, never in a timed unit test. The tests
 * (src/discover/yaml.test.ts, dockerfile-support, formats/compose/dotenv, formats/github-actions,
 * formats/gradle-version-catalog, formats/gradle-build, formats/python-setup, formats/terraform-module,
 * formats/npm-package-json, formats/composer-json, formats/pre-commit, formats/gemfile, formats/helmfile, formats/jenkinsfile,
 * formats/nix-flake-lock, formats/podfile-lock, formats/mix-lock, formats/rebar-lock, formats/bazel-module,
 * formats/conan-lock, formats/pylock-toml, formats/cloudbuild, formats/clojure-deps, formats/buildkite,
 * formats/concourse, formats/cmake, formats/vcpkg, formats/k8s-manifest, src/core/trim-end)
 * keep what is read from each hostile input; here the same functions, in process, are timed on the same input at two
 * sizes. Target: linear, the time per byte at 4n at most 2× that at n (quadratic gives about 4×, backtracking more).
 * Median of RUNS runs after a warm-up; each run's result is checked, so a run that took another path says WRONG.
 * Bounded work (a budget of steps or comparisons) costs about the same at both sizes: its ratio is below 1, and its
 * absolute time is the figure to watch (the GitHub Actions matrix: 1,000,000 comparisons, about half a second).
 */
import {trimEnd} from '../src/core/trim-end.js'
import {parseEnv} from '../src/discover/formats/compose/dotenv.js'
import {discoverer as buildkite} from '../src/discover/formats/buildkite/index.js'
import {discoverer as concourse} from '../src/discover/formats/concourse/index.js'
import {discoverer as dockerfile} from '../src/discover/formats/dockerfile/index.js'
import {discoverer as githubActions} from '../src/discover/formats/github-actions/index.js'
import {discoverer as gradleBuild} from '../src/discover/formats/gradle-build/index.js'
import {discoverer as gradleVersionCatalog} from '../src/discover/formats/gradle-version-catalog/index.js'
import {discoverer as composerJson} from '../src/discover/formats/composer-json/index.js'
import {discoverer as gemfile} from '../src/discover/formats/gemfile/index.js'
import {discoverer as helmfile} from '../src/discover/formats/helmfile/index.js'
import {discoverer as npmPackageJson} from '../src/discover/formats/npm-package-json/index.js'
import {discoverer as jenkinsfile} from '../src/discover/formats/jenkinsfile/index.js'
import {discoverer as mixLock} from '../src/discover/formats/mix-lock/index.js'
import {discoverer as clojureDeps} from '../src/discover/formats/clojure-deps/index.js'
import {discoverer as nixFlakeLock} from '../src/discover/formats/nix-flake-lock/index.js'
import {discoverer as rebarLock} from '../src/discover/formats/rebar-lock/index.js'
import {discoverer as podfileLock} from '../src/discover/formats/podfile-lock/index.js'
import {discoverer as bazelModule} from '../src/discover/formats/bazel-module/index.js'
import {discoverer as cloudbuild} from '../src/discover/formats/cloudbuild/index.js'
import {discoverer as conanLock} from '../src/discover/formats/conan-lock/index.js'
import {discoverer as cmake} from '../src/discover/formats/cmake/index.js'
import {discoverer as vcpkg} from '../src/discover/formats/vcpkg/index.js'
import {parseMarker} from '../src/discover/formats/pylock-toml/marker.js'
import {discoverer as preCommit} from '../src/discover/formats/pre-commit/index.js'
import {discoverer as pythonSetup} from '../src/discover/formats/python-setup/index.js'
import {discoverer as terraformModule} from '../src/discover/formats/terraform-module/index.js'
import type {Discoverer, DiscoverOutput} from '../src/discover/types.js'
import {readManifestImages} from '../src/discover/k8s-images.js'
import {readYaml} from '../src/discover/yaml.js'

export const name = 'hostile'

const RUNS = 5
const TARGET = 2

interface Family {
  label: string
  /** n, in the family's unit; the larger input is made with 4n. */
  n: number
  unit: string
  input(n: number): string
  /** Reads the input as the test does; true when the result is the one the test asserts. */
  read(text: string, n: number): boolean
}

function discover(
  discoverer: Discoverer,
  file: string,
  text: string,
): Required<Pick<DiscoverOutput, 'components' | 'errors' | 'skipped'>> {
  const out = discoverer.discover({file, text}, {readText: () => null}) as DiscoverOutput
  return {components: out.components, errors: out.errors ?? [], skipped: out.skipped ?? []}
}

const families: Family[] = [
  {
    label: 'YAML mapping aliases located at each alias (yaml.test.ts)',
    n: 4_000,
    unit: 'aliases',
    input: (n) => ['base: &base {image: app:1}', ...Array.from({length: n}, (_, i) => `c${i}: *base`)].join('\n'),
    read: (text) => readYaml(text, 'in.yaml', {locateAliasedMaps: true}).errors.length === 0,
  },
  {
    label: 'YAML mapping alias bomb (yaml.test.ts)',
    n: 200,
    unit: 'levels',
    input: (n) => {
      const levels = ['n0: &n0 {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol, k6: lol, k7: lol, k8: lol}']
      for (let i = 1; i < n; i++)
        levels.push(`n${i}: &n${i} {${Array.from({length: 9}, (_, k) => `k${k}: *n${i - 1}`).join(', ')}}`)
      return levels.join('\n')
    },
    read: (text) => {
      const {documents, errors} = readYaml(text, 'in.yaml', {locateAliasedMaps: true})
      return documents.length === 0 && errors.length === 1 && errors[0].code === 'yaml-alias-budget'
    },
  },
  {
    label: 'Argo resource template manifest of n containers, aliased n times (k8s-manifest/index.test.ts)',
    n: 500,
    unit: 'containers and aliases',
    input: (n) =>
      [
        'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nspec:\n  templates:',
        '  - resource:\n      action: create\n      manifest: &m |\n        kind: Pod\n        apiVersion: v1',
        '        spec:\n          containers:',
        ...Array.from({length: n}, (_, i) => `          - {name: c${i}, image: 'example.com/app${i}:1'}`),
        ...Array.from({length: n}, () => '  - resource: {action: create, manifest: *m}'),
      ].join('\n'),
    // The first manifest and its first alias fit in the file's size; the second alias is where reading stops.
    read: (text, n) => {
      const out = readManifestImages(text, 'wf.yaml')
      return out.images.length === 2 * n && out.skipped.length === 1
    },
  },
  {
    label: 'Dockerfile substitutions under one budget (dockerfile/index.test.ts)',
    n: 1_000,
    unit: 'FROM lines',
    input: (n) => `ARG V=${'a'.repeat(800)}\n${'FROM alpine${V//*a*a*a*a*b/x}:${TARGETARCH}${BUILDARCH}\n'.repeat(n)}`,
    read: (text, n) => {
      const out = discover(dockerfile, 'Dockerfile', text)
      return out.components.length === 0 && out.errors.length === n
    },
  },
  {
    label: '.env chain of values each adding names (compose/dotenv.test.ts)',
    n: 10_000,
    unit: 'lines',
    input: (n) => {
      const lines = ['V0=${X0}']
      for (let i = 1; i < n; i++) lines.push(`V${i}=\${V${i - 1}}\${X${i}}`)
      return lines.join('\n')
    },
    read: (text, n) => {
      const last = parseEnv(text).vars.get(`V${n - 1}`)
      return last?.ok === true && last.unset.length === 10
    },
  },
  {
    label: '.env run of spaces inside a value and a key (compose/dotenv.test.ts)',
    n: 1_000_000,
    unit: 'spaces',
    input: (n) => `A=x${' '.repeat(n)}y\nK${' '.repeat(n)}K=v\n`,
    read: (text) => parseEnv(text).error?.line === 2,
  },
  {
    label: 'GitHub Actions matrix over its budget, for each service (github-actions/index.test.ts)',
    n: 10_000,
    unit: 'include keys and n/500 services',
    input: (n) => {
      const axes = Array.from({length: 7}, (_, i) => `        a${i + 1}: [x, y]\n`).join('')
      const entry = `{${Array.from({length: n}, (_, i) => `k${i}: 1`).join(', ')}}`
      const services = Array.from(
        {length: n / 500},
        (_, i) => `      s${i}:\n        image: \${{ matrix.img }}\n`,
      ).join('')
      return `on: push\njobs:\n  j:\n    runs-on: ubuntu-latest\n    strategy:\n      matrix:\n        a0: [x]\n${axes}        img: [nginx]\n        include:\n          - ${entry}\n    services:\n${services}    steps:\n      - run: echo\n`
    },
    read: (text, n) => {
      const out = discover(githubActions, '.github/workflows/ci.yml', text)
      return out.components.length === 0 && out.skipped.length === n / 500
    },
  },
  {
    // A line that starts like a table header and never closes (`[1.5,` and spaces, inside an array of arrays): the
    // scan for key lines once matched it with `\.\s*(.+?)\s*\]`, quadratic in the run (200,000 spaces: 21 s).
    label: 'Gradle version catalog, an array row of spaces read as a header (gradle-version-catalog/index.test.ts)',
    n: 200_000,
    unit: 'spaces',
    input: (n) => `[versions]\nx = [\n[1.5,${' '.repeat(n)}\n2.5]]\n[libraries]\na = "org.example:a:1.0"\n`,
    read: (text) => {
      const out = discover(gradleVersionCatalog, 'gradle/libs.versions.toml', text)
      return out.errors.length === 0 && out.components.length === 1 && out.components[0].locations[0].line === 6
    },
  },
  {
    label: 'build.gradle.kts, Kotlin comments opened n/2 times and closed n/2 times (gradle-build/index.test.ts)',
    n: 200_000,
    unit: 'characters',
    input: (n) =>
      `dependencies {\n    ${'/*'.repeat(n / 2)}${'*/'.repeat(n / 2)}\n    implementation("org.example:after:1.0")\n}\n`,
    read: (text) => {
      const out = discover(gradleBuild, 'build.gradle.kts', text)
      return out.components.length === 1 && out.components[0].version === '1.0'
    },
  },
  {
    label: 'build.gradle, a version template that refers to a variable n/2 times (gradle-build/index.test.ts)',
    n: 200_000,
    unit: 'characters',
    input: (n) =>
      `def v = '1'\ndependencies {\n    implementation "org.example:a:${'$v'.repeat(n / 2)}"\n    implementation 'org.example:after:1.0'\n}\n`,
    read: (text) => {
      const out = discover(gradleBuild, 'build.gradle', text)
      return out.components.some((c) => c.name === 'org.example:after' && c.version === '1.0')
    },
  },
  {
    // n items given n times: n² coordinates, bounded at 20,000 items for the file.
    label: 'build.gradle, a list of n coordinates given to a configuration n times (gradle-build/index.test.ts)',
    n: 1_000,
    unit: 'items and uses',
    input: (n) =>
      [
        'def L = [',
        ...Array.from({length: n}, (_, i) => `  'org.example:a${i}:1.0',`),
        ']',
        'dependencies {',
        ...Array.from({length: n}, () => '  testRuntimeOnly L'),
        "  implementation 'org.example:after:1.0'",
        '}',
      ].join('\n'),
    read: (text) => {
      const out = discover(gradleBuild, 'build.gradle', text)
      return out.skipped.length === 1 && out.components.some((c) => c.name === 'org.example:after')
    },
  },
  {
    // A map of n/2 keys put into n/2 other names (`deps.aI = m`): n²/4 keys to copy, bounded at 100,000 copies.
    label: 'build.gradle, a map of n/2 keys given to n/2 names (gradle-build/index.test.ts)',
    n: 10_000,
    unit: 'lines',
    input: (n) =>
      [
        'def m = [:]',
        ...Array.from({length: n / 2}, (_, i) => `m.k${i} = 'org.example:k${i}:1.0'`),
        ...Array.from({length: n / 2}, (_, i) => `deps.a${i} = m`),
        'dependencies {',
        '    implementation deps.a0.k1',
        "    implementation 'org.example:after:1.0'",
        '}',
      ].join('\n'),
    read: (text) => {
      const out = discover(gradleBuild, 'build.gradle', text)
      return out.components.length === 2 && out.components[0].name === 'org.example:k1'
    },
  },
  {
    label: 'main.tf, a line of n closing braces before a module block (terraform-module/index.test.ts)',
    n: 200_000,
    unit: 'braces',
    input: (n) => `${'}'.repeat(n)}\nmodule "after" {\n  source  = "example-org/after/aws"\n  version = "1.0.0"\n}\n`,
    read: (text) => {
      const out = discover(terraformModule, 'main.tf', text)
      return out.components.length === 1 && out.components[0].version === '1.0.0'
    },
  },
  {
    // Runs of white space inside one requirement: PEP 508's patterns backtrack on them unless they are collapsed first.
    label: 'setup.cfg, a requirement with runs of spaces between its words (python-setup/index.test.ts)',
    n: 200_000,
    unit: 'spaces each run',
    input: (n) => `[options]\ninstall_requires = a${' '.repeat(n)}b${' '.repeat(n)}c\n`,
    read: (text) => {
      const out = discover(pythonSetup, 'setup.cfg', text)
      return out.components.length === 0 && out.errors.length === 1 && out.errors[0].code === 'invalid-entry'
    },
  },
  {
    label: 'setup.py, a string that never closes inside install_requires (python-setup/index.test.ts)',
    n: 200_000,
    unit: 'characters',
    input: (n) => `setup(install_requires=['${'a'.repeat(n)}`,
    read: (text) => {
      const out = discover(pythonSetup, 'setup.py', text)
      return out.components.length === 0 && out.errors.length === 1
    },
  },
  {
    label: 'setup.py, one bound list used by n calls (python-setup/index.test.ts)',
    n: 5_000,
    unit: 'calls',
    input: (n) =>
      `REQS = [${Array.from({length: 200}, (_, i) => `'acme-${i}'`).join(', ')}]\n${'setup(install_requires=REQS, tests_require=REQS)\n'.repeat(n)}`,
    read: (text) => discover(pythonSetup, 'setup.py', text).components.length === 400,
  },
  {
    label: 'package.json, n dependencies (npm-package-json/index.test.ts)',
    n: 20_000,
    unit: 'dependencies',
    input: (n) =>
      JSON.stringify({dependencies: Object.fromEntries(Array.from({length: n}, (_, i) => [`acme-${i}`, `^${i}.0.0`]))}),
    read: (text, n) => discover(npmPackageJson, 'package.json', text).components.length === n,
  },
  {
    label: 'composer.json, a hostile name of n characters beside a valid requirement (composer-json/index.test.ts)',
    n: 200_000,
    unit: 'characters',
    input: (n) => JSON.stringify({require: {[`acme/${'a'.repeat(n)}!`]: '^1', 'acme/ok': '1.0.0'}}),
    read: (text) => {
      const out = discover(composerJson, 'composer.json', text)
      return out.components.length === 1 && out.errors.length === 1
    },
  },
  {
    label: 'Gemfile, a gem n blocks deep (gemfile/index.test.ts)',
    n: 25_000,
    unit: 'levels',
    input: (n) => `group :test do\n${'if x\n'.repeat(n)}gem 'deep'\n${'end\n'.repeat(n)}end\ngem 'after'\n`,
    read: (text) => {
      const out = discover(gemfile, 'Gemfile', text)
      return out.components.length === 2 && out.components[1].scope === 'prod'
    },
  },
  {
    label: 'helmfile.yaml, n releases of one repository (helmfile/index.test.ts)',
    n: 5_000,
    unit: 'releases',
    input: (n) =>
      `repositories:\n- name: acme\n  url: https://charts.example.com\nreleases:\n${Array.from({length: n}, (_, i) => `- name: r${i}\n  chart: acme/c${i}\n  version: 1.0.${i}\n`).join('')}`,
    read: (text, n) => discover(helmfile, 'helmfile.yaml', text).components.length === n,
  },
  {
    label: '.pre-commit-config.yaml, n hook repositories (pre-commit/index.test.ts)',
    n: 5_000,
    unit: 'repositories',
    input: (n) =>
      `repos:\n${Array.from({length: n}, (_, i) => `- repo: https://github.com/acme/hook-${i}\n  rev: v${i}\n  hooks: [{id: h}]\n`).join('')}`,
    read: (text, n) => discover(preCommit, '.pre-commit-config.yaml', text).components.length === n,
  },
  {
    label:
      'Buildkite, n plugins as keys of one mapping, each key written again in its settings (buildkite/index.test.ts)',
    n: 4_000,
    unit: 'plugins',
    input: (n) =>
      `steps:\n  - command: x\n    plugins:\n${Array.from({length: n}, (_, i) => `      p${i}#v${i}: {x: "p${i}#v${i}:"}\n`).join('')}`,
    read: (text, n) => {
      const out = discover(buildkite, '.buildkite/pipeline.yml', text)
      return out.components.length === n && out.components[n - 1].locations[0].line === n + 3
    },
  },
  {
    label: 'Concourse, n jobs running a task in a fetched image (concourse/index.test.ts)',
    n: 4_000,
    unit: 'jobs',
    input: (n) =>
      `resources:\n- {name: img, type: registry-image, source: {repository: acme/img}}\njobs:\n${Array.from({length: n}, (_, i) => `- {name: j${i}, plan: [{get: img}, {task: t, image: img, file: x}]}\n`).join('')}`,
    read: (text) => discover(concourse, 'ci/pipeline.yml', text).components.length === 1,
  },
  {
    label: 'Jenkinsfile, n stages with a docker agent each (jenkinsfile/index.test.ts)',
    n: 5_000,
    unit: 'stages',
    input: (n) =>
      `pipeline {\n  agent none\n  stages {\n${Array.from({length: n}, (_, i) => `    stage('s${i}') { agent { docker { image 'acme/s:${i}' } } }\n`).join('')}  }\n}\n`,
    read: (text, n) => discover(jenkinsfile, 'Jenkinsfile', text).components.length === n,
  },
  {
    // n nodes follow f0, a chain of n follows, and each its own fN: walked anew per input, n² steps.
    label: 'flake.lock, a chain of n follows and n inputs following into it (nix-flake-lock/index.test.ts)',
    n: 2_500,
    unit: 'follows',
    input: (n) => {
      const locked = (repo: string) => ({locked: {owner: 'example-org', repo, rev: 'a'.repeat(40), type: 'github'}})
      const inputs: Record<string, unknown> = {}
      for (let i = 0; i < n; i++) inputs[`f${i}`] = [`f${i + 1}`]
      inputs[`f${n}`] = 'leaf'
      const nodes: Record<string, unknown> = {leaf: locked('leaf'), root: {inputs}}
      for (let i = 0; i < n; i++) {
        nodes[`n${i}`] = {...locked(`r${i}`), inputs: {a: ['f0'], b: [`f${i}`]}}
        inputs[`n${i}`] = `n${i}`
      }
      return JSON.stringify({nodes, root: 'root', version: 7})
    },
    read: (text, n) => discover(nixFlakeLock, 'flake.lock', text).components.length === n + 1,
  },
  {
    label: "mix.lock, n Hex packages of today's 8-element tuple (mix-lock/index.test.ts)",
    n: 4_000,
    unit: 'packages',
    input: (n) =>
      `%{\n${Array.from({length: n}, (_, i) => `  "p${i}": {:hex, :p${i}, "1.${i}.0", "${'a'.repeat(64)}", [:mix], [{:q${i}, "~> 1.0", [hex: :q${i}, repo: "hexpm", optional: false]}], "hexpm", "${'b'.repeat(64)}"},\n`).join('')}}\n`,
    read: (text, n) => discover(mixLock, 'mix.lock', text).components.length === n,
  },
  {
    label: 'deps.edn, n Maven libs (clojure-deps/index.test.ts)',
    n: 5_000,
    unit: 'libs',
    input: (n) => `{:deps {${Array.from({length: n}, (_, i) => `g/a${i} {:mvn/version "1.${i}"}`).join('\n')}}}`,
    read: (text, n) => discover(clojureDeps, 'deps.edn', text).components.length === n,
  },
  {
    label: 'deps.edn, n nested [ after :deps (clojure-deps/index.test.ts)',
    n: 100_000,
    unit: 'brackets',
    input: (n) => `{:deps ${'['.repeat(n)}}`,
    read: (text) => discover(clojureDeps, 'deps.edn', text).errors.some((e) => e.code === 'too-deep'),
  },
  {
    label: 'project.clj, n dependencies (clojure-deps/index.test.ts)',
    n: 5_000,
    unit: 'dependencies',
    input: (n) =>
      `(defproject a "1"\n  :dependencies [${Array.from({length: n}, (_, i) => `[g/a${i} "1.${i}" :exclusions [x/y]]`).join('\n')}])`,
    read: (text, n) => discover(clojureDeps, 'project.clj', text).components.length === n,
  },
  {
    label: 'rebar.lock, n packages (rebar-lock/index.test.ts)',
    n: 2_000,
    unit: 'packages',
    input: (n) =>
      `{"1.2.0",\n[${Array.from({length: n}, (_, i) => `{<<"p${i}">>,{pkg,<<"p${i}">>,<<"1.${i}.0">>},0}`).join(',\n ')}]}.\n[{pkg_hash,[]}].\n`,
    read: (text, n) => discover(rebarLock, 'rebar.lock', text).components.length === n,
  },
  {
    label: 'Podfile.lock, n pods with a subspec each (podfile-lock/index.test.ts)',
    n: 5_000,
    unit: 'pods',
    input: (n) =>
      `PODS:\n${Array.from({length: n}, (_, i) => `  - Pod${i} (1.${i}.0):\n    - Pod${i}/Sub (= 1.${i}.0)`).join('\n')}\n`,
    read: (text, n) => discover(podfileLock, 'Podfile.lock', text).components.length === n,
  },
  {
    label: 'Podfile.lock, one pod line of n characters and open parentheses (podfile-lock/index.test.ts)',
    n: 100_000,
    unit: 'characters',
    input: (n) => `PODS:\n  - ${'A'.repeat(n)} (${' ('.repeat(n / 4)}\n`,
    read: (text) => discover(podfileLock, 'Podfile.lock', text).errors.length === 1,
  },
  {
    label: 'MODULE.bazel, n bazel_dep calls (bazel-module/index.test.ts)',
    n: 5_000,
    unit: 'calls',
    input: (n) => 'bazel_dep(name = "m", version = "1.0")\n'.repeat(n),
    read: (text, n) => discover(bazelModule, 'MODULE.bazel', text).components.length === n,
  },
  {
    label:
      'MODULE.bazel, n variables doubling (A1 = A0 + A0) and bazel_deps .format()ting them (bazel-module/index.test.ts)',
    n: 5_000,
    unit: 'lines',
    input: (n) => {
      const lines = ['A0 = "x"']
      for (let i = 1; i <= n; i++)
        lines.push(`A${i} = A${i - 1} + A${i - 1}`, `bazel_dep(name = "m${i}", version = "{}{}".format(A${i}, A${i}))`)
      return `${lines.join('\n')}\n`
    },
    read: (text, n) => discover(bazelModule, 'MODULE.bazel', text).components.length === n,
  },
  {
    label: 'conanfile.py, n self.requires( calls never closed (conan-lock/index.test.ts)',
    n: 50_000,
    unit: 'calls',
    input: (n) => `class A(ConanFile):\n    requires = ("fmt/10.0.0"\n${'self.requires('.repeat(n)}\n`,
    read: (text) => discover(conanLock, 'conanfile.py', text).components.length === 0,
  },
  {
    label: 'pylock.toml marker, n `and` clauses then an unclosed string (pylock-toml/index.test.ts)',
    n: 400,
    unit: 'clauses',
    input: (n) => `${"'a' in extras and ".repeat(n)}"x`,
    read: (text) => parseMarker(text) === undefined,
  },
  {
    label: 'Cloud Build step name of distinct substitutions, and as many steps (formats/cloudbuild)',
    n: 10_000,
    unit: 'substitutions and steps',
    input: (n) =>
      `steps:\n- name: "x:${Array.from({length: n}, (_, i) => `$V${i}`).join('')}"\n${Array.from({length: n}, (_, i) => `- name: node:$_V${i % 10}\n`).join('')}substitutions: {${Array.from({length: 10}, (_, i) => `_V${i}: '${i}'`).join(', ')}}\n`,
    read: (text, n) => {
      const out = discover(cloudbuild, 'cloudbuild.yaml', text)
      return out.skipped.length === 1 && out.components.length === n && out.errors.length === 0
    },
  },
  {
    label: 'CMakeLists.txt, n FetchContent calls through set() variables (cmake/index.test.ts)',
    // 4n stays under the format's 10,000 calls a file, past which the rest is said, not read.
    n: 2_000,
    unit: 'calls',
    input: (n) =>
      Array.from(
        {length: n},
        (_, i) =>
          `set(TAG${i} v${i})\nFetchContent_Declare(d${i} GIT_REPOSITORY https://example.com/d${i}.git GIT_TAG \${TAG${i}})\n`,
      ).join(''),
    read: (text, n) => discover(cmake, 'CMakeLists.txt', text).components.length === n,
  },
  {
    // Each unclosed command is read to the end of the file: the budget stops re-reading at a few times its length.
    label: 'CMakeLists.txt, n commands whose ( is never closed (cmake/index.test.ts)',
    n: 50_000,
    unit: 'commands',
    input: (n) => 'f(\n'.repeat(n),
    read: (text) => discover(cmake, 'CMakeLists.txt', text).errors.at(-1)?.message.startsWith('too many') === true,
  },
  {
    label: 'CMakeLists.txt, a call n parentheses deep (cmake/index.test.ts)',
    n: 100_000,
    unit: 'levels',
    input: (n) => `FetchContent_Declare(d ${'('.repeat(n)}${')'.repeat(n)} URL https://example.com/d.zip)\n`,
    read: (text) => discover(cmake, 'CMakeLists.txt', text).components.length === 1,
  },
  {
    // Each port's registry: a map of exact names, then a walk down the trie of `prefix*` patterns, in its name's length.
    label: 'vcpkg.json, n ports and a registry of n `prefix*` patterns (vcpkg/index.test.ts)',
    n: 20_000,
    unit: 'ports',
    input: (n) =>
      JSON.stringify({
        dependencies: Array.from({length: n}, (_, i) => `port-${i}`),
        'vcpkg-configuration': {
          registries: [
            {
              kind: 'git',
              repository: 'https://git.example.com/r',
              baseline: 'a'.repeat(40),
              packages: Array.from({length: n}, (_, i) => `port-${i}*`),
            },
          ],
        },
      }),
    read: (text, n) => discover(vcpkg, 'vcpkg.json', text).components.length === n + 1,
  },
  {
    // The run inside costs nothing (the walk starts at the end; /\/+$/ was quadratic in it), the run at the end n.
    label: 'trimEnd, a run of "/" inside and one at the end (core/trim-end.test.ts)',
    n: 2_000_000,
    unit: 'characters each run',
    input: (n) => `a${'/'.repeat(n)}b${'/'.repeat(n)}`,
    read: (text, n) => trimEnd(text, '/').length === n + 2,
  },
  {
    label: 'trimEnd, a run of white space inside and one at the end (core/trim-end.test.ts)',
    n: 2_000_000,
    unit: 'characters each run',
    input: (n) => `a${' '.repeat(n)}b${' '.repeat(n)}`,
    read: (text, n) => trimEnd(text, /\s/).length === n + 2,
  },
]

/** Median wall time of RUNS reads after a warm-up, and whether every read gave the expected result. */
function measure(family: Family, text: string, n: number): {ms: number; right: boolean} {
  let right = family.read(text, n)
  const times: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now()
    right = family.read(text, n) && right
    times.push(performance.now() - started)
  }
  return {ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)], right}
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(0)} KB`
}

/** Every family, or those whose label holds `only` (STEWARDS_BENCH_ONLY: one family checked alone, on a busy machine). */
export async function run(only = process.env.STEWARDS_BENCH_ONLY): Promise<void> {
  for (const family of families) {
    if (only && !family.label.includes(only)) continue
    const small = family.input(family.n)
    const large = family.input(family.n * 4)
    const a = measure(family, small, family.n)
    const b = measure(family, large, family.n * 4)
    const ratio = b.ms / large.length / (a.ms / small.length)
    const verdict = !a.right || !b.right ? 'WRONG (not the result the test asserts)' : ratio <= TARGET ? 'OK' : 'OVER'
    console.log(`${family.label}:`)
    console.log(
      `  ${family.n} ${family.unit} (${kilobytes(small.length)}) ${a.ms.toFixed(1)} ms; ${family.n * 4} (${kilobytes(large.length)}) ${b.ms.toFixed(1)} ms; time per byte ${ratio.toFixed(2)}× (linear: target ≤ ${TARGET}×) ${verdict}`,
    )
  }
}
