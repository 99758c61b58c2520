/**
 * Tilt (https://docs.tilt.dev/api.html): a `Tiltfile`, the Starlark program `tilt up` runs. It is never run here: its
 * calls are read as written (../../starlark.ts), and those whose arguments are literal strings are listed.
 * - `helm('path')` (Tilt's built-in: a local chart it renders): the chart as a local one (`file://path`), named by
 *   its folder.
 * - `helm_resource('name', 'chart', flags=[…])` (the tilt-extensions `helm_resource` extension: a chart `helm install`
 *   takes): `repo/chart` of the repository a `helm_repo('repo', 'url')` of the same file declares, an `oci://`
 *   chart, a chart URL or a local path (../../chart-ref.ts reads it as helmfile reads a chart); the version its flags
 *   give (`--version=1.2.3`, or `'--version', '1.2.3'`).
 * - `helm_remote('chart', repo_url=…, repo_name=…, version=…)` (the older tilt-extensions `helm_remote`): the chart
 *   from `repo_url`, or from the OCI repository `repo_name` names.
 * - `load('ext://name', …)`: an extension Tilt fetches from its default extension repository, tilt-dev/tilt-extensions,
 *   at its newest commit, and runs: listed as that repository (`pkg:generic/github.com/tilt-dev/tilt-extensions`,
 *   without a version, `ref` the `ext://` name). A file that registers other extension repositories
 *   (`v1alpha1.extension_repo`) is said so.
 * - The values `helm(set=…)`, `helm_remote(set=…)` and `helm_resource`'s `--set` flags give the chart, over the values
 *   files their `values=` and `--values`/`-f` flags name and a local chart's values.yaml (../../values-layers.ts):
 *   their images (../../set-values.ts), less the ones the file builds.
 * - `docker_build('ref', …)` and `custom_build`: images the project builds, its own: not listed (a `dockerfile=` that
 *   the dockerfile format would not read by its name is reported). The manifests of its folder and below do not list them either
 *   (../../own-images.ts, with ../../built-images.ts). `k8s_yaml('path')`, `kustomize('path')`: files of
 *   the tree, read by their own formats.
 * A chart, repository or extension written otherwise than as a literal string (a variable, a concatenation, a loop's
 * value, a call) is computed when Tilt runs: reported at its line, never guessed.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import type {Location} from '../../../core/model.js'
import {builtNames, isBuiltImage, tiltBuiltImages} from '../../built-images.js'
import {helmChartRef, listChartRef, localChartName, ociRef, repositoryUrl} from '../../chart-ref.js'
import {chartVersionFields} from '../../chart-version.js'
import {isDockerfile} from '../../file-names.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {chartComponent, emptyOutput, type Output} from '../../output.js'
import {parseSetArgument, setValueImages} from '../../set-values.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {addChartValues, addValuesFile, placeIn, valuesStack} from '../../values-layers.js'
import {
  type Argument,
  argumentOf,
  type Call,
  callsOf,
  literalString,
  literalStringOrList,
  literalStrings,
  type Token,
  tokenize,
} from '../../starlark.js'

export const discoverer: Discoverer = {
  id: 'tiltfile',
  description:
    'Tilt Tiltfile (Starlark, read, never run): the Helm charts of helm(), helm_resource() and helm_remote(), and the tilt-extensions ext:// loads',
  matches: (file) => /(^|\/)Tiltfile$/.test(file),
  discover,
}

/**
 * A Tiltfile over this many characters is not read: real ones are a few KB (tilt-extensions' largest is 10 KB), and the
 * reader keeps a token per operator (8 MiB of `)` took 2.75 GB).
 */
export const MAX_TILTFILE = 1 << 20
/** At most this many syntax problems of one file are reported, then how many more there were. */
const MAX_PROBLEMS = 20

/** Where `load('ext://…')` extensions come from unless the file registers another repository. */
const EXTENSIONS_REPOSITORY = 'https://github.com/tilt-dev/tilt-extensions'

