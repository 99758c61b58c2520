/**
 * One image a Jenkinsfile names: its string with templates filled in (./pipeline.ts), the registry it is pulled
 * through (`registryUrl` of a declarative docker agent, an enclosing `docker.withRegistry('url')`: docker-workflow's
 * DockerRegistryEndpoint.imageName puts the registry's host before a name that does not start with it), then the
 * shared image helpers (../../output.ts addImageRef: parsed as Docker does, refused when it is not a reference).
 */
import {elide} from '../../../core/elide.js'
import type {SkipReason} from '../../../core/model.js'
import type {Token} from '../../lockfile-support/groovy-tokenize.js'
import {addImageRef} from '../../output.js'
import type {Pipeline} from './pipeline.js'
import {axisShown, cellsOf, type Scope} from './scope.js'

/** The registry an image is pulled through: its host (and port), or why it is not known. */
export type Registry = {host: string} | {why: string}

/** What an image value gives in one scope: its text and where it is written, or why not (a skip). */
type Outcome =
  | {text: string; token: Token}
  | {reason: SkipReason; message: string; axis?: {subject: string; why: string}}
  | undefined

/**
 * The image whose value starts at token `at` (a string, or a name set to one). In a matrix, a value naming an axis
 * is one image per cell (./scope.ts cellsOf), each located where the value is written.
 */
export function imageValue(p: Pipeline, at: number, where: string, registry: Registry | undefined): void {
  const line = p.tokens[at]?.line ?? p.tokens[at - 1]?.line ?? 1
  const scope = p.scopeAt(at)
  const first = evaluate(p, at, where, scope)
  if (first === undefined || 'text' in first || first.axis === undefined) {
    emit(p, first, where, line, registry)
    return
  }
  const cells = cellsOf(scope)
  if ('why' in cells) {
    p.skip(line, first.reason, `${first.axis.subject}: ${first.axis.why}; not expanded: ${cells.why}`)
    return
  }
  const seen = new Set<string>()
  for (const cell of cells) {
    const outcome = evaluate(p, at, where, {...scope, cell})
    const key = outcome === undefined ? '' : 'text' in outcome ? outcome.text : outcome.message
    if (seen.has(key)) continue
    seen.add(key)
    emit(p, outcome, where, line, registry)
  }
}

/** The image at `at` evaluated in `scope`: nothing is reported yet. */
function evaluate(p: Pipeline, at: number, where: string, scope: Scope): Outcome {
  let token = p.tokens[at]
  if (token?.kind === 'ident' && p.isValueEnd(at + 1)) {
    // `image IMAGE`, `docker.image(img)`: a name set to a string.
    const name = token.value
    const subject = `${where} ${elide(name, 100)}`
    const found = p.lookup(name, scope)
    if (found === undefined) return skip('unsupported', subject, `the name ${p.unsetWhy(name)}`)
    if ('value' in found) return {text: found.value, token}
    if ('axis' in found)
      return skip('unsupported', subject, `the name is a matrix axis ${axisShown(found.axis, name)}`, true)
    if ('computed' in found.binding) return skip('unsupported', subject, `the name is set to ${found.binding.computed}`)
    token = found.binding.token
    scope = found.scope
  } else if (token?.kind !== 'string' || !p.isValueEnd(at + 1)) {
    return {reason: 'unsupported', message: `${where} ${p.expressionText(at, p.valueEnd(at))}: computed, not read`}
  }
  if (p.unterminated.has(token)) return undefined
  const written = token.raw ?? token.value
  const subject = `${where} "${elide(written, 200)}"`
  if (!token.parts?.some((part) => 'expr' in part) && token.value.includes('$'))
    return {
      reason: 'unsupported',
      message: `${subject} holds a $ Groovy does not fill in (a single-quoted string, or an escaped \\$); not guessed`,
    }
  const resolved = p.resolve(token, scope)
  if (resolved.missing.length > 0) {
    // A template in the tag or digest leaves the image known but not its version.
    const tail = resolved.prefix.slice(resolved.prefix.lastIndexOf('/') + 1)
    const reason = tail.includes(':') || tail.includes('@') ? 'unresolved-version' : 'unsupported'
    return skip(reason, subject, resolved.missing.join(', '), resolved.axis)
  }
  return {text: resolved.text, token}
}

/** A skip of `subject` for `why`; `axis` when a matrix cell would fill in what is missing. */
function skip(reason: SkipReason, subject: string, why: string, axis = false): Outcome {
  return {reason, message: `${subject}: ${why}; not guessed`, axis: axis ? {subject, why} : undefined}
}

/** Reports one outcome: an image pulled through `registry`, or a skip. */
function emit(p: Pipeline, outcome: Outcome, where: string, line: number, registry: Registry | undefined): void {
  if (outcome === undefined) return
  if (!('text' in outcome)) {
    p.skip(line, outcome.reason, outcome.message)
    return
  }
  const {text, token} = outcome
  if (registry !== undefined && 'why' in registry) {
    p.skip(line, 'unsupported', `${where} "${elide(text, 200)}" is pulled through ${registry.why}; not guessed`)
    return
  }
  const pulled = registry === undefined || text.startsWith(registry.host) ? text : `${registry.host}/${text}`
  addImageRef(p.out, text, {file: p.file, line: token.line, column: token.column}, 'manifest', pulled)
}

/** The registry an image at token `i` is pulled through, if any. */
export function registryOf(p: Pipeline, i: number): Registry | undefined {
  const frame = p.owner[i]
  if (p.inAgent('docker', i)) {
    const open = p.frames[frame].open
    const close = p.match[open] >= 0 ? p.match[open] : p.tokens.length
    for (let k = open + 1; k < close; k++)
      if (p.owner[k] === frame && p.isIdent(k, 'registryUrl') && p.atStatementStart(k))
        return registryAt(p, p.isPunct(k + 1, '(') ? k + 2 : k + 1)
    return undefined
  }
  for (const enclosing of p.enclosing(i)) {
    const call = enclosing.call
    if (enclosing.label === 'withRegistry' && call > 2 && p.isPunct(call - 2, '.') && p.isIdent(call - 3, 'docker'))
      return registryAt(p, call + 1)
  }
  return undefined
}

/** A registry URL's host: `https://registry.example.com:5000/` gives `registry.example.com:5000`; '' none. */
function registryAt(p: Pipeline, at: number): Registry | undefined {
  const token = p.tokens[at]
  if (token?.kind !== 'string' || !p.isValueEnd(at + 1) || p.unterminated.has(token))
    return {why: `the registry ${p.expressionText(at, p.valueEnd(at))}, computed`}
  const resolved = p.resolve(token, at)
  if (resolved.missing.length > 0)
    return {why: `the registry "${elide(resolved.text, 200)}" (${resolved.missing.join(', ')})`}
  if (resolved.text === '') return undefined
  try {
    const url = new URL(resolved.text)
    if (url.host !== '') return {host: url.host}
  } catch {
    // Jenkins refuses it too (java.net.URL).
  }
  return {why: `the registry "${elide(resolved.text, 200)}", which is not a URL`}
}
