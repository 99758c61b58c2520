/**
 * Buildkite pipelines (https://buildkite.com/docs/pipelines/configure/defining-steps): the files
 * `buildkite-agent pipeline upload` reads when no file is named (https://buildkite.com/docs/agent/v3/cli-pipeline:
 * `buildkite.yml|yaml|json`, `.buildkite/pipeline.yml|yaml|json`, `buildkite/pipeline.yml|yaml|json`) and the
 * `buildkite.*.yml` and `.buildkite/pipeline.*.yml` variants pipelines upload by name (../../file-names.ts), when
 * their content is a pipeline (top-level `steps`, or a list of steps): another file under such a name is left to the
 * k8s-manifest format.
 * - Plugins (https://buildkite.com/docs/pipelines/integrations/plugins/using): each command step's `plugins`, a list
 *   of `name#ref` strings or one-key mappings, or one mapping of them (go-pipeline plugins.go). A plugin is the git
 *   repository its name stands for (./plugin-source.ts), at the ref after `#`: a `generic` package named by that
 *   repository (`github.com/buildkite-plugins/docker-buildkite-plugin`), version the ref, purl `vcs_url` (the vcs-url
 *   resolver names the repository with no request), `direct: true`, located at the name. No ref: the agent checks
 *   out the repository's default branch when the job runs, so it is listed without a version and reported
 *   (`unresolved-version`). Paths and `file://` plugins are on the agent's machine or in the repository: not listed.
 *   `kubernetes` is the Agent Stack for Kubernetes' own key, read by its controller, no repository: not listed.
 * - Images: the `image` of the Docker plugin (github.com/buildkite-plugins/docker-buildkite-plugin, by any name
 *   that stands for it), and the `image` of the pipeline and of a step (the container a Kubernetes-stack or hosted
 *   agent runs the job in). The Docker Compose plugin names Compose files (the compose format reads them), no image.
 *   Other plugins' settings are not read (they hold tokens and passwords as often as anything).
 * - Steps: `steps` of the pipeline (or a file that is a list of steps) and of `group` steps; `wait`, `block`,
 *   `input` and `trigger` steps have no plugins. A step or plugin written once with an anchor and reused through
 *   aliases (or `<<` merges) is one node: listed once, where it is written.
 * - `$VAR`, `${VAR}` are interpolated by `buildkite-agent pipeline upload` from the build's environment, and
 *   `{{matrix…}}` by each job of a step's matrix: a plugin name or image holding one is reported (`unsupported`),
 *   never guessed.
 * Map keys carry no position in the YAML tree: a plugin written as a key is located by finding that key in the text,
 * between where its mapping starts and where its value is (./key-position.ts).
 */
import {elide} from '../../../core/elide.js'
import {withoutUserinfo} from '../../../core/redact.js'
import type {Location} from '../../../core/model.js'
import {isBuildkiteFile} from '../../file-names.js'
import {gitPackageComponent, repositoryName} from '../../lockfile-support/git-package.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {isAbsent, describe, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'
import {KeyPositions} from './key-position.js'
import {pluginSource} from './plugin-source.js'

export const discoverer: Discoverer = {
  id: 'buildkite',
  description:
    'Buildkite pipelines (.buildkite/pipeline.yml, buildkite.yml): plugins at their ref, Docker plugin and step images',
  matches: isBuildkiteFile,
  // A pipeline has top-level steps, or is a list of steps; a file of another kind under such a name (a Kubernetes
  // manifest named buildkite.yaml) is left to the format that reads it.
  sniff: (head, tail) => isPipeline(head) || /^steps:/m.test(tail?.() ?? ''),
  identify: (head) =>
    /^steps:[ \t]*$/m.test(head) &&
    /^[ \t]+(?:- )?plugins:/m.test(head) &&
    /^[ \t]+- (?:label|command|wait|group|block)\b/m.test(head),
  discover,
}

/**
 * Top-level `steps:`, a JSON object with `"steps"`, or a document that is a list (a file that is a list of steps: its
 * first line that is no comment starts with `- `; a list under a top-level key, as a Kubernetes Role's `rules:`, does
 * not). A large file's tail is looked at for `steps:` only (it starts anywhere in the file).
 */
