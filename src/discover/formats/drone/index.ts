/**
 * Drone CI (`.drone.yml`, `.drone.yaml`; https://docs.drone.io/pipeline/overview/): the container images its pipelines
 * run in.
 * - A multi-document YAML file. Documents with `kind: pipeline` whose `type` runs containers: `docker` (the default
 *   when `type` is left out, https://docs.drone.io/pipeline/docker/syntax/), `kubernetes`
 *   (https://docs.drone.io/pipeline/kubernetes/syntax/) and `vm` (Drone's VM runner, https://docs.drone.io/runner/vm/overview/,
 *   runs plugins and steps that name an `image` in that container, the others on the machine). Each `steps[].image` and `services[].image`; a plugin is a step whose image is the plugin
 *   (`image: plugins/docker`), listed as any image.
 * - Not read: `kind: secret`, `signature`, `cron`, `template` documents; pipelines of `type` `exec`, `ssh`,
 *   `digitalocean`, `macstage` (they run on hosts, no images); `clone:` (Drone 1.x's clone section sets depth,
 *   retries and `disable`, never an image: the clone image is the runner's own); `image_pull_secrets`, `settings`
 *   and `environment` (credentials and `from_secret` references are never read, never echoed).
 * - Reported (`unsupported`): an image holding `$VAR`/`${VAR}` (Drone substitutes repository and build metadata,
 *   https://docs.drone.io/pipeline/environment/substitution/, when the pipeline runs: not guessed); a pipeline of a
 *   `type` Drone has no runner for here; a document in the Drone 0.8 format (no `kind`, a `pipeline:` mapping), which
 *   the server converts; `.drone.jsonnet` and `.drone.star` files: programs that generate the configuration, not
 *   run here.
 */
import {addImageRef, emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {isAbsent, describe, isMap, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'drone',
  description:
    'Drone CI .drone.yml: images of pipeline steps (plugins too) and services; .drone.jsonnet/.star reported',
  matches: (file) => /(^|\/)\.drone\.(?:ya?ml|jsonnet|star)$/.test(file),
  identify: (head) => /^kind:[ \t]*['"]?pipeline['"]?[ \t]*$/m.test(head) && /^(steps|services):/m.test(head),
  discover,
}

/** Pipeline types whose steps run in container images. */
const CONTAINER_TYPES = new Set(['docker', 'kubernetes', 'vm'])
/** Pipeline types that run on a host: no images. */
const HOST_TYPES = new Set(['exec', 'ssh', 'digitalocean', 'macstage'])

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  const {file} = input
  const program = /\.(jsonnet|star)$/.exec(file)
  if (program) {
    const jsonnet = program[1] === 'jsonnet'
    const language = jsonnet ? 'Jsonnet' : 'Starlark'
    out.skipped.push({
      file,
      reason: 'unsupported',
      message: `${file.slice(file.lastIndexOf('/') + 1)} is a ${language} program that Drone runs to generate its pipelines: not run here; its images are not listed (render it with \`drone ${jsonnet ? 'jsonnet' : 'starlark'}\` and scan the .drone.yml it writes)`,
    })
    return out
  }
  for (const root of mappingDocuments(input.text, file, out.errors, 'a Drone document')) pipeline(out, file, root)
  return out
}

function pipeline(out: Output, file: string, root: YamlMap): void {
  const kindNode = root.entries.get('kind')
  const kind = stringValue(kindNode)
  if (kindNode === undefined) {
    if (root.entries.has('pipeline'))
      out.skipped.push({
        file,
        line: root.line,
        reason: 'unsupported',
        message:
          'a document in the Drone 0.8 format (a `pipeline:` mapping, no `kind`), which the Drone server converts: not read; its images are not listed',
      })
    else
      out.errors.push(errorAt(file, root, 'invalid-entry', 'a Drone document must have a kind (pipeline, secret...)'))
    return
  }
  if (kind === undefined) {
    out.errors.push(errorAt(file, kindNode, 'invalid-entry', `kind must be a string, not ${describe(kindNode)}`))
    return
  }
  if (kind !== 'pipeline') return
  const typeNode = root.entries.get('type')
  const type = typeNode === undefined ? 'docker' : stringValue(typeNode)
  if (type === undefined) {
    out.errors.push(errorAt(file, typeNode, 'invalid-entry', `type must be a string, not ${describe(typeNode)}`))
    return
  }
  if (HOST_TYPES.has(type)) return
  const name = stringValue(root.entries.get('name'))
  const label = name === undefined ? 'pipeline' : `pipeline "${name.slice(0, 200)}"`
  if (!CONTAINER_TYPES.has(type)) {
    out.skipped.push({
      file,
      line: (typeNode as YamlNode).line,
      reason: 'unsupported',
      message: `${label} is of type "${type.slice(0, 100)}", not one whose steps run in images (docker, kubernetes, vm): not read`,
    })
    return
  }
  for (const section of ['steps', 'services']) containers(out, file, root.entries.get(section), `${label} ${section}`)
}

/** `steps:` or `services:`: a list of `{name, image, ...}`. */
function containers(out: Output, file: string, node: YamlNode | undefined, path: string): void {
  if (isAbsent(node)) return
  if (!isSeq(node)) {
    out.errors.push(shapeError(file, node, path, 'list'))
    return
  }
  node.items.forEach((item, i) => {
    if (!isMap(item)) {
      out.errors.push(shapeError(file, item, `${path}[${i}]`, 'mapping'))
      return
    }
    const name = stringValue(item.entries.get('name'))
    const where = name === undefined ? `${path}[${i}]` : `${path} "${name.slice(0, 200)}"`
    imageAt(out, file, item.entries.get('image'), where)
  })
}

function imageAt(out: Output, file: string, node: YamlNode | undefined, where: string): void {
  if (isAbsent(node)) return
  const value = stringValue(node)
  if (value === undefined) {
    out.errors.push(errorAt(file, node, 'invalid-entry', `${where}: image must be a string, not ${describe(node)}`))
    return
  }
  const location = locationOf(file, node)
  if (value.includes('$')) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${where}: image "${value.slice(0, 200)}" holds a variable, substituted by Drone (repository and build metadata, \${DRONE_…}) when the pipeline runs; not guessed`,
    })
    return
  }
  addImageRef(out, value, location, 'manifest')
}