const CALLS = new Set(['load', 'helm', 'helm_resource', 'helm_repo', 'helm_remote', 'docker_build', 'custom_build'])

interface Tilt {
  file: string
  dir: string
  context: DiscoverContext
  out: Output
  /** `helm_repo` names → their URL (undefined when computed). */
  repositories: Map<string, string | undefined>
  /** The images `docker_build` and `custom_build` build (as written, and as normalised names): the project's own. */
  built: Set<string>
}

function discover({file, text}: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  if (text.length > MAX_TILTFILE) {
    out.errors.push({
      file,
      code: 'script-too-large',
      message: `a Tiltfile of ${text.length.toLocaleString('en-US')} characters, over the ${MAX_TILTFILE.toLocaleString('en-US')} a Tiltfile is read up to: not read`,
    })
    return out
  }
  const {tokens, problem} = tokenize(text)
  if (problem !== undefined) {
    out.errors.push({
      file,
      line: problem.line,
      column: problem.column,
      code: 'invalid-entry',
      message: `not Starlark: ${problem.message}`,
    })
    return out
  }
  const {calls, problems} = callsOf(tokens, CALLS)
  for (const p of problems.slice(0, MAX_PROBLEMS))
    out.errors.push({
      file,
      line: p.line,
      column: p.column,
      code: 'invalid-entry',
      message: `not Starlark: ${p.message}`,
    })
  if (problems.length > MAX_PROBLEMS) {
    const last = problems[MAX_PROBLEMS]
    out.errors.push({
      file,
      line: last.line,
      column: last.column,
      code: 'invalid-entry',
      message: `not Starlark: ${(problems.length - MAX_PROBLEMS).toLocaleString('en-US')} more problems from here on, not listed one by one`,
    })
  }
  const t: Tilt = {file, dir: posix.dirname(file), context, out, repositories: new Map(), built: new Set()}
  for (const call of calls) if (call.name === 'helm_repo') helmRepo(t, call)
  // ../../built-images.ts, which ../../own-images.ts reads for the project's manifests too.
  for (const name of builtNames(tiltBuiltImages(calls))) t.built.add(name)
  for (const call of calls) {
    if (call.name === 'load') load(t, call)
    else if (call.name === 'helm') helm(t, call)
    else if (call.name === 'helm_resource') helmResource(t, call)
    else if (call.name === 'helm_remote') helmRemote(t, call)
    else if (call.name === 'docker_build') dockerBuild(t, call)
  }
  // `v1alpha1.extension_repo(…)`, a method call: said once, where ext:// loads are listed.
  const registers = tokens.findIndex(
    (token, i) => token.kind === 'name' && token.value === 'extension_repo' && tokens[i + 1]?.value === '(',
  )
  if (registers >= 0 && out.components.some((c) => c.ref.startsWith('ext://')))
    out.skipped.push({
      file,
      line: tokens[registers].line,
      reason: 'unsupported',
      message: `extension_repo(…) registers an extension repository, which ext:// loads may come from: they are listed as ${EXTENSIONS_REPOSITORY}'s, the default one`,
    })
  for (const component of out.components) component.scope = 'dev'
  return out
}

/** A computed argument: reported, naming the call and what it would have given. */
function computed(t: Tilt, call: Call, arg: Argument | undefined, what: string): void {
  t.out.skipped.push({
    file: t.file,
    line: arg?.line ?? call.line,
    reason: 'unsupported',
    message: `${call.name}(…): ${arg === undefined ? `no ${what} is written` : `the ${what} is computed (a variable, a concatenation or a call), which is not evaluated`}: not listed`,
  })
}

function locationOf(t: Tilt, token: Token): Location {
  return {file: t.file, line: token.line, column: token.column}
}