function isPipeline(head: string): boolean {
  return (
    /^steps:/m.test(head) ||
    /^(?:[ \t]*(?:#[^\r\n]*)?\r?\n|---[^\r\n]*\r?\n)*-[ \t\r\n]/.test(head) ||
    (/^\s*\{/.test(head) && /"steps"[ \t\r\n]*:/.test(head))
  )
}

/** The Docker plugin's repository, whose `image` is the container the step runs in. */
const DOCKER_PLUGIN = 'github.com/buildkite-plugins/docker-buildkite-plugin'
/** Keys that make a mapping a step of another kind than a command step (go-pipeline steps.go stepByKeyInference). */
const NOT_COMMAND = ['wait', 'waiter', 'block', 'input', 'manual', 'trigger']

interface Place {
  out: Output
  file: string
  keys: KeyPositions
  /** Steps, plugins and images already read: what aliases reuse is listed once. */
  seen: Set<YamlNode>
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  for (const error of yaml.errors) out.errors.push(error)
  const place: Place = {out, file: input.file, keys: new KeyPositions(input.text), seen: new Set()}
  for (const {root} of yaml.documents) {
    if (root === null || (isScalar(root) && root.kind === 'null')) continue
    if (isSeq(root)) stepsOf(place, root, 'steps')
    else if (isMap(root)) {
      imageAt(place, root.entries.get('image'), 'image')
      stepsOf(place, root.entries.get('steps'), 'steps')
    } else
      out.errors.push(
        errorAt(
          input.file,
          root,
          'invalid-entry',
          `a Buildkite pipeline must be a mapping or a list of steps, not ${describe(root)}`,
        ),
      )
  }
  return out
}

function stepsOf(place: Place, node: YamlNode | undefined, path: string): void {
  if (isAbsent(node)) return
  if (!isSeq(node)) {
    place.out.errors.push(
      errorAt(place.file, node, 'invalid-entry', `${path} must be a list of steps, not ${describe(node)}`),
    )
    return
  }
  node.items.forEach((step, i) => {
    const where = `${path}[${i}]`
    // `- wait`, `- block`: a step named by a string, with nothing to read.
    if (stringValue(step) !== undefined) return
    if (!isMap(step)) {
      place.out.errors.push(
        errorAt(place.file, step, 'invalid-entry', `${where} must be a step, not ${describe(step)}`),
      )
      return
    }
    if (place.seen.has(step)) return
    place.seen.add(step)
    const kind = stepKind(step)
    if (kind === 'group') stepsOf(place, step.entries.get('steps'), `${where}.steps`)
    else if (kind === 'command') {
      imageAt(place, step.entries.get('image'), `${where}.image`)
      pluginsOf(place, step.entries.get('plugins'), `${where}.plugins`)
    }
  })
}

/** go-pipeline steps.go: `type` when written, else the keys; a step of no known kind is read as a command step. */
function stepKind(step: YamlMap): 'command' | 'group' | 'other' {
  const type = stringValue(step.entries.get('type'))
  if (type !== undefined)
    return type === 'command' || type === 'script' ? 'command' : type === 'group' ? 'group' : 'other'
  const has = (key: string) => step.entries.has(key)
  if (has('command') || has('commands') || has('plugins')) return 'command'
  if (NOT_COMMAND.some(has)) return 'other'
  return has('group') ? 'group' : 'command'
}

/** A list of `name` strings and `{name: settings}` mappings, or one mapping of them (the older form). */
function pluginsOf(place: Place, node: YamlNode | undefined, path: string): void {
  if (isAbsent(node)) return
  if (isMap(node)) {
    pluginMap(place, node, path)
    return
  }
  if (!isSeq(node)) {
    place.out.errors.push(
      errorAt(
        place.file,
        node,
        'invalid-entry',
        `${path} must be a list of plugins or a mapping, not ${describe(node)}`,
      ),
    )
    return
  }
  node.items.forEach((item, i) => {
    const where = `${path}[${i}]`
    if (isMap(item)) pluginMap(place, item, where)
    else if (stringValue(item) !== undefined)
      plugin(place, stringValue(item) as string, locationOf(place.file, item), undefined, where)
    else
      place.out.errors.push(
        errorAt(
          place.file,
          item,
          'invalid-entry',
          `${where} must be a plugin name or {name: settings}, not ${describe(item)}`,
        ),
      )
  })
}

function pluginMap(place: Place, map: YamlMap, path: string): void {
  if (place.seen.has(map)) return
  place.seen.add(map)
  for (const [name, settings] of map.entries) {
    const location = locationOf(place.file, place.keys.of(map, name, settings))
    plugin(place, name, location, settings, path)
  }
}

function plugin(place: Place, name: string, location: Location, settings: YamlNode | undefined, path: string): void {
  const {out, file} = place
  // A URL's user information (a token) is left out, to the last `@` before the path.
  const shown = elide(withoutUserinfo(name), 200)
  if (name.includes('$')) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path}: plugin "${shown}" holds an environment variable, interpolated by buildkite-agent pipeline upload from the build's environment; not guessed`,
    })
    return
  }
  if (name.includes('{{')) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: matrixMessage(`${path}: plugin "${shown}"`),
    })
    return
  }
  // The Agent Stack for Kubernetes reads this key itself: there is no plugin repository behind it.
  if (name === 'kubernetes') return
  const source = pluginSource(name)
  if (source.kind === 'local') return
  if (source.kind === 'invalid') {
    out.errors.push({...location, code: 'invalid-entry', message: `${path}: plugin "${shown}" ${source.why}`})
    return
  }
  out.components.push(
    gitPackageComponent(file, {
      url: source.url,
      rev: source.version || undefined,
      ref: source.written,
      line: location.line,
      column: location.column,
      direct: true,
      origin: 'manifest',
    }),
  )
  if (source.version === '')
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unresolved-version',
      message: `${path}: plugin "${elide(source.written, 200)}" names no version (#ref): the agent checks out the default branch of ${repositoryName(source.url)} when the job runs; listed without a version`,
    })
  if (repositoryName(source.url).toLowerCase() === DOCKER_PLUGIN && isMap(settings))
    imageAt(place, settings.entries.get('image'), `${path}: docker plugin image`)
}

function matrixMessage(what: string): string {
  return `${what} holds a {{matrix}} value, filled in for each job of the step's matrix; not guessed`
}

function imageAt(place: Place, node: YamlNode | undefined, path: string): void {
  const {out, file} = place
  if (isAbsent(node)) return
  if (place.seen.has(node)) return
  place.seen.add(node)
  const value = stringValue(node)
  if (value === undefined) {
    out.errors.push(errorAt(file, node, 'invalid-entry', `${path} must be an image name, not ${describe(node)}`))
    return
  }
  const location = locationOf(file, node)
  const shown = elide(value, 200)
  if (value.includes('$'))
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path} "${shown}" holds an environment variable, interpolated by buildkite-agent pipeline upload from the build's environment; not guessed`,
    })
  else if (value.includes('{{'))
    out.skipped.push({file, line: location.line, reason: 'unsupported', message: matrixMessage(`${path} "${shown}"`)})
  else addImageRef(out, value, location, 'manifest')
}
