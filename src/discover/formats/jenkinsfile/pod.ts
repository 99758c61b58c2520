/**
 * Kubernetes plugin pods (https://plugins.jenkins.io/kubernetes/): the YAML of a pod, written in the Jenkinsfile
 * (`yaml '''…'''`, `podTemplate(yaml: …)`) or in a file of the repository (`yamlFile 'pod.yaml'`,
 * `readTrusted('pod.yaml')`). Read with the shared YAML reader and the shared pod-spec image finder
 * (../../k8s-images.ts: containers, initContainers, ephemeralContainers, image volumes); a pod written without
 * `apiVersion`/`kind`, as the plugin accepts, is read as a `v1` Pod. Images in the Jenkinsfile are located in it: a
 * triple-quoted string's content line k is the string's line + k - 1 (its first line starts after the quotes).
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import type {ScanError} from '../../../core/model.js'
import {findResourceImages, resourceType} from '../../k8s-images.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import {addImageRef, errorAt} from '../../output.js'
import {pathsAbove} from '../../paths-above.js'
import {readYaml} from '../../yaml.js'
import {isMap, type YamlMap, type YamlScalar} from '../../yaml-tree.js'
import type {Pipeline} from './pipeline.js'
import type {Token} from '../../lockfile-support/groovy-tokenize.js'

/** `readTrusted('x')` / `readFile('x')` (also `readFile(file: 'x')`) at `at`: the index of its path's token. */
export function readTrustedPath(p: Pipeline, at: number): number | undefined {
  if (!(p.isIdent(at, 'readTrusted') || p.isIdent(at, 'readFile')) || !p.isPunct(at + 1, '(')) return undefined
  return p.namedArgs(at + 1).get('file') ?? at + 2
}

/** A pod's YAML written in the Jenkinsfile, as the string at token `at`. */
export function podInline(p: Pipeline, at: number, where: string): void {
  const token = p.tokens[at]
  const line = token?.line ?? p.tokens[at - 1]?.line ?? 1
  if (token?.kind !== 'string' || !p.isValueEnd(at + 1)) {
    p.skip(line, 'unsupported', `${where} ${p.expressionText(at, p.valueEnd(at))}: computed, not read`)
    return
  }
  if (p.unterminated.has(token)) return
  const resolved = p.resolve(token, at)
  const place = placeIn(p, token, resolved.text)
  const yaml = readYaml(resolved.text, p.file)
  for (const error of yaml.errors) p.out.errors.push(relocated(error, place))
  for (const doc of yaml.documents) {
    if (!isMap(doc.root)) continue
    const found = findResourceImages(asPod(doc.root))
    for (const problem of found.problems) {
      const at = place(problem.node.line, problem.node.column)
      p.out.errors.push(lockfileError(p.file, 'invalid-image-field', problem.message, at.line, at.column))
    }
    for (const image of found.images) {
      const location = {file: p.file, ...place(image.node.line, image.node.column, image.node.text)}
      const holes = resolved.missing.filter((_, i) => image.node.text.includes(resolved.holes[i]))
      if (holes.length > 0) {
        p.skip(
          location.line,
          'unsupported',
          `${where}: image "${elide(image.node.text, 200)}": ${holes.join(', ')}; not guessed`,
        )
        continue
      }
      addImageRef(p.out, image.node.text, location, image.origin)
    }
  }
}

/** A pod's YAML in a file of the repository (`yamlFile`): read there, located there. */
export function podFile(p: Pipeline, path: string, token: Token): void {
  const where = `yamlFile ${elide(path, 200)}`
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
    p.skip(token.line, 'unsupported', `${where}: an absolute path, outside the repository; not read`)
    return
  }
  const found = candidates(p.file, path).find((file) => p.context.exists?.(file) ?? p.context.readText(file) !== null)
  const text = found === undefined ? null : p.context.readText(found)
  if (found === undefined || text === null) {
    p.out.errors.push(
      lockfileError(
        p.file,
        'include-not-read',
        `${where}: ${found === undefined ? 'no such file beside the Jenkinsfile or in a folder above it' : 'could not be read'}; its images are not listed`,
        token.line,
        token.column,
      ),
    )
    return
  }
  const yaml = readYaml(text, found)
  for (const error of yaml.errors) p.out.errors.push(error)
  for (const doc of yaml.documents) {
    if (!isMap(doc.root)) continue
    const images = findResourceImages(asPod(doc.root))
    for (const problem of images.problems)
      p.out.errors.push(errorAt(found, problem.node, 'invalid-image-field', problem.message))
    for (const image of images.images)
      addImageRef(p.out, image.node.text, {file: found, line: image.node.line, column: image.node.column}, image.origin)
  }
}

/**
 * Where `yamlFile` may be: Jenkins reads it from the root of the repository's checkout (readTrusted), which is the
 * Jenkinsfile's folder or one above it; the nearest that has it, up to the scan's root.
 */
function candidates(file: string, path: string): string[] {
  const out: string[] = []
  for (const candidate of pathsAbove(file, path)) {
    const normal = posix.normalize(candidate)
    if (normal.startsWith('../') || normal === '..' || out.includes(normal)) continue
    out.push(normal)
    if (out.length > 64) break
  }
  return out
}

/** A pod written without `apiVersion` and `kind` (the plugin takes it as a Pod): given them, for the image finder. */
function asPod(root: YamlMap): YamlMap {
  if (resourceType(root) !== undefined) return root
  const scalar = (text: string): YamlScalar => ({
    type: 'scalar',
    kind: 'string',
    text,
    line: root.line,
    column: root.column,
  })
  return {...root, entries: new Map([['apiVersion', scalar('v1')], ['kind', scalar('Pod')], ...root.entries])}
}

type Place = (line: number, column: number, text?: string) => {line: number; column: number}

/**
 * Maps a position in the string's text to the Jenkinsfile. Line k of the text is line `token.line + k - 1` when the
 * text has as many lines as the string is written with (escapes and filled-in templates change columns, not lines:
 * on a line they changed the value is looked for in the written line); otherwise everything is at the string.
 */
function placeIn(p: Pipeline, token: Token, text: string): Place {
  const raw = token.raw ?? ''
  const rawLines = raw.split('\n')
  const textLines = text.split('\n')
  const quotes = p.quotes.get(token) ?? 1
  if (rawLines.length !== textLines.length) return () => ({line: token.line, column: token.column})
  return (line, column, value) => {
    const index = Math.min(Math.max(line, 1), rawLines.length) - 1
    const shift = index === 0 ? token.column - 1 + quotes : 0
    if (rawLines[index] === textLines[index] || value === undefined)
      return {line: token.line + index, column: column + shift}
    const found = rawLines[index].indexOf(value)
    return {line: token.line + index, column: (found >= 0 ? found + 1 : column) + shift}
  }
}

function relocated(error: ScanError, place: Place): ScanError {
  if (error.line === undefined) return error
  const at = place(error.line, error.column ?? 1)
  return {...error, line: at.line, column: at.column}
}