function load(t: Tilt, call: Call): void {
  const arg = call.args[0]
  const module = literalString(arg)
  if (module === undefined) {
    computed(t, call, arg, 'module')
    return
  }
  // `load('ext://helm_resource', hr='helm_resource')`: its calls go by another name, which is not read.
  for (const a of call.args) {
    const symbol = a.keyword === undefined ? undefined : literalString(a)?.value
    if (symbol !== undefined && CALLS.has(symbol) && a.keyword !== symbol)
      t.out.skipped.push({
        file: t.file,
        line: a.line,
        reason: 'unsupported',
        message: `load(…) binds ${symbol} as ${elide(a.keyword ?? '', 100)}: calls by that name are not read`,
      })
  }
  if (!module.value.startsWith('ext://')) return
  t.out.components.push(
    gitPackageComponent(t.file, {
      url: EXTENSIONS_REPOSITORY,
      ref: elide(module.value, 200),
      line: module.line,
      column: module.column,
      direct: true,
      origin: 'manifest',
    }),
  )
}

function helmRepo(t: Tilt, call: Call): void {
  const name = literalString(argumentOf(call, 0, 'name'))
  const urlArg = argumentOf(call, 1, 'url')
  const url = literalString(urlArg)
  if (name === undefined) {
    computed(t, call, argumentOf(call, 0, 'name'), 'repository name')
    return
  }
  if (url === undefined) computed(t, call, urlArg, 'repository URL')
  const value = url?.value.trim()
  t.repositories.set(name.value, value ? repositoryUrl(value, /^oci:\/\//i.test(value)) : undefined)
}

/** Tilt's `helm(pathToChartDir, …)`: a local chart. */
function helm(t: Tilt, call: Call): void {
  const arg = argumentOf(call, 0, 'pathToChartDir')
  const path = literalString(arg)
  if (path === undefined) {
    computed(t, call, arg, 'chart path')
    return
  }
  listLocal(t, path)
  const set = call.args.find((a) => a.keyword === 'set')
  releaseValues(
    t,
    call,
    set,
    setTokens(t, call, set, literalStringOrList(set)),
    valuesFiles(t, call),
    chartDir(t, path),
  )
}

/** The folder (from the scan root) of a local chart the Tiltfile names (from its own folder): its values.yaml's. */
function chartDir(t: Tilt, path: Token): string | undefined {
  const written = path.value.trim()
  if (written === '' || posix.isAbsolute(written)) return undefined
  const dir = posix.normalize(posix.join(t.dir, written))
  return dir.startsWith('../') ? undefined : dir
}

/** `values=` of helm() and helm_remote(): values files (a path or a list of them); one computed is said. */
function valuesFiles(t: Tilt, call: Call): Token[] {
  const arg = call.args.find((a) => a.keyword === 'values')
  if (arg === undefined) return []
  const files = literalStringOrList(arg)
  if (files === undefined) computed(t, call, arg, 'values argument')
  return files ?? []
}

function listLocal(t: Tilt, path: Token, version?: string): void {
  const chart = {
    name: localChartName(path.value, t.dir),
    ...(version ? {version} : {}),
    repository: `file://${path.value}`,
  }
  t.out.components.push({...chartComponent(chart, locationOf(t, path), 'manifest'), direct: true})
}

function helmResource(t: Tilt, call: Call): void {
  const arg = argumentOf(call, 1, 'chart')
  const chart = literalString(arg)
  if (chart === undefined) {
    computed(t, call, arg, 'chart')
    return
  }
  const flagsArg = call.args.find((a) => a.keyword === 'flags')
  const flags = literalStrings(flagsArg)
  const local = listChart(t, call, chart, flagVersion(flags ?? []))
  if (flagsArg !== undefined && flags === undefined) {
    t.out.skipped.push({
      file: t.file,
      line: flagsArg.line,
      reason: 'unsupported',
      message: `${call.name}(…): the flags are computed (a variable, a concatenation or a call), which is not evaluated: the chart is listed without the version they may give, and the images their --set values may give are not listed`,
    })
    return
  }
  const sets = flagsArg === undefined || flags === undefined ? [] : flagSets(flags)
  releaseValues(t, call, flagsArg, sets, flagValues(flags ?? []), local ? chartDir(t, chart) : undefined)
  for (const flag of flags ?? []) {
    const name = flag.value.trim().split('=', 1)[0]
    if (name === '--set-json' || name === '--set-file')
      t.out.skipped.push({
        file: t.file,
        line: flag.line,
        reason: 'unsupported',
        message: `${call.name}(…): ${name} values are not read: the images they set are not listed`,
      })
  }
}

/** The values of `--set`, `--set-string` flags (`--set=a=b` or `'--set', 'a=b'`). */
function flagSets(flags: readonly Token[]): Token[] {
  return flagArguments(flags, SET_FLAGS)
}

/** The values files of `--values`/`-f` flags (`--values=a.yaml`, `'-f', 'a.yaml'`; helm splits them at commas). */
function flagValues(flags: readonly Token[]): Token[] {
  return flagArguments(flags, VALUES_FLAGS).flatMap((token) =>
    token.value
      .split(',')
      .map((path) => path.trim())
      .filter((path) => path !== '')
      .map((path) => ({...token, value: path})),
  )
}

const SET_FLAGS: ReadonlySet<string> = new Set(['--set', '--set-string'])
const VALUES_FLAGS: ReadonlySet<string> = new Set(['--values', '-f'])

/** The argument of each flag named in `names`: after its `=` (`--set=a=b`), or the next string (`'--set', 'a=b'`). */
function flagArguments(flags: readonly Token[], names: ReadonlySet<string>): Token[] {
  const found: Token[] = []
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i].value.trim()
    const equals = flag.indexOf('=')
    if (!names.has(equals < 0 ? flag : flag.slice(0, equals))) continue
    const token = equals >= 0 ? {...flags[i], value: flag.slice(equals + 1)} : flags[++i]
    if (token !== undefined) found.push(token)
  }
  return found
}

