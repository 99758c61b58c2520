/**
 * GitLab CI/CD configuration (`.gitlab-ci.yml`, https://docs.gitlab.com/ci/yaml/): the images a pipeline runs in.
 * - `image` and `services` at the top level, under `default:`, and in each job, hidden jobs (`.name`, templates
 *   used through `extends:`) included: each is listed where it is written. An image is a string or `{name}`;
 *   `docker: {platform}` becomes the purl's `platform` qualifier, as the Dockerfile format keeps `--platform`.
 * - `$VAR` / `${VAR}` in a name are substituted from the `variables:` of the file (and of the files it includes):
 *   the job's own, then those of the jobs it `extends`, then the top-level ones; a value may use other variables.
 *   A variable defined nowhere in the files (predefined ones such as `$CI_REGISTRY_IMAGE`, project and group
 *   settings) is known only when the pipeline runs: the image is reported (`unset-variable`), not guessed.
 * - `include:` of `local:` files (and plain paths) are read beside the file, relative to the folder of the
 *   `.gitlab-ci.yml` (the project's root), each once, bounded; `remote:`, `project:`, `template:` and `component:`
 *   are not fetched (`remote-resource`).
 * - `!reference [job, key]` is read as a tag, not refused; an image given by one is listed where it is declared,
 *   and the reference is skipped (`unsupported`).
 */
import {posix} from 'node:path'
import {appendAll} from '../../../core/arrays.js'
import {PackageURL} from 'packageurl-js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Location} from '../../../core/model.js'
import {isGitlabCiFile} from '../../file-names.js'
import {emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {substitute} from '../../variables.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isScalar, isSeq, stringValue, text, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'gitlab-ci',
  description: 'GitLab CI .gitlab-ci.yml: image and services of the pipeline, its jobs and local includes',
  matches: isGitlabCiFile,
  // No `identify`: nothing at the head of a pipeline tells it from other CI files (Azure's `stages:`, `script:`).
  discover,
}

/** GitLab's own limit on the files one pipeline includes (https://docs.gitlab.com/ci/yaml/includes/). */
const MAX_INCLUDES = 150
/** GitLab follows `extends` 11 levels deep. */
const MAX_EXTENDS = 11
/** Variables that use other variables: far deeper than any real file; keeps a hostile one bounded. */
const MAX_VARIABLE_DEPTH = 8
/**
 * Jobs visited through `extends` and variables expanded, in all, for one file: far above real pipelines (GitLab's
 * own has a few thousand jobs), and what keeps a hostile file's work linear.
 */
const MAX_STEPS = 200_000
const LOCAL_TAGS: ReadonlySet<string> = new Set(['!reference'])

/** Top-level keys that are not jobs (https://docs.gitlab.com/ci/yaml/#global-keywords); `spec` heads a component. */
const RESERVED = new Set([
  'default',
  'include',
  'stages',
  'variables',
  'workflow',
  'image',
  'services',
  'cache',
  'before_script',
  'after_script',
  'types',
  'spec',
])

interface Variable {
  value: string
  /** `expand: false`: the value is taken as written. */
  expand: boolean
}

interface Config {
  file: string
  root: YamlMap
}

/** What every file of one pipeline shares: its variables and its jobs by name, the including file's winning. */
interface Pipeline {
  globals: Map<string, Variable>
  jobs: Map<string, YamlMap>
  /** What is left of MAX_STEPS. */
  steps: number
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const configs = readPipeline(input, context, out)
  const pipeline: Pipeline = {globals: new Map(), jobs: new Map(), steps: MAX_STEPS}
  // Read in reverse: the including file (the `.gitlab-ci.yml` first of all) overrides what it includes.
  for (const config of [...configs].reverse()) {
    for (const [name, variable] of variablesOf(config.root)) pipeline.globals.set(name, variable)
    for (const [name, job] of config.root.entries) if (!RESERVED.has(name) && isMap(job)) pipeline.jobs.set(name, job)
  }
  for (const config of configs) listImages(config, pipeline, out)
  if (pipeline.steps < 0)
    out.errors.push({
      file: input.file,
      code: 'invalid-gitlab-ci',
      message: `more than ${MAX_STEPS} variables and extended jobs in one pipeline; images past them are not resolved`,
    })
  return out
}

