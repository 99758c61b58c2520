/**
 * CircleCI configuration (`.circleci/config.yml`, https://circleci.com/docs/configuration-reference/): the
 * container images its jobs run in. Other configurations under `.circleci/` are read too when their content is one
 * (`version:` and `jobs:`, `executors:` or `orbs:`): with dynamic configuration, a setup workflow continues the
 * pipeline with another file, `.circleci/continue_config.yml` by default in circleci/path-filtering
 * (https://circleci.com/docs/guides/orchestrate/dynamic-config/,
 * https://circleci.com/developer/orbs/orb/circleci/path-filtering `config-path`).
 * - `jobs.<job>.docker[].image` (the first is the job's primary container, the others its service containers)
 *   and `executors.<executor>.docker[].image` (jobs naming the executor run in it: listed once, at the executor).
 * - `<< parameters.x >>`, `<< pipeline.x >>` and other `<< >>` or `$VAR` values are known only when the pipeline
 *   is compiled or run: reported (`unsupported`), not guessed.
 * - An orb referenced by name (`orbs: {node: circleci/node@5}`) is third-party configuration the pipeline runs;
 *   no package URL type names it: one `Skipped` per orb, at its reference, rather than an invented ecosystem. An
 *   inline orb (`orbs: {name: {executors: ..., jobs: ...}}`) is written in the file: its executors' and jobs'
 *   images are read as the top level's, where written.
 * - A docker list or image reached again (a YAML alias, a `<<` merge shared by jobs) is listed or reported once.
 * - `machine:` (`ubuntu-2204:...`) and `macos:` are CircleCI virtual machine images, not containers: not listed.
 */
import {addImageRef, emptyOutput, errorAt, locationOf, type Output, shapeError} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {isAbsent, describe, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'circleci',
  description:
    'CircleCI .circleci/config.yml (and continuation configs under .circleci/): docker images of jobs and executors, inline orbs included; orbs named by reference reported',
  matches: (file) => /(^|\/)\.circleci\/(?:[^/]+\/)*[^/]+\.ya?ml$/.test(file),
  named: (file) => /(^|\/)\.circleci\/config\.ya?ml$/.test(file),
  // A Jinja template of a configuration (`{% for %}`, rendered by a script, never read by CircleCI) is passed over.
  sniff: (head, tail) =>
    !head.includes('{%') && (isConfig(head) || (VERSION.test(head) && SECTION.test(tail?.() ?? ''))),
  identify: isConfig,
  discover,
}

/**
 * A configuration's head: CircleCI requires `version` (2, 2.0 or 2.1) and runs `jobs` (from executors and orbs).
 * Other YAML under `.circleci/` (fragments a script assembles, Compose files, settings) is passed over.
 */
const VERSION = /^version:[ \t]*['"]?2(\.[01])?['"]?[ \t]*$/m
const SECTION = /^(jobs|orbs|executors):/m
function isConfig(head: string): boolean {
  return VERSION.test(head) && SECTION.test(head)
}

/** Inline orbs inside inline orbs: far above real configurations; bounds a hostile file. */
const MAX_ORB_DEPTH = 4

interface Place {
  out: Output
  file: string
  /** Executors, jobs, docker lists and images already read: one reached again (alias, merge) is read once. */
  seen: Set<YamlNode>
}

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'a CircleCI configuration')) {
    const place: Place = {out, file: input.file, seen: new Set()}
    configImages(place, root, '', 0)
  }
  return out
}

/** The top level, or an inline orb (prefix `orbs.<name>.`): its orbs, executors and jobs. */
function configImages(place: Place, config: YamlMap, prefix: string, depth: number): void {
  orbsOf(place, config.entries.get('orbs'), `${prefix}orbs`, depth)
  for (const section of ['executors', 'jobs'] as const) {
    const holders = config.entries.get(section)
    if (isAbsent(holders)) continue
    if (!isMap(holders)) {
      place.out.errors.push(shapeError(place.file, holders, `${prefix}${section}`, 'mapping'))
      continue
    }
    for (const [name, holder] of holders.entries) {
      if (!isMap(holder) || place.seen.has(holder)) continue
      place.seen.add(holder)
      dockerImages(place, holder, `${prefix}${section}.${name}`)
    }
  }
}

/** `orbs:` entries: a reference (`namespace/orb@version`) is reported where written; an inline orb is read. */
function orbsOf(place: Place, orbs: YamlNode | undefined, path: string, depth: number): void {
  if (isAbsent(orbs)) return
  if (!isMap(orbs)) {
    place.out.errors.push(shapeError(place.file, orbs, path, 'mapping'))
    return
  }
  for (const [name, orb] of orbs.entries) {
    const ref = stringValue(orb)
    if (ref !== undefined)
      place.out.skipped.push({
        file: place.file,
        line: orb.line,
        reason: 'unsupported',
        message: `${path}.${name} "${ref.slice(0, 200)}": a CircleCI orb is third-party configuration the pipeline runs, with no package URL type; not listed (the images of its executors and jobs are in the orb, not read)`,
      })
    else if (isMap(orb)) {
      if (depth >= MAX_ORB_DEPTH)
        place.out.skipped.push({
          file: place.file,
          line: orb.line,
          reason: 'unsupported',
          message: `${path}.${name}: an inline orb nested over ${MAX_ORB_DEPTH} deep in inline orbs; not read`,
        })
      else if (!place.seen.has(orb)) {
        place.seen.add(orb)
        configImages(place, orb, `${path}.${name}.`, depth + 1)
      }
    } else if (!(isScalar(orb) && orb.kind === 'null'))
      place.out.errors.push(
        errorAt(
          place.file,
          orb,
          'invalid-entry',
          `${path}.${name} must be an orb reference (namespace/orb@version) or an inline orb, not ${describe(orb)}`,
        ),
      )
  }
}

function dockerImages(place: Place, holder: YamlMap, path: string): void {
  const {out, file} = place
  const docker = holder.entries.get('docker')
  if (isAbsent(docker) || place.seen.has(docker)) return
  place.seen.add(docker)
  if (!isSeq(docker)) {
    out.errors.push(shapeError(file, docker, `${path}.docker`, 'list'))
    return
  }
  docker.items.forEach((item, i) => {
    const where = `${path}.docker[${i}]${i === 0 ? ' (primary container)' : ''}`
    if (!isMap(item)) {
      out.errors.push(
        errorAt(file, item, 'invalid-entry', `${where} must be a mapping with image:, not ${describe(item)}`),
      )
      return
    }
    const image = item.entries.get('image')
    // An item merged from another (`- <<: *base`) shares its image node: read once.
    if (image !== undefined && place.seen.has(image)) return
    if (image !== undefined) place.seen.add(image)
    const value = stringValue(image)
    if (image === undefined || value === undefined) {
      out.errors.push(
        errorAt(file, image ?? item, 'invalid-entry', `${where}.image must be an image name, not ${describe(image)}`),
      )
      return
    }
    const location = locationOf(file, image)
    if (value.includes('<<') || value.includes('$')) {
      out.skipped.push({
        file,
        line: location.line,
        reason: 'unsupported',
        message: `${where}.image "${value.slice(0, 200)}" holds a << parameter >> or variable, known only when the pipeline runs; not guessed`,
      })
      return
    }
    addImageRef(out, value, location, 'manifest')
  })
}
