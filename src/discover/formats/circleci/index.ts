/**
 * CircleCI configuration (`.circleci/config.yml`, https://circleci.com/docs/configuration-reference/): the
 * container images its jobs run in.
 * - `jobs.<job>.docker[].image` (the first is the job's primary container, the others its service containers)
 *   and `executors.<executor>.docker[].image` (jobs naming the executor run in it: listed once, at the executor).
 * - `<< parameters.x >>`, `<< pipeline.x >>` and other `<< >>` or `$VAR` values are known only when the pipeline
 *   is compiled or run: reported (`unsupported`), not guessed.
 * - `orbs:` are third-party configuration the pipeline runs; no package URL type names them: one `Skipped` per file
 *   names them, rather than an invented ecosystem.
 * - `machine:` (`ubuntu-2204:...`) and `macos:` are CircleCI virtual machine images, not containers: not listed.
 */
import {addImageRef, emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'
import {mappingDocuments} from '../../yaml.js'
import {describe, isMap, isScalar, isSeq, stringValue, type YamlMap, type YamlNode} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'circleci',
  description: 'CircleCI .circleci/config.yml: docker images of jobs and executors; orbs reported',
  matches: (file) => /(^|\/)\.circleci\/config\.ya?ml$/.test(file),
  identify: (head) => /^version:[ \t]*['"]?2(\.[01])?['"]?[ \t]*$/m.test(head) && /^(jobs|orbs|executors):/m.test(head),
  discover,
}

/** Orbs named in one skip, at most this many (the count says how many more). */
const MAX_NAMED_ORBS = 20

function discover(input: DiscoverInput): Output {
  const out = emptyOutput()
  for (const root of mappingDocuments(input.text, input.file, out.errors, 'a CircleCI configuration')) {
    orbsSkip(out, input.file, root.entries.get('orbs'))
    // A job or executor written as an alias of another is one node: its images are listed once.
    const seen = new Set<YamlNode>()
    for (const section of ['executors', 'jobs'] as const) {
      const holders = root.entries.get(section)
      if (holders === undefined || (isScalar(holders) && holders.kind === 'null')) continue
      if (!isMap(holders)) {
        out.errors.push(
          errorAt(input.file, holders, 'invalid-entry', `${section} must be a mapping, not ${describe(holders)}`),
        )
        continue
      }
      for (const [name, holder] of holders.entries) {
        if (!isMap(holder) || seen.has(holder)) continue
        seen.add(holder)
        dockerImages(out, input.file, holder, `${section}.${name}`)
      }
    }
  }
  return out
}

function dockerImages(out: Output, file: string, holder: YamlMap, path: string): void {
  const docker = holder.entries.get('docker')
  if (docker === undefined || (isScalar(docker) && docker.kind === 'null')) return
  if (!isSeq(docker)) {
    out.errors.push(errorAt(file, docker, 'invalid-entry', `${path}.docker must be a list, not ${describe(docker)}`))
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

/** `orbs: {name: namespace/orb@version}`: named in one skip; an inline orb (a mapping) by its key. */
function orbsSkip(out: Output, file: string, orbs: YamlNode | undefined): void {
  if (orbs === undefined || (isScalar(orbs) && orbs.kind === 'null')) return
  if (!isMap(orbs)) {
    out.errors.push(errorAt(file, orbs, 'invalid-entry', `orbs must be a mapping, not ${describe(orbs)}`))
    return
  }
  const names = [...orbs.entries].map(([key, value]) => {
    const ref = stringValue(value)
    return ref === undefined ? `${key} (inline)` : ref.slice(0, 200)
  })
  if (names.length === 0) return
  const more = names.length > MAX_NAMED_ORBS ? `, ... (${names.length})` : ''
  out.skipped.push({
    file,
    line: orbs.line,
    reason: 'unsupported',
    message: `orbs ${names.slice(0, MAX_NAMED_ORBS).join(', ')}${more}: CircleCI orbs are third-party configuration the pipeline runs, with no package URL type; not listed (their own images are not read)`,
  })
}