/** The configuration documents of the file and of the local files it includes, in the order they are found. */
function readPipeline(input: DiscoverInput, context: DiscoverContext, out: Output): Config[] {
  const configs: Config[] = []
  const project = posix.dirname(input.file)
  const seen = new Set([posix.normalize(input.file)])
  const queue: Array<{file: string; text: string}> = [{file: input.file, text: input.text}]
  let full = false
  for (let next = queue.shift(); next; next = queue.shift()) {
    const yaml = readYaml(next.text, next.file, {localTags: LOCAL_TAGS})
    appendAll(out.errors, yaml.errors)
    for (const doc of yaml.documents) {
      if (doc.root === null || (isScalar(doc.root) && doc.root.kind === 'null')) continue
      if (!isMap(doc.root)) {
        out.errors.push(errorAt(next.file, doc.root, 'invalid-gitlab-ci', 'a GitLab CI document must be a mapping'))
        continue
      }
      // A component's header (`spec: inputs:`) is a document of its own, before the configuration.
      if (doc.root.entries.size === 1 && doc.root.entries.has('spec')) continue
      configs.push({file: next.file, root: doc.root})
      for (const local of localIncludes(next.file, doc.root, project, out)) {
        if (seen.has(local.file) || full) continue
        if (seen.size > MAX_INCLUDES) {
          // The files already read are still listed; the includes past the limit are not read.
          full = true
          out.errors.push({
            ...local.location,
            code: 'invalid-gitlab-ci',
            message: `more than ${MAX_INCLUDES} included files; the rest are not read`,
          })
          continue
        }
        seen.add(local.file)
        const text = context.readText(local.file)
        if (text === null)
          out.skipped.push({
            file: local.location.file,
            line: local.location.line,
            reason: 'missing-resource',
            message: `include ${local.written} was not found under the scan root`,
          })
        else queue.push({file: local.file, text})
      }
    }
  }
  return configs
}

/** The local files a document includes; the other kinds are reported as not fetched. */
function localIncludes(
  file: string,
  root: YamlMap,
  project: string,
  out: Output,
): Array<{file: string; written: string; location: Location}> {
  const node = root.entries.get('include')
  if (node === undefined || (isScalar(node) && node.kind === 'null')) return []
  const entries = isSeq(node) && node.tag === undefined ? node.items : [node]
  const found: Array<{file: string; written: string; location: Location}> = []
  for (const entry of entries) {
    const location = locationOf(file, entry)
    const skip = (reason: 'remote-resource' | 'unsupported' | 'unset-variable', message: string) =>
      out.skipped.push({file, line: location.line, reason, message})
    if (entry.tag !== undefined) {
      skip('unsupported', `include given by ${entry.tag}: not followed`)
      continue
    }
    const plain = stringValue(entry)
    let local: string | undefined
    if (plain !== undefined) {
      if (/^https?:\/\//i.test(plain)) {
        skip('remote-resource', `include ${plain} is a remote file: not fetched`)
        continue
      }
      local = plain
    } else if (isMap(entry)) {
      const kind = ['local', 'remote', 'project', 'template', 'component'].find((k) => entry.entries.has(k))
      const value = kind === undefined ? undefined : stringValue(entry.entries.get(kind))
      if (kind === 'local') local = value
      else if (kind !== undefined && value !== undefined) {
        const files = kind === 'project' ? includedFiles(entry.entries.get('file')) : ''
        skip('remote-resource', `include:${kind} ${value}${files}: ${NOT_FETCHED[kind]}`)
        continue
      }
    }
    if (local === undefined) {
      out.errors.push(
        errorAt(
          file,
          entry,
          'invalid-gitlab-ci',
          'include must be a path, or local:, remote:, project:, template: or component:',
        ),
      )
      continue
    }
    if (local.includes('$')) {
      skip('unset-variable', `include ${local}: a path with variables is known only when the pipeline runs`)
      continue
    }
    if (local.includes('*')) {
      skip('unsupported', `include ${local}: wildcard paths are not expanded`)
      continue
    }
    const target = posix.normalize(posix.join(project, local.replace(/^\/+/, '')))
    found.push({file: target, written: local, location})
  }
  return found
}

