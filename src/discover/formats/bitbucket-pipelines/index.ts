/**
 * Bitbucket Pipelines (`bitbucket-pipelines.yml`,
 * https://support.atlassian.com/bitbucket-cloud/docs/bitbucket-pipelines-configuration-reference/): the container
 * images a pipeline runs in.
 * - The top-level `image`, each step's `image` (steps of `pipelines.default` and of every pipeline under
 *   `branches`, `tags`, `bookmarks`, `pull-requests` and `custom`, inside `parallel` and `stage` groups) and
 *   `definitions.services.<name>.image`. An image is a string or `{name: ...}`; its `username`, `password` and
 *   `aws` are credentials: never read, never echoed.
 * - Pipes in a step's `script` and `after-script`: `docker://IMAGE` an image, `workspace/repo:version` the pipe's
 *   Bitbucket repository at that version (pipesOf).
 * - A step written once with an anchor and reused through aliases is one node: listed once, where it is written.
 * - `$VARIABLE` values are set by repository or workspace variables when the pipeline runs: reported
 *   (`unsupported`), not guessed.
 * - Shared pipelines (https://support.atlassian.com/bitbucket-cloud/docs/share-pipelines-configurations/): a
 *   pipeline written `{import: pipeline@source}` (or `repo-slug:branch:pipeline`) is defined in another file or
 *   repository: reported (`unsupported`), naming it and its `definitions.imports` source. A file with
 *   `export: true` keeps the pipelines it shares under `definitions.pipelines.<name>`: their steps run in the
 *   repositories that import them, and their images are read as any pipeline's.
 */
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {addImageRef, emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {isAbsent, describe, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'bitbucket-pipelines',
  description: 'Bitbucket Pipelines bitbucket-pipelines.yml: image of the pipeline, its steps and services, and pipes',
  matches: (file) => /(^|\/)bitbucket-pipelines\.ya?ml$/.test(file),
  identify: (head) =>
    (/^pipelines:[ \t]*$/m.test(head) || (/^export:[ \t]*true[ \t]*$/m.test(head) && /^definitions:/m.test(head))) &&
    /^[ \t]+- step:/m.test(head),
  discover,
}

/** Sections of `pipelines:` that hold named pipelines (`default` is a list of steps itself). */
const NAMED = ['branches', 'tags', 'bookmarks', 'pull-requests', 'custom']

interface Place {
  out: Output
  file: string
  /** Step maps already read: a step reused through an alias is listed once. */
  seen: Set<YamlNode>
  /** `definitions.imports`: import source name to where it is (a file of the repository, or repo:branch:file). */
  imports: Map<string, string>
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'a Bitbucket Pipelines file')) {
    const definitions = root.entries.get('definitions')
    const place: Place = {out, file: input.file, seen: new Set(), imports: importSources(definitions)}
    imageAt(place, root.entries.get('image'), 'image')
    const defined = isMap(definitions) ? definitions.entries.get('services') : undefined
    if (isMap(defined))
      for (const [name, service] of defined.entries)
        if (isMap(service)) imageAt(place, service.entries.get('image'), `definitions.services.${name}.image`)
    const pipelines = root.entries.get('pipelines')
    if (isMap(pipelines)) {
      stepsOf(place, pipelines.entries.get('default'), 'pipelines.default')
      for (const section of NAMED) namedPipelines(place, pipelines.entries.get(section), `pipelines.${section}`)
    }
    // Shared pipelines run in the repositories that import them: read as this file's own.
    if (exported(root.entries.get('export')) && isMap(definitions))
      namedPipelines(place, definitions.entries.get('pipelines'), 'definitions.pipelines')
  }
  return out
}

/** A mapping of pipeline names to pipelines (`pipelines.branches`, `definitions.pipelines`...). */
function namedPipelines(place: Place, named: YamlNode | undefined, path: string): void {
  if (isAbsent(named)) return
  if (!isMap(named)) {
    place.out.errors.push(shapeError(place.file, named, path, 'mapping'))
    return
  }
  for (const [name, steps] of named.entries) stepsOf(place, steps, `${path}.${name}`)
}

function exported(node: YamlNode | undefined): boolean {
  return isScalar(node) && node.kind === 'boolean' && /^true$/i.test(node.text)
}

/** `definitions.imports: {name: source}`; a source that is no string is kept out (its import names no source). */
function importSources(definitions: YamlNode | undefined): Map<string, string> {
  const sources = new Map<string, string>()
  const imports = isMap(definitions) ? definitions.entries.get('imports') : undefined
  if (isMap(imports))
    for (const [name, source] of imports.entries) {
      const value = stringValue(source)
      if (value !== undefined) sources.set(name, value)
    }
  return sources
}

/** `{import: pipeline@source}` or `{import: repo-slug:branch:pipeline}`: defined elsewhere, reported. */
function importSkip(place: Place, pipeline: YamlMap, path: string): void {
  const node = pipeline.entries.get('import') as YamlNode
  const value = stringValue(node)
  if (value === undefined) {
    place.out.errors.push(
      errorAt(
        place.file,
        node,
        'invalid-entry',
        `${path}.import must name a shared pipeline (pipeline@source), not ${describe(node)}`,
      ),
    )
    return
  }
  const at = value.lastIndexOf('@')
  const source = at < 0 ? undefined : place.imports.get(value.slice(at + 1))
  const from = source === undefined ? '' : ` (import source ${value.slice(at + 1)}: ${source.slice(0, 200)})`
  place.out.skipped.push({
    file: place.file,
    line: node.line,
    reason: 'unsupported',
    message: `${path} imports the shared pipeline "${value.slice(0, 200)}"${from}: it is defined in another file or repository, not read here; the images of its steps are not listed`,
  })
}