/** The strings of a `set` argument; none when there is none, or when it is computed (then said). */
function setTokens(t: Tilt, call: Call, arg: Argument | undefined, sets: readonly Token[] | undefined): Token[] {
  if (arg === undefined) return []
  if (sets === undefined) computed(t, call, arg, 'set argument')
  return sets === undefined ? [] : [...sets]
}

/**
 * The values a call gives its chart, as helm merges them: the chart's own values.yaml when it is a folder of the tree
 * (`dir`), each values file in order (from the Tiltfile's folder; ../../values-layers.ts, which says what it cannot
 * read), then the `key=value` assignments of `sets` as `helm --set` takes them (`a=1,b=2` in one: ../../set-values.ts
 * reads them, and places them at the string that writes them). Read for images, each at the file and line of its
 * latest part, less the images the file builds.
 */
function releaseValues(
  t: Tilt,
  call: Call,
  arg: Argument | undefined,
  sets: readonly Token[],
  files: readonly Token[],
  dir: string | undefined,
): void {
  if (sets.length === 0 && files.length === 0) return
  const stack = valuesStack(t.file, t.context, t.out)
  if (dir !== undefined) addChartValues(stack, dir)
  for (const file of files) addValuesFile(stack, file.value.trim(), t.dir, file, `${call.name}(…)`)
  const pairs = sets.flatMap((token) => parseSetArgument(token.value, token))
  if (stack.merged === undefined && pairs.length === 0) return
  setValueImages(
    pairs,
    arg ?? call,
    {
      file: t.file,
      out: t.out,
      label: `${call.name}(…): values ${files.length > 0 ? 'files and values set' : 'set'}`,
      isOwn: (ref) => isBuiltImage(ref, t.built),
      place: placeIn(stack),
    },
    stack.merged,
  )
}

/** `--version=X` or `--version X` among helm's flags. */
function flagVersion(flags: readonly Token[]): string | undefined {
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i].value.trim()
    if (flag.startsWith('--version=')) return flag.slice('--version='.length).trim()
    if (flag === '--version') return flags[i + 1]?.value.trim()
  }
  return undefined
}