const NOT_FETCHED: Record<string, string> = {
  remote: 'a remote file, not fetched',
  project: 'in another project, not fetched',
  template: "one of GitLab's templates, not fetched",
  component: 'a CI/CD component, not fetched',
}

function includedFiles(node: YamlNode | undefined): string {
  const files = isSeq(node) ? node.items.map(stringValue) : [stringValue(node)]
  const named = files.filter((f): f is string => f !== undefined)
  return named.length > 0 ? ` (${named.slice(0, 5).join(', ')}${named.length > 5 ? ', ...' : ''})` : ''
}

function listImages(config: Config, pipeline: Pipeline, out: Output): void {
  const {file, root} = config
  const none = new Map<string, Variable>()
  const top = () => none
  imageAt(out, file, root.entries.get('image'), 'image', pipeline, top)
  servicesAt(out, file, root.entries.get('services'), 'services', pipeline, top)
  const defaults = root.entries.get('default')
  if (isMap(defaults)) {
    imageAt(out, file, defaults.entries.get('image'), 'default.image', pipeline, top)
    servicesAt(out, file, defaults.entries.get('services'), 'default.services', pipeline, top)
  }
  for (const [name, job] of root.entries) {
    if (RESERVED.has(name) || !isMap(job)) continue
    // Made once, when an image of the job names a variable.
    let variables: Map<string, Variable> | undefined
    const own = () => {
      variables ??= jobVariables(job, pipeline)
      return variables
    }
    imageAt(out, file, job.entries.get('image'), `${name}.image`, pipeline, own)
    servicesAt(out, file, job.entries.get('services'), `${name}.services`, pipeline, own)
  }
}

/** A job's variables, then those of the jobs it extends (nearest first), as one map: earlier names win. */
function jobVariables(job: YamlMap, pipeline: Pipeline): Map<string, Variable> {
  const variables = new Map<string, Variable>()
  const visited = new Set<YamlMap>()
  const visit = (current: YamlMap, depth: number): void => {
    if (visited.has(current) || depth > MAX_EXTENDS || --pipeline.steps < 0) return
    visited.add(current)
    for (const [name, variable] of variablesOf(current)) if (!variables.has(name)) variables.set(name, variable)
    const extended = current.entries.get('extends')
    const names = isSeq(extended) ? extended.items.map(stringValue) : [stringValue(extended)]
    // With several, the last one's keys win (https://docs.gitlab.com/ci/yaml/#extends).
    for (const name of names.reverse()) {
      const parent = name === undefined ? undefined : pipeline.jobs.get(name)
      if (parent) visit(parent, depth + 1)
    }
  }
  visit(job, 0)
  return variables
}

function variablesOf(node: YamlMap): Map<string, Variable> {
  const variables = new Map<string, Variable>()
  const block = node.entries.get('variables')
  if (!isMap(block)) return variables
  for (const [name, value] of block.entries) {
    const written = isMap(value) ? value.entries.get('value') : value
    if (!isScalar(written) || written.kind === 'null' || written.tag !== undefined) continue
    const expand =
      !isMap(value) || !isScalar(value.entries.get('expand')) || text(value.entries.get('expand')) !== 'false'
    variables.set(name, {value: written.text, expand})
  }
  return variables
}

function servicesAt(
  out: Output,
  file: string,
  node: YamlNode | undefined,
  path: string,
  pipeline: Pipeline,
  own: () => Map<string, Variable>,
): void {
  if (node === undefined || (isScalar(node) && node.kind === 'null')) return
  if (node.tag !== undefined) {
    referenceSkip(out, file, node, path)
    return
  }
  if (!isSeq(node)) {
    out.errors.push(errorAt(file, node, 'invalid-gitlab-ci', `${path} must be a list`))
    return
  }
  node.items.forEach((service, i) => {
    imageAt(out, file, service, `${path}[${i}]`, pipeline, own)
  })
}

