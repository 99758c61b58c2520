/**
 * One image a Jenkinsfile names: its string with templates filled in (./pipeline.ts), the registry it is pulled
 * through (`registryUrl` of a declarative docker agent, an enclosing `docker.withRegistry('url')`: docker-workflow's
 * DockerRegistryEndpoint.imageName puts the registry's host before a name that does not start with it), then the
 * shared image helpers (../../output.ts addImageRef: parsed as Docker does, refused when it is not a reference).
 */
import {elide} from '../../../core/elide.js'
import {addImageRef} from '../../output.js'
import type {Pipeline} from './pipeline.js'

/** The registry an image is pulled through: its host (and port), or why it is not known. */
export type Registry = {host: string} | {why: string}

/** The image whose value starts at token `at` (a string, or a name set to one). */
export function imageValue(p: Pipeline, at: number, where: string, registry: Registry | undefined): void {
  let token = p.tokens[at]
  const line = token?.line ?? p.tokens[at - 1]?.line ?? 1
  if (token?.kind === 'ident' && p.isValueEnd(at + 1)) {
    // `image IMAGE`, `docker.image(img)`: a name set to a string.
    const binding = p.lookup(token.value, at)
    if (binding === undefined || !('token' in binding)) {
      const why =
        binding === undefined
          ? 'is not set in this file (top-level assignments and environment blocks are read)'
          : `is set to ${binding.computed}`
      p.skip(line, 'unsupported', `${where} ${elide(token.value, 100)}: the name ${why}; not guessed`)
      return
    }
    token = binding.token
  } else if (token?.kind !== 'string' || !p.isValueEnd(at + 1)) {
    p.skip(line, 'unsupported', `${where} ${p.expressionText(at, p.valueEnd(at))}: computed, not read`)
    return
  }
  if (p.unterminated.has(token)) return
  const written = token.raw ?? token.value
  if (!token.parts?.some((part) => 'expr' in part) && token.value.includes('$')) {
    p.skip(
      line,
      'unsupported',
      `${where} "${elide(written, 200)}" holds a $ Groovy does not fill in (a single-quoted string, or an escaped \\$); not guessed`,
    )
    return
  }
  const resolved = p.resolve(token, at)
  if (resolved.missing.length > 0) {
    // A template in the tag or digest leaves the image known but not its version.
    const tail = resolved.prefix.slice(resolved.prefix.lastIndexOf('/') + 1)
    const reason = tail.includes(':') || tail.includes('@') ? 'unresolved-version' : 'unsupported'
    p.skip(line, reason, `${where} "${elide(written, 200)}": ${resolved.missing.join(', ')}; not guessed`)
    return
  }
  if (registry !== undefined && 'why' in registry) {
    p.skip(
      line,
      'unsupported',
      `${where} "${elide(resolved.text, 200)}" is pulled through ${registry.why}; not guessed`,
    )
    return
  }
  const pulled =
    registry === undefined || resolved.text.startsWith(registry.host)
      ? resolved.text
      : `${registry.host}/${resolved.text}`
  addImageRef(p.out, resolved.text, {file: p.file, line: token.line, column: token.column}, 'manifest', pulled)
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
