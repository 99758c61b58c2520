/**
 * GitLab CI/CD configuration (`.gitlab-ci.yml`, https://docs.gitlab.com/ci/yaml/): the images a pipeline runs in.
 * - `image` and `services` at the top level, under `default:`, and in each job, hidden jobs (`.name`, templates
 *   used through `extends:`) included: each is listed where it is written. An image is a string or `{name}`;
 *   `docker: {platform}` becomes the purl's `platform` qualifier, as the Dockerfile format keeps `--platform`.
 * - `$VAR` / `${VAR}` in a name are substituted from the `variables:` of the file (and of the files it includes):
 *   the job's own, then those of the jobs it `extends`, then the top-level ones; a value may use other variables.
 *   A variable defined nowhere in the files (predefined ones such as `$CI_REGISTRY_IMAGE`, project and group
 *   settings) is known only when the pipeline runs: the image is reported (`unset-variable`), not guessed; so is
 *   one whose variables go round in a cycle, nest deeper than 8 levels or are given by `!reference`, with the cause.
 *   GitLab has no shell forms (`${VAR:-default}`): an image using one is `unsupported`, its default not taken.
 * - `extends` that go round in a circle or name no job are errors (GitLab rejects them); nothing is taken through
 *   a cycle. Keys that are not names (`? [a, b]`) are errors at their line: the YAML reader leaves them out.
 * - `include:` of `local:` files (and plain paths) are read beside the file, relative to the folder of the
 *   `.gitlab-ci.yml` (the project's root), each once, bounded; `remote:`, `project:`, `template:` and `component:`
 *   are not fetched (`remote-resource`).
 * - Child pipelines: the local files a trigger job includes (`trigger: include:`) are read as a pipeline of their
 *   own, with the variables the job forwards (childPipelines).
 * - `!reference [job, key]` is read as a tag, not refused; an image given by one is listed where it is declared,
 *   and the reference is skipped (`unsupported`).
 */