function imageAt(
  out: Output,
  file: string,
  node: YamlNode | undefined,
  path: string,
  pipeline: Pipeline,
  own: () => Map<string, Variable>,
): void {
  if (node === undefined || (isScalar(node) && node.kind === 'null')) return
  let name: YamlNode | undefined = node
  let platform: string | undefined
  if (isMap(node) && node.tag === undefined) {
    name = node.entries.get('name')
    platform = stringValue(at(node, 'docker', 'platform'))
    if (name === undefined) {
      out.errors.push(errorAt(file, node, 'invalid-gitlab-ci', `${path} has no name`))
      return
    }
  }
  if (name.tag !== undefined) {
    referenceSkip(out, file, name, path)
    return
  }
  const written = stringValue(name)
  if (written === undefined) {
    out.errors.push(errorAt(file, name, 'invalid-gitlab-ci', `${path} must be an image name or {name: ...}`))
    return
  }
  const location = locationOf(file, name)
  if (written.includes('$[[')) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path} "${written}" holds a $[[ inputs ]] expression, known only when the file is included`,
    })
    return
  }
  const resolved = expand(written, own, pipeline)
  if (!resolved.ok) {
    out.errors.push({...location, code: 'invalid-variable', message: `${path} "${written}": ${resolved.message}`})
    return
  }
  if (resolved.unset.length > 0) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unset-variable',
      message: `${path} "${written}": ${resolved.unset.join(', ')} not defined in the file's variables (predefined, project and group variables are set when the pipeline runs)`,
    })
    return
  }
  const parsed = parseImageRef(resolved.value)
  if (!parsed.ok) {
    out.errors.push({
      ...location,
      code: 'invalid-image-ref',
      message: `${path}: invalid image reference "${resolved.value}": ${parsed.message}`,
    })
    return
  }
  const component = imageComponent(parsed.image, written, location, 'manifest')
  if (platform && !platform.includes('$') && component.purl) {
    const purl = PackageURL.fromString(component.purl)
    purl.qualifiers = {...(purl.qualifiers ?? {}), platform}
    component.purl = purl.toString()
  }
  out.components.push(component)
}

/**
 * `written` with the job's and the pipeline's variables substituted, GitLab's way (`$VAR`, `${VAR}`, `$$` for `$`).
 * A variable's value may use others: each is expanded once (memoised), a cycle or a variable defined nowhere leaves
 * the names that are unknown.
 */
function expand(
  written: string,
  job: () => Map<string, Variable>,
  pipeline: Pipeline,
): {ok: true; value: string; unset: string[]} | {ok: false; message: string} {
  if (!written.includes('$')) return {ok: true, value: written, unset: []}
  const own = job()
  const unknown = new Set<string>()
  const memo = new Map<string, string | undefined>()
  const active = new Set<string>()
  const resolve = (name: string, depth: number): string | undefined => {
    if (memo.has(name)) return memo.get(name)
    if (--pipeline.steps < 0) throw new Error(`more than ${MAX_STEPS} variables and extended jobs in one file`)
    const variable = own.get(name) ?? pipeline.globals.get(name)
    if (variable === undefined || active.has(name) || depth > MAX_VARIABLE_DEPTH) {
      unknown.add(name)
      return undefined
    }
    let value: string | undefined = variable.value
    if (variable.expand && value.includes('$')) {
      active.add(name)
      const inner = substitute(value, {escape: '$$', lookup: (n) => resolve(n, depth + 1)})
      active.delete(name)
      if (!inner.ok) throw new Error(pipeline.steps < 0 ? inner.message : `variable ${name}: ${inner.message}`)
      if (inner.unset.length > 0) value = undefined
      else value = inner.value
    }
    memo.set(name, value)
    return value
  }
  const result = substitute(written, {escape: '$$', lookup: (name) => resolve(name, 0)})
  if (!result.ok) return result
  // The names defined nowhere, not those whose values use them.
  const unset = [...unknown].sort()
  return {ok: true, value: result.value, unset: unset.length > 0 || result.unset.length === 0 ? unset : result.unset}
}

function referenceSkip(out: Output, file: string, node: YamlNode, path: string): void {
  const target = isSeq(node) ? node.items.map((item) => stringValue(item) ?? '?').join(', ') : ''
  out.skipped.push({
    file,
    line: node.line,
    reason: 'unsupported',
    message: `${path} is ${node.tag} [${target.slice(0, 200)}]: the image is listed where it is declared`,
  })
}