/** A list of `step`, `parallel` and `stage` items (`variables` of a custom pipeline too); groups hold steps only. */
function stepsOf(place: Place, node: YamlNode | undefined, path: string, depth = 0): void {
  if (isAbsent(node)) return
  if (isMap(node) && node.entries.has('import')) {
    importSkip(place, node, path)
    return
  }
  if (!isSeq(node)) {
    place.out.errors.push(
      errorAt(place.file, node, 'invalid-entry', `${path} must be a list of steps, not ${describe(node)}`),
    )
    return
  }
  node.items.forEach((item, i) => {
    const where = `${path}[${i}]`
    if (!isMap(item)) {
      place.out.errors.push(
        errorAt(place.file, item, 'invalid-entry', `${where} must be a step, parallel or stage, not ${describe(item)}`),
      )
      return
    }
    const step = item.entries.get('step')
    if (isMap(step)) {
      if (place.seen.has(step)) return
      place.seen.add(step)
      imageAt(place, step.entries.get('image'), `${where}.step.image`)
      for (const script of ['script', 'after-script'])
        pipesOf(place, step.entries.get(script), `${where}.step.${script}`)
    } else if (step !== undefined) place.out.errors.push(shapeError(place.file, step, `${where}.step`, 'mapping'))
    // Groups hold steps, never groups: two levels (a stage's steps, a parallel's) are all Bitbucket has.
    if (depth > 1) return
    const parallel = item.entries.get('parallel')
    stepsOf(place, isMap(parallel) ? parallel.entries.get('steps') : parallel, `${where}.parallel`, depth + 1)
    const stage = item.entries.get('stage')
    if (stage !== undefined && !isMap(stage))
      place.out.errors.push(shapeError(place.file, stage, `${where}.stage`, 'mapping'))
    else if (isMap(stage)) stepsOf(place, stage.entries.get('steps'), `${where}.stage.steps`, depth + 1)
  })
}

/** A Bitbucket repository (`workspace/repo`) and a version: how a pipe other than `docker://` is named. */
const PIPE = /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(?::([^\s:]+))?$/

/**
 * The pipes of a step's `script` or `after-script` (`- pipe: atlassian/aws-s3-deploy:1.1.0`, with `variables`;
 * https://support.atlassian.com/bitbucket-cloud/docs/what-are-pipes/, https://support.atlassian.com/bitbucket-cloud/docs/write-a-pipe-for-bitbucket-pipelines/):
 * `docker://IMAGE` is an image the step runs, listed as one; `workspace/repo:version` is the pipe's Bitbucket
 * repository at that version (a tag; its `pipe.yml` names the image it runs, in that repository, not read), a
 * `generic` package `bitbucket.org/workspace/repo` with `vcs_url`, as Renovate's bitbucket-pipelines manager reads
 * it (a `bitbucket-tags` dependency). A pipe's `variables` (tokens, keys) are never read.
 */
function pipesOf(place: Place, script: YamlNode | undefined, path: string): void {
  if (!isSeq(script)) return
  script.items.forEach((item, i) => {
    if (!isMap(item)) return
    const node = item.entries.get('pipe')
    if (isAbsent(node)) return
    const where = `${path}[${i}].pipe`
    const value = stringValue(node)
    if (value === undefined) {
      place.out.errors.push(
        errorAt(place.file, node, 'invalid-entry', `${where} must be a pipe name, not ${describe(node)}`),
      )
      return
    }
    if (value.startsWith('docker://')) {
      imageAt(place, node, where, value.slice('docker://'.length))
      return
    }
    const location = locationOf(place.file, node)
    if (value.includes('$')) {
      place.out.skipped.push({
        file: place.file,
        line: location.line,
        reason: 'unsupported',
        message: `${where} "${value.slice(0, 200)}" holds a variable, set by repository or workspace variables when the pipeline runs; not guessed`,
      })
      return
    }
    const match = PIPE.exec(value)
    if (match === null) {
      // Not a form the documentation gives: not guessed, and not refused either (Bitbucket may know it).
      place.out.skipped.push({
        file: place.file,
        line: location.line,
        reason: 'unsupported',
        message: `${where} "${value.slice(0, 200)}" is neither workspace/repository:version nor docker://image; not listed`,
      })
      return
    }
    const [, repository, version] = match
    place.out.components.push(
      gitPackageComponent(place.file, {
        url: `https://bitbucket.org/${repository}`,
        rev: version,
        ref: value,
        line: location.line,
        column: location.column,
        direct: true,
        origin: 'manifest',
      }),
    )
    if (version === undefined)
      place.out.skipped.push({
        file: place.file,
        line: location.line,
        reason: 'unresolved-version',
        message: `${where} "${value.slice(0, 200)}" names no version; listed without one`,
      })
  })
}

/** A string or `{name}`; the block's credentials (`username`, `password`, `aws`) are never read. */
function imageAt(place: Place, node: YamlNode | undefined, path: string, written?: string): void {
  const {out, file} = place
  if (isAbsent(node)) return
  const name = isMap(node) ? node.entries.get('name') : node
  const value = written ?? stringValue(name)
  if (value === undefined) {
    const what = isMap(node)
      ? `${path}.name must be an image name, not ${describe(name)}`
      : `${path} must be an image name or {name: ...}, not ${describe(node)}`
    out.errors.push(errorAt(file, name ?? node, 'invalid-entry', what))
    return
  }
  const location = locationOf(file, name as YamlNode)
  if (value.includes('$')) {
    out.skipped.push({
      file,
      line: location.line,
      reason: 'unsupported',
      message: `${path} "${value.slice(0, 200)}" holds a variable, set by repository or workspace variables when the pipeline runs; not guessed`,
    })
    return
  }
  addImageRef(out, value, location, 'manifest')
}