import {posix} from 'node:path'
import {appendAll} from '../../../core/arrays.js'
import {compare} from '../../../core/compare.js'
import {PackageURL} from 'packageurl-js'
import {boundedQualifiers} from '../../../core/purl-string.js'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import type {Location} from '../../../core/model.js'
import {isGitlabCiFile} from '../../file-names.js'
import {emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {substitute} from '../../variables.js'
import {GITLAB_TAGS, readYaml} from '../../yaml.js'
import {isAbsent, at, isMap, isScalar, isSeq, stringValue, text, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'gitlab-ci',
  description:
    'GitLab CI .gitlab-ci.yml: image and services of the pipeline, its jobs, local includes and child pipelines',
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
const STEPS_PASSED = `more than ${MAX_STEPS} variables and extended jobs in one pipeline`
const NOT_A_NAME = 'a key that is not a name (a list, a mapping or a !reference) is not read: GitLab CI keys are names'

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
  /** A value given by a tag (`!reference [job, variables, NAME]`): not followed, so not known. */
  tag?: string
  /** Why the value is not known (a child pipeline's variable forwarded from its parent with variables in it). */
  unknown?: string
}

interface Config {
  file: string
  root: YamlMap
}

/** What every file of one pipeline shares: its variables and its jobs by name, the including file's winning. */
interface Pipeline {
  /**
   * A child pipeline's trigger variables, forwarded by the parent's trigger job: they win over the child's own
   * (https://docs.gitlab.com/ci/variables/#cicd-variable-precedence). Empty for a pipeline of its own.
   */
  forwarded: Map<string, Variable>
  globals: Map<string, Variable>
  jobs: Map<string, YamlMap>
  /** The file each job of `jobs` is written in. */
  files: Map<YamlMap, string>
  /** Jobs whose `extends` are circular (GitLab rejects them), with the jobs of their cycle: not followed. */
  circular: Map<string, string[]>
  /** What is left of MAX_STEPS. */
  steps: number
  /** `default: tags:`, the including file's winning: the runners of the jobs that name none. */
  defaultTags?: YamlNode
  /** Whether some job (or `default:`) runs on GitLab's hosted runners on macOS: their tags are looked up then only. */
  macos?: boolean
}

/** The variables an image of a job may use, and why some of its `extends` were not followed. */
interface Scope {
  variables: Map<string, Variable>
  note?: string
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const project = posix.dirname(input.file)
  const {out, configs, pipeline} = listPipeline([{file: input.file, text: input.text}], project, context, new Map())
  childPipelines(configs, pipeline, project, context, out, 1, {read: new Set(), triggers: 0, full: false})
  return out
}

/** Parent and child pipelines nest two levels of child pipelines deep at most (GitLab's limit). */
const MAX_CHILD_DEPTH = 2
/**
 * Trigger jobs whose child pipeline is read, in all, for one file: far above real pipelines (a monorepo's one per
 * service); keeps a hostile file's work (each reads the child's files and the variables it forwards) bounded.
 */
const MAX_TRIGGERS = 200

/**
 * The child pipelines the trigger jobs of a pipeline start (`trigger: include:`,
 * https://docs.gitlab.com/ci/pipelines/downstream_pipelines/#parent-child-pipelines): each is a pipeline of its own,
 * made of the files a trigger job includes (a path or `local:`, relative to the project's root, and what they
 * include), read as the top-level file is. The trigger job's variables and the parent's top-level variables are
 * forwarded to it (`forward: yaml_variables`, true by default; `inherit: variables` limits the top-level ones), and
 * win over the child's own; a forwarded value that uses variables is not followed. `artifact:` (a configuration a
 * job generates when the pipeline runs), `project:`, `template:`, `remote:` and `component:` are not read, nor is
 * `trigger: project` (another project's pipeline). The same files with the same variables are read once.
 */
function childPipelines(
  configs: Config[],
  pipeline: Pipeline,
  project: string,
  context: DiscoverContext,
  out: Output,
  depth: number,
  state: {read: Set<string>; triggers: number; full: boolean},
): void {
  for (const config of configs)
    for (const [name, job] of config.root.entries) {
      if (RESERVED.has(name) || !isMap(job)) continue
      const trigger = job.entries.get('trigger')
      if (isAbsent(trigger)) continue
      const {file} = config
      const skip = (node: YamlNode, reason: 'remote-resource' | 'unsupported' | 'unset-variable', message: string) =>
        out.skipped.push({file, line: node.line, reason, message})
      const downstream = isMap(trigger) ? trigger.entries.get('project') : trigger
      if (stringValue(downstream) !== undefined && !isMap(trigger)) {
        skip(
          trigger,
          'remote-resource',
          `${name}.trigger ${stringValue(trigger)}: another project's pipeline, not read`,
        )
        continue
      }
      if (!isMap(trigger)) continue
      if (stringValue(downstream) !== undefined) {
        skip(
          downstream!,
          'remote-resource',
          `${name}.trigger.project ${stringValue(downstream)}: another project's pipeline, not read`,
        )
        continue
      }
      const include = trigger.entries.get('include')
      if (isAbsent(include)) continue
      const entries = isSeq(include) && include.tag === undefined ? include.items : [include]
      const starts: Array<{file: string; text: string}> = []
      for (const entry of entries) {
        const plain = stringValue(entry)
        const kind = isMap(entry)
          ? ['local', 'artifact', 'remote', 'project', 'template', 'component'].find((k) => entry.entries.has(k))
          : undefined
        const value = kind === undefined ? plain : stringValue((entry as YamlMap).entries.get(kind))
        const path = `${name}.trigger.include`
        if (entry.tag !== undefined || value === undefined) {
          out.errors.push(
            errorAt(
              file,
              entry,
              'invalid-gitlab-ci',
              `${path} must be a path, or local:, artifact:, project:, template:, remote: or component:`,
            ),
          )
          continue
        }
        if (kind === 'artifact') {
          skip(
            entry,
            'unsupported',
            `${path} artifact ${value}: a child pipeline a job generates when the pipeline runs, not read`,
          )
          continue
        }
        if ((kind !== undefined && kind !== 'local') || /^https?:\/\//i.test(value)) {
          const what = kind === undefined || kind === 'local' ? 'remote' : kind
          const files = kind === 'project' ? includedFiles((entry as YamlMap).entries.get('file')) : ''
          skip(
            entry,
            'remote-resource',
            `${path}:${what} ${value}${files}: ${NOT_FETCHED[what]} (a child pipeline, not read)`,
          )
          continue
        }
        if (value.includes('$')) {
          skip(entry, 'unset-variable', `${path} ${value}: a path with variables is known only when the pipeline runs`)
          continue
        }
        if (value.includes('*')) {
          skip(entry, 'unsupported', `${path} ${value}: wildcard paths are not expanded`)
          continue
        }
        const target = posix.normalize(posix.join(project, value.replace(/^\/+/, '')))
        // A `.gitlab-ci.yml` is read on its own by this format (a subproject's pipeline): not a second time here.
        if (isGitlabCiFile(target)) continue
        const text = context.readText(target)
        if (text === null && context.exists?.(target))
          out.errors.push({
            ...locationOf(file, entry),
            code: 'include-not-read',
            message: `${path} ${value} is there but could not be read (its own error says why); its images are not listed`,
          })
        else if (text === null)
          out.skipped.push({
            file,
            line: entry.line,
            reason: 'missing-resource',
            message: `${path} ${value} (a child pipeline) was not found under the scan root`,
          })
        else starts.push({file: target, text})
      }
      if (starts.length === 0) continue
      if (depth > MAX_CHILD_DEPTH) {
        skip(
          include,
          'unsupported',
          `${name}.trigger.include: a child pipeline nested more than ${MAX_CHILD_DEPTH} levels deep, which GitLab does not run; not read`,
        )
        continue
      }
      // Counted even when the same files with the same variables were read already: the work is each job's.
      if (++state.triggers > MAX_TRIGGERS) {
        if (!state.full)
          skip(
            include,
            'unsupported',
            `more than ${MAX_TRIGGERS} trigger jobs with child pipelines; the rest are not read`,
          )
        state.full = true
        continue
      }
      const forwarded = forwardedVariables(name, job, trigger, pipeline)
      const key = JSON.stringify([starts.map((start) => start.file), [...forwarded]])
      if (state.read.has(key)) continue
      state.read.add(key)
      const child = listPipeline(starts, project, context, forwarded)
      merge(out, child.out)
      childPipelines(child.configs, child.pipeline, project, context, out, depth + 1, state)
    }
}

/** Adds what a child pipeline lists, less what another trigger job's reading of the same files already did. */
function merge(out: Output, child: Output): void {
  const key = (entry: {file: string; line?: number; message?: string}, what: string) =>
    `${entry.file}\0${entry.line}\0${what}`
  const components = new Set(out.components.map((c) => key(c.locations[0], `${c.purl}\0${c.ref}`)))
  const skipped = new Set(out.skipped.map((s) => key(s, s.message)))
  const errors = new Set(out.errors.map((e) => key(e, e.message)))
  for (const c of child.components)
    if (!components.has(key(c.locations[0], `${c.purl}\0${c.ref}`))) out.components.push(c)
  for (const s of child.skipped) if (!skipped.has(key(s, s.message))) out.skipped.push(s)
  for (const e of child.errors) if (!errors.has(key(e, e.message))) out.errors.push(e)
}

/**
 * The variables a trigger job passes to its child pipeline: none with `forward: yaml_variables: false`; otherwise
 * the job's own and its `extends`' (jobScope), then the parent's top-level ones the job inherits (`inherit:
 * variables: false` none, a list those named). A value that uses variables is not followed: which values GitLab
 * expands it with, the parent's or the child's, is not written in the files.
 */
function forwardedVariables(name: string, job: YamlMap, trigger: YamlMap, pipeline: Pipeline): Map<string, Variable> {
  const forwarded = new Map<string, Variable>()
  if (text(at(trigger, 'forward', 'yaml_variables')) === 'false') return forwarded
  const inherit = at(job, 'inherit', 'variables')
  const inherited = isSeq(inherit)
    ? new Set(inherit.items.map(stringValue))
    : text(inherit) === 'false'
      ? new Set<string | undefined>()
      : undefined
  const all = new Map(jobScope(name, job, pipeline).variables)
  for (const [global, variable] of pipeline.forwarded) if (!all.has(global)) all.set(global, variable)
  for (const [global, variable] of pipeline.globals)
    if (!all.has(global) && (inherited === undefined || inherited.has(global))) all.set(global, variable)
  for (const [variable, value] of all)
    forwarded.set(
      variable,
      value.tag === undefined && value.unknown === undefined && (!value.expand || !value.value.includes('$'))
        ? value
        : {
            ...value,
            unknown:
              value.unknown ??
              `${variable} is forwarded by the parent pipeline's trigger job ${name} with a value that uses variables, not followed`,
          },
    )
  return forwarded
}

/** Reads a pipeline (its first files, and what they include) and lists its images. */
function listPipeline(
  starts: Array<{file: string; text: string}>,
  project: string,
  context: DiscoverContext,
  forwarded: Map<string, Variable>,
): {out: Output; configs: Config[]; pipeline: Pipeline} {
  const out = emptyOutput()
  const configs = readPipeline(starts, project, context, out)
  // Every file of the pipeline was read: a job `extends` names is then known to exist or not. (A key that is not a
  // name can be no job's name.)
  const complete = out.skipped.length === 0 && out.errors.every((e) => e.message === NOT_A_NAME)
  const pipeline: Pipeline = {
    forwarded,
    globals: new Map(),
    jobs: new Map(),
    files: new Map(),
    circular: new Map(),
    steps: MAX_STEPS,
  }
  // Read in reverse: the including file (the `.gitlab-ci.yml` first of all) overrides what it includes.
  for (const config of [...configs].reverse()) {
    for (const [name, variable] of variablesOf(config.root)) pipeline.globals.set(name, variable)
    const defaults = config.root.entries.get('default')
    if (isMap(defaults) && defaults.entries.has('tags')) pipeline.defaultTags = defaults.entries.get('tags')
    pipeline.macos ||= [...config.root.entries.values()].some((job) => isMap(job) && onMacos(job.entries.get('tags')))
    for (const [name, job] of config.root.entries)
      if (!RESERVED.has(name) && isMap(job)) {
        pipeline.jobs.set(name, job)
        pipeline.files.set(job, config.file)
      }
  }
  checkExtends(pipeline, complete, out)
  for (const config of configs) listImages(config, pipeline, out)
  if (pipeline.steps < 0)
    out.errors.push({
      file: starts[0].file,
      code: 'invalid-gitlab-ci',
      message: `${STEPS_PASSED}; images past them are not resolved`,
    })
  return {out, configs, pipeline}
}

/** The configuration documents of the files and of the local files they include, in the order they are found. */
function readPipeline(
  starts: Array<{file: string; text: string}>,
  project: string,
  context: DiscoverContext,
  out: Output,
): Config[] {
  const configs: Config[] = []
  const seen = new Set(starts.map((start) => posix.normalize(start.file)))
  const queue: Array<{file: string; text: string}> = [...starts]
  let full = false
  for (let next = queue.shift(); next; next = queue.shift()) {
    const yaml = readYaml(next.text, next.file, {localTags: GITLAB_TAGS})
    appendAll(out.errors, yaml.errors)
    // The reader leaves such keys out of its maps: a job so named would be lost without a word.
    for (const line of yaml.complexKeyLines)
      out.errors.push({
        file: next.file,
        line,
        code: 'invalid-gitlab-ci',
        message: NOT_A_NAME,
      })
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
        if (text === null && context.exists?.(local.file))
          out.errors.push({
            ...local.location,
            code: 'include-not-read',
            message: `include ${local.written} is there but could not be read (its own error says why); its images are not listed`,
          })
        else if (text === null)
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
  if (isAbsent(node)) return []
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

/** Where an image is read: the output, the file, the pipeline and the variables of the job (or none) it is in. */
interface Place {
  out: Output
  file: string
  pipeline: Pipeline
  own: () => Scope
}

function listImages(config: Config, pipeline: Pipeline, out: Output): void {
  const {file, root} = config
  const none: Scope = {variables: new Map()}
  const top: Place = {out, file, pipeline, own: () => none}
  const macosDefault = onMacos(pipeline.defaultTags)
  imagesOf(top, root, '', macosDefault)
  const defaults = root.entries.get('default')
  if (isMap(defaults)) imagesOf(top, defaults, 'default.', macosDefault)
  for (const [name, job] of root.entries) {
    if (RESERVED.has(name) || !isMap(job)) continue
    // Made once, when an image of the job names a variable.
    let scope: Scope | undefined
    const own = () => {
      scope ??= jobScope(name, job, pipeline)
      return scope
    }
    const macos = pipeline.macos === true && job.entries.has('image') && onMacos(jobTags(job, pipeline))
    imagesOf({...top, own}, job, `${name}.`, macos)
  }
}

/**
 * GitLab's hosted runners on macOS (runner tags `saas-macos-medium-m1`, `saas-macos-large-m2pro`) run a job in a
 * macOS virtual machine its `image` names (`macos-15-xcode-16`), "in comparison to our hosted runners on Linux, where
 * you can run any Docker image" (https://docs.gitlab.com/ci/runners/hosted_runners/macos/): no container image.
 */
function onMacos(tags: YamlNode | undefined): boolean {
  return isSeq(tags) && tags.items.some((tag) => stringValue(tag)?.startsWith('saas-macos-') === true)
}

/**
 * A job's `tags`: its own, else those of the jobs it `extends` (the last one's, with what it extends, winning, as
 * GitLab merges them), else `default: tags`. Circular `extends` are not followed; bounded by MAX_STEPS.
 */
function jobTags(job: YamlMap, pipeline: Pipeline): YamlNode | undefined {
  const seen = new Set<YamlMap>([job])
  const visit = (current: YamlMap, depth: number): YamlNode | undefined => {
    if (current.entries.has('tags')) return current.entries.get('tags')
    if (depth >= MAX_EXTENDS) return undefined
    for (const {name} of extendedNames(current).reverse()) {
      const parent = name === undefined || pipeline.circular.has(name) ? undefined : pipeline.jobs.get(name)
      if (parent === undefined || seen.has(parent) || --pipeline.steps < 0) continue
      seen.add(parent)
      const found = visit(parent, depth + 1)
      if (found !== undefined) return found
    }
    return undefined
  }
  return visit(job, 0) ?? pipeline.defaultTags
}

/** The `image` and `services` of the top level, `default:` or a job; on macOS runners the image is a VM's. */
function imagesOf(place: Place, holder: YamlMap, prefix: string, macos = false): void {
  if (!macos) imageAt(place, holder.entries.get('image'), `${prefix}image`)
  servicesAt(place, holder.entries.get('services'), `${prefix}services`)
}

/**
 * A job's variables, then those of the jobs it extends (nearest first), as one map: earlier names win. A job on a
 * circular `extends` (reported by checkExtends) is not followed: nothing is taken through the cycle.
 */
function jobScope(jobName: string, job: YamlMap, pipeline: Pipeline): Scope {
  const variables = new Map<string, Variable>()
  const visited = new Set<YamlMap>()
  const cut = new Set<string>()
  const visit = (current: YamlMap, depth: number): void => {
    if (visited.has(current) || depth > MAX_EXTENDS || --pipeline.steps < 0) return
    visited.add(current)
    for (const [name, variable] of variablesOf(current)) if (!variables.has(name)) variables.set(name, variable)
    // With several, the last one's keys win (https://docs.gitlab.com/ci/yaml/#extends).
    for (const {name} of extendedNames(current).reverse()) {
      const parent = name === undefined ? undefined : pipeline.jobs.get(name)
      if (name !== undefined && pipeline.circular.has(name)) cut.add(name)
      else if (parent) visit(parent, depth + 1)
    }
  }
  visit(job, 0)
  if (cut.size === 0) return {variables}
  const names = [...cut].sort(compare).join(', ')
  return {variables, note: `${jobName} extends ${names} through a circular extends, not followed`}
}

/** The entries of a job's `extends`, with the name each gives (undefined when it is not a name). */
function extendedNames(job: YamlMap): Array<{name: string | undefined; node: YamlNode}> {
  const extended = job.entries.get('extends')
  if (isAbsent(extended)) return []
  const nodes = isSeq(extended) && extended.tag === undefined ? extended.items : [extended]
  return nodes.map((node) => ({name: node.tag === undefined ? stringValue(node) : undefined, node}))
}

/**
 * GitLab rejects a pipeline whose `extends` name a job that does not exist or go round in a circle: each is an error
 * at the `extends`, and the jobs of a circle are noted in `pipeline.circular` (their strongly connected components,
 * found by Tarjan's algorithm without recursion: a hostile chain may be as long as the file).
 */
function checkExtends(pipeline: Pipeline, complete: boolean, out: Output): void {
  const parents = new Map<string, string[]>()
  for (const [name, job] of pipeline.jobs) {
    const file = pipeline.files.get(job) ?? ''
    const known: string[] = []
    for (const entry of extendedNames(job)) {
      if (entry.node.tag !== undefined)
        out.skipped.push({
          file,
          line: entry.node.line,
          reason: 'unsupported',
          message: `${name}.extends given by ${entry.node.tag}: not followed`,
        })
      else if (entry.name === undefined)
        out.errors.push(errorAt(file, entry.node, 'invalid-gitlab-ci', `${name}.extends must name jobs`))
      else if (pipeline.jobs.has(entry.name)) known.push(entry.name)
      else if (complete)
        out.errors.push(
          errorAt(
            file,
            entry.node,
            'invalid-gitlab-ci',
            `${name} extends ${entry.name}, which is no job of the pipeline (GitLab rejects it)`,
          ),
        )
    }
    parents.set(name, known)
  }
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const selfLoops = new Set<string>()
  const enter = (name: string, work: Array<{name: string; next: number}>) => {
    index.set(name, index.size)
    low.set(name, index.size - 1)
    stack.push(name)
    onStack.add(name)
    work.push({name, next: 0})
  }
  for (const start of pipeline.jobs.keys()) {
    if (index.has(start)) continue
    const work: Array<{name: string; next: number}> = []
    enter(start, work)
    while (work.length > 0) {
      const frame = work[work.length - 1]
      const edges = parents.get(frame.name) ?? []
      if (frame.next < edges.length) {
        const parent = edges[frame.next++]
        if (parent === frame.name) selfLoops.add(parent)
        if (!index.has(parent)) enter(parent, work)
        else if (onStack.has(parent)) low.set(frame.name, Math.min(low.get(frame.name)!, index.get(parent)!))
        continue
      }
      work.pop()
      const caller = work[work.length - 1]
      if (caller) low.set(caller.name, Math.min(low.get(caller.name)!, low.get(frame.name)!))
      if (low.get(frame.name) !== index.get(frame.name)) continue
      const component: string[] = []
      for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
        onStack.delete(member)
        component.push(member)
        if (member === frame.name) break
      }
      if (component.length > 1 || selfLoops.has(frame.name)) {
        component.reverse()
        for (const member of component) pipeline.circular.set(member, component)
      }
    }
  }
  checkExtendsDepth(pipeline, parents, out)
  for (const [name, cycle] of pipeline.circular) {
    const job = pipeline.jobs.get(name)!
    const through = cycle.length === 1 ? `${name} extends itself` : `a cycle through ${listed(cycle)}`
    out.errors.push(
      errorAt(
        pipeline.files.get(job) ?? '',
        job.entries.get('extends'),
        'invalid-gitlab-ci',
        `${name}: circular extends (${through}), which GitLab rejects; nothing is taken through it`,
      ),
    )
  }
}

/**
 * GitLab follows at most MAX_EXTENDS jobs up one `extends` chain and rejects a pipeline with a longer one
 * (lib/gitlab/ci/config/extendable/entry.rb: "nesting too deep in `extends`"): an error at each job that starts
 * one, naming the chain. The longest chain above each job is counted once per job, without recursion; the jobs of
 * a circle (reported apart) end a chain.
 */
function checkExtendsDepth(pipeline: Pipeline, parents: Map<string, string[]>, out: Output): void {
  const depth = new Map<string, {levels: number; next?: string}>()
  const longest = (start: string): number => {
    const work = [start]
    while (work.length > 0) {
      const name = work[work.length - 1]
      if (depth.has(name)) {
        work.pop()
        continue
      }
      let pending = false
      for (const parent of parents.get(name) ?? []) {
        if (pipeline.circular.has(parent) || depth.has(parent)) continue
        // One at a time, never spread: an `extends` may name as many jobs as the file holds.
        work.push(parent)
        pending = true
      }
      if (pending) continue
      work.pop()
      let best: {levels: number; next?: string} = {levels: 0}
      for (const parent of parents.get(name) ?? []) {
        if (pipeline.circular.has(parent)) continue
        const levels = depth.get(parent)!.levels + 1
        if (levels > best.levels) best = {levels, next: parent}
      }
      depth.set(name, best)
    }
    return depth.get(start)!.levels
  }
  for (const [name, job] of pipeline.jobs) {
    if (pipeline.circular.has(name) || longest(name) <= MAX_EXTENDS) continue
    const chain: string[] = []
    for (let at = depth.get(name)?.next; at !== undefined && chain.length <= MAX_EXTENDS; at = depth.get(at)?.next)
      chain.push(at)
    const levels = depth.get(name)!.levels
    out.errors.push(
      errorAt(
        pipeline.files.get(job) ?? '',
        job.entries.get('extends'),
        'invalid-gitlab-ci',
        `${name} extends jobs ${levels} levels deep (${chain.join(' > ')}${levels > chain.length ? ' > ...' : ''}), past the ${MAX_EXTENDS} GitLab follows: it rejects the pipeline (nesting too deep in extends), and variables past the ${MAX_EXTENDS}th are not read`,
      ),
    )
  }
}

function listed(names: string[]): string {
  return `${names.slice(0, 10).join(', ')}${names.length > 10 ? `, ... (${names.length})` : ''}`
}

function variablesOf(node: YamlMap): Map<string, Variable> {
  const variables = new Map<string, Variable>()
  const block = node.entries.get('variables')
  if (!isMap(block)) return variables
  for (const [name, value] of block.entries) {
    const written = isMap(value) ? value.entries.get('value') : value
    if (written?.tag !== undefined) {
      variables.set(name, {value: '', expand: false, tag: written.tag})
      continue
    }
    if (!isScalar(written) || written.kind === 'null') continue
    const expand =
      !isMap(value) || !isScalar(value.entries.get('expand')) || text(value.entries.get('expand')) !== 'false'
    variables.set(name, {value: written.text, expand})
  }
  return variables
}

function servicesAt(place: Place, node: YamlNode | undefined, path: string): void {
  const {out, file} = place
  if (isAbsent(node)) return
  if (node.tag !== undefined) {
    referenceSkip(out, file, node, path)
    return
  }
  if (!isSeq(node)) {
    out.errors.push(errorAt(file, node, 'invalid-gitlab-ci', `${path} must be a list`))
    return
  }
  node.items.forEach((service, i) => {
    imageAt(place, service, `${path}[${i}]`)
  })
}

function imageAt(place: Place, node: YamlNode | undefined, path: string): void {
  const {out, file, pipeline, own} = place
  if (isAbsent(node)) return
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
  if (resolved.unresolved) {
    // A template's variables may be set by the jobs that extend it, each its own: not one value to list here.
    const template = path.startsWith('.') ? '; a hidden job may take them from the jobs that extend it' : ''
    out.skipped.push({
      file,
      line: location.line,
      reason: resolved.unresolved.reason,
      message: `${path} "${written}": ${resolved.unresolved.message}${template}`,
    })
    return
  }
  const parsed = parseImageRef(resolved.value)
  if (!parsed.ok && path.startsWith('.')) {
    // A hidden job (a template) runs only through the jobs that extend it: its image may be a placeholder (`_`).
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path} "${resolved.value}" is no image reference (${parsed.message}); a hidden job is run only by the jobs that extend it`,
    })
    return
  }
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
    purl.qualifiers = boundedQualifiers({...(purl.qualifiers ?? {}), platform})
    component.purl = purl.toString()
  }
  out.components.push(component)
}

/** `${NAME` followed by anything but `}` (`${NAME:-default}` and the like), once `$$` (a literal `$`) is set aside. */
const SHELL_FORM = /\$\{[A-Za-z_][A-Za-z0-9_]*[^A-Za-z0-9_}]/

/** Whether `text` uses a shell form of substitution, which GitLab does not have (only `$NAME` and `${NAME}`). */
function hasShellForm(text: string): boolean {
  return text.includes('${') && SHELL_FORM.test(text.replaceAll('$$', ''))
}

interface Unresolved {
  reason: 'unset-variable' | 'unsupported'
  message: string
}

/**
 * `written` with the job's and the pipeline's variables substituted, GitLab's way (`$VAR`, `${VAR}`, `$$` for `$`).
 * A variable's value may use others: each is expanded once (memoised). What cannot be resolved is told, each with
 * its cause: a variable defined nowhere, a cycle, variables nested too deep, a value given by `!reference`, a shell
 * form GitLab does not expand (`${VAR:-default}`, which GitLab would not read as a default).
 */
function expand(
  written: string,
  job: () => Scope,
  pipeline: Pipeline,
): {ok: true; value: string; unresolved?: Unresolved} | {ok: false; message: string} {
  if (!written.includes('$')) return {ok: true, value: written}
  if (hasShellForm(written))
    return {
      ok: true,
      value: written,
      unresolved: {
        reason: 'unsupported',
        message: `GitLab expands only $VAR and \${VAR}, not shell forms such as \${VAR:-default}; not guessed`,
      },
    }
  const scope = job()
  const unknown = new Set<string>()
  const causes: string[] = []
  let shell = false
  const memo = new Map<string, string | undefined>()
  const active = new Set<string>()
  const resolve = (name: string, depth: number): string | undefined => {
    if (memo.has(name)) return memo.get(name)
    if (--pipeline.steps < 0) throw new Error(STEPS_PASSED)
    const variable = pipeline.forwarded.get(name) ?? scope.variables.get(name) ?? pipeline.globals.get(name)
    if (variable === undefined) {
      unknown.add(name)
      return undefined
    }
    if (active.has(name)) {
      const chain = [...active]
      causes.push(`a cycle of variables ${[...chain.slice(chain.indexOf(name)), name].join(' -> ')}`)
      return undefined
    }
    if (depth > MAX_VARIABLE_DEPTH) {
      causes.push(`variables nested deeper than ${MAX_VARIABLE_DEPTH} levels (${[...active, name].join(' -> ')})`)
      memo.set(name, undefined)
      return undefined
    }
    let value: string | undefined = variable.value
    if (variable.unknown !== undefined) {
      causes.push(variable.unknown)
      value = undefined
    } else if (variable.tag !== undefined) {
      causes.push(`${name} is given by ${variable.tag}, not followed`)
      value = undefined
    } else if (variable.expand && hasShellForm(variable.value)) {
      causes.push(`${name} "${variable.value}" uses a shell form GitLab does not expand (only $VAR and \${VAR})`)
      shell = true
      value = undefined
    } else if (variable.expand && value.includes('$')) {
      active.add(name)
      const inner = substitute(value, {escape: '$$', lookup: (n) => resolve(n, depth + 1)})
      active.delete(name)
      if (!inner.ok) throw new Error(pipeline.steps < 0 ? inner.message : `variable ${name}: ${inner.message}`)
      value = inner.unset.length > 0 ? undefined : inner.value
    }
    memo.set(name, value)
    return value
  }
  const result = substitute(written, {escape: '$$', lookup: (name) => resolve(name, 0)})
  if (!result.ok) return result
  if (result.unset.length === 0) return {ok: true, value: result.value}
  const parts = [...new Set(causes)]
  // The names defined nowhere, not those whose values use them.
  const undefinedNames = unknown.size > 0 || parts.length > 0 ? [...unknown].sort(compare) : result.unset
  if (undefinedNames.length > 0)
    parts.unshift(
      `${undefinedNames.join(', ')} not defined in the file's variables (predefined, project and group variables are set when the pipeline runs)`,
    )
  if (scope.note) parts.push(scope.note)
  return {
    ok: true,
    value: result.value,
    unresolved: {reason: shell ? 'unsupported' : 'unset-variable', message: parts.join('; ')},
  }
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