/** A chart as `helm install` reads it (`repo/chart`, `oci://…`, a URL, a path); true when it is a local one. */
function listChart(t: Tilt, call: Call, chart: Token, version: string | undefined): boolean {
  const written = chart.value.trim()
  const location = locationOf(t, chart)
  const label = `${call.name}(…): chart ${elide(written, 200)}`
  const list = (fields: {name: string; repository?: string; version?: string; range?: string}) =>
    t.out.components.push({...chartComponent(fields, location, 'manifest'), direct: true})
  const ref = helmChartRef(written)
  if (listChartRef(ref, version, {location, out: t.out, versionLabel: label, subject: label})) return false
  // A path; or `repo/chart` that is a folder holding a chart, which helm takes before a repository's chart (`deploy/web`
  // with deploy/web/Chart.yaml).
  if (ref.kind === 'local' || t.context.exists?.(posix.join(t.dir, written, 'Chart.yaml'))) {
    listLocal(t, chart, version)
    return true
  }
  const known = t.repositories.has(ref.repo)
  const url = t.repositories.get(ref.repo)
  if (!known)
    t.out.skipped.push({
      file: t.file,
      line: chart.line,
      reason: 'missing-resource',
      message: `${label}: chart repository ${elide(ref.repo, 200)} is not declared by a helm_repo() of this file (\`helm repo add\` may have declared it): listed without its repository`,
    })
  const versioned = chartVersionFields(version, label, location, t.out.skipped)
  if (url !== undefined && /^oci:\/\//.test(url)) list({...ociFields(`${url}/${ref.name}`), ...versioned})
  else list({name: ref.name, ...(url ? {repository: url} : {}), ...versioned})
  return false
}

function ociFields(reference: string): {name: string; repository?: string} {
  const ref = ociRef(reference)
  return ref.kind === 'oci' ? {name: ref.name, repository: ref.repository} : {name: reference}
}

/** The `helm_remote` extension: `chart`, from `repo_url` (or the OCI repository `repo_name`), at `version`. */
function helmRemote(t: Tilt, call: Call): void {
  const arg = argumentOf(call, 0, 'chart')
  const chart = literalString(arg)
  if (chart === undefined) {
    computed(t, call, arg, 'chart')
    return
  }
  const name = chart.value.trim()
  const location = locationOf(t, chart)
  const label = `helm_remote(…): chart ${elide(name, 200)}`
  const versionArg = call.args.find((a) => a.keyword === 'version')
  const version = literalString(versionArg)?.value.trim()
  if (versionArg !== undefined && version === undefined) computed(t, call, versionArg, 'version')
  const versioned = chartVersionFields(version, label, location, t.out.skipped)
  const url = literalString(call.args.find((a) => a.keyword === 'repo_url'))?.value.trim()
  const repoName = literalString(call.args.find((a) => a.keyword === 'repo_name'))?.value.trim()
  const repository = url
    ? repositoryUrl(url, /^oci:\/\//i.test(url))
    : repoName && /^oci:\/\//i.test(repoName)
      ? repositoryUrl(repoName, true)
      : undefined
  if (repository === undefined)
    t.out.skipped.push({
      file: t.file,
      line: chart.line,
      reason: 'missing-resource',
      message: `${label}: no literal repo_url (nor an oci:// repo_name) names its repository: listed without it`,
    })
  t.out.components.push({
    ...chartComponent({name, ...(repository ? {repository} : {}), ...versioned}, location, 'manifest'),
    direct: true,
  })
  const set = call.args.find((a) => a.keyword === 'set')
  releaseValues(t, call, set, setTokens(t, call, set, literalStringOrList(set)), valuesFiles(t, call), undefined)
}

/** `docker_build(ref, context, dockerfile=…)`: an image the project builds; its Dockerfile, when not read by name, said. */
function dockerBuild(t: Tilt, call: Call): void {
  const dockerfile = literalString(call.args.find((a) => a.keyword === 'dockerfile'))
  if (dockerfile === undefined || isDockerfile(dockerfile.value)) return
  t.out.skipped.push({
    file: t.file,
    line: dockerfile.line,
    reason: 'unsupported',
    message: `docker_build(…): dockerfile "${elide(dockerfile.value, 200)}" is not named as the dockerfile format reads Dockerfiles: the images it builds FROM are not listed`,
  })
}
