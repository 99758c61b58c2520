/**
 * Jenkins shared libraries (https://www.jenkins.io/doc/book/pipeline/shared-libraries/): Groovy code a pipeline
 * loads and runs.
 * - `@Library('name@ref') _`, `library 'name@ref'`, `libraries { lib('name@ref') }`: the library's source is
 *   configured inside Jenkins (global, folder or organisation libraries), not in the file: a skip names it.
 * - `library identifier: 'name@ref', retriever: modernSCM(…)` with a git source (`[$class: 'GitSCMSource', remote:
 *   'url']`, `git('url')`, `git(remote: 'url')`, `GitSCMSource(remote: …)`, a GitHub source's `repoOwner`/`repository`,
 *   `legacySCM(…url: 'url'…)`): a `generic` package, as pre-commit's hook repositories are: name the library's,
 *   version the ref, purl `vcs_url=git+URL@ref` (the URL without credentials), scope `dev` (it runs in CI).
 */
import {purlString} from '../../../core/purl-string.js'
import {elide} from '../../../core/elide.js'
import type {Component} from '../../../core/model.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import {unresolvedVersion} from '../../lockfile-support/problems.js'
import type {Pipeline} from './pipeline.js'

const CONFIGURED = 'its source is configured in Jenkins (global, folder or organisation libraries), not in this file'
/** A library name as Jenkins takes it: no `@`, no white space. */
const LIBRARY_NAME = /^[^@\s]{1,200}$/
const REF = /^\S{1,255}$/

/** `@Library('a@1')`, `@Library(['a', 'b@2'])`, `@Library(value = 'a')`: each named in a skip. */
export function libraryAnnotation(p: Pipeline, at: number): void {
  const open = at + 2
  if (!p.isPunct(open, '(')) return
  const close = p.match[open] >= 0 ? p.match[open] : Math.min(p.tokens.length, open + 200)
  for (let k = open + 1; k < close; k++) {
    const token = p.tokens[k]
    if (token.kind !== 'string' || p.unterminated.has(token)) continue
    const name = p.resolve(token, k).text
    p.skip(token.line, 'unsupported', `shared library "${elide(name, 200)}" (@Library): ${CONFIGURED}; not listed`)
  }
}

/** `libraries { lib('name@ref') }` (declarative). */
export function libraryDirective(p: Pipeline, at: number): void {
  const token = p.tokens[at + 2]
  if (token === undefined) return
  const name =
    token.kind === 'string'
      ? `"${elide(p.resolve(token, at + 2).text, 200)}"`
      : p.expressionText(at + 2, p.valueEnd(at + 2))
  p.skip(token.line, 'unsupported', `shared library ${name} (libraries { lib }): ${CONFIGURED}; not listed`)
}

/** The `library` step: `library 'x@1'`, `library('x@1')`, `library identifier: …, retriever: …` (either form). */
export function libraryStep(p: Pipeline, at: number): void {
  const first = p.isPunct(at + 1, '(') ? at + 2 : at + 1
  const token = p.tokens[first]
  if (token === undefined || token.kind === 'newline') return
  if (token.kind === 'string') {
    const name = elide(p.resolve(token, first).text, 200)
    p.skip(token.line, 'unsupported', `shared library "${name}" (library step): ${CONFIGURED}; not listed`)
    return
  }
  if (!(token.kind === 'ident' && p.isPunct(first + 1, ':'))) return
  const args = p.namedArgs(p.isPunct(at + 1, '(') ? at + 1 : first)
  const idAt = args.get('identifier')
  if (idAt === undefined) return
  const idToken = p.tokens[idAt]
  const line = idToken?.line ?? p.tokens[at].line
  if (idToken?.kind === 'string' && p.isValueEnd(idAt + 1) && !p.unterminated.has(idToken)) {
    // A template after the `@` leaves the library known but not its version.
    const resolved = p.resolve(idToken, idAt)
    if (resolved.missing.length > 0 && resolved.prefix.includes('@')) {
      p.out.skipped.push(
        unresolvedVersion(
          p.file,
          line,
          `shared library "${elide(resolved.text, 200)}": ${resolved.missing.join(', ')}; not listed`,
        ),
      )
      return
    }
  }
  const identifier = p.literal(idAt, 'library identifier')
  if (identifier === undefined) return
  const retriever = args.get('retriever')
  if (retriever === undefined) {
    p.skip(line, 'unsupported', `shared library "${elide(identifier, 200)}" (library step): ${CONFIGURED}; not listed`)
    return
  }
  const url = gitRemote(p, retriever, identifier)
  if (url === undefined) return
  const cut = identifier.indexOf('@')
  const name = cut < 0 ? identifier : identifier.slice(0, cut)
  const ref = cut < 0 ? '' : identifier.slice(cut + 1)
  const shown = elide(urlWithoutCredentials(url), 200)
  if (!LIBRARY_NAME.test(name)) {
    p.skip(
      line,
      'unsupported',
      `shared library "${elide(identifier, 200)}" from ${shown}: not a library name; not listed`,
    )
    return
  }
  if (!REF.test(ref)) {
    p.out.skipped.push(
      unresolvedVersion(
        p.file,
        line,
        `shared library ${name} from ${shown}: no version written (library identifier 'name@version'); not listed`,
      ),
    )
    return
  }
  const component = libraryComponent(name, ref, urlWithoutCredentials(url), p.file, p.tokens[idAt])
  if (component !== undefined) p.out.components.push(component)
}

/** The git URL of a retriever, or undefined after a skip saying why there is none. */
function gitRemote(p: Pipeline, at: number, identifier: string): string | undefined {
  const end = p.valueEnd(at)
  const keys = new Map<string, number>()
  let positionalGit: number | undefined
  let sourceClass: string | undefined
  for (let k = at; k < end; k++) {
    const token = p.tokens[k]
    if ((token.kind === 'ident' || token.kind === 'string') && p.isPunct(k + 1, ':') && !keys.has(token.value))
      keys.set(token.value, k + 2)
    if (p.isPunct(k, '$') && p.isIdent(k + 1, 'class') && p.isPunct(k + 2, ':')) sourceClass = p.tokens[k + 3]?.value
    if (p.isIdent(k, 'git') && p.isPunct(k + 1, '(') && p.tokens[k + 2]?.kind === 'string') positionalGit = k + 2
  }
  const where = `library ${elide(identifier, 200)} retriever`
  const owner = keys.get('repoOwner')
  const repository = keys.get('repository')
  if (keys.has('remote') || keys.has('url') || positionalGit !== undefined) {
    if (sourceClass !== undefined && !/Git/.test(sourceClass)) return notGit(p, at, where, sourceClass)
    return p.literal(keys.get('remote') ?? keys.get('url') ?? positionalGit!, `${where} remote`)
  }
  if (owner !== undefined && repository !== undefined) {
    const ownerName = p.literal(owner, `${where} repoOwner`)
    const repoName = ownerName === undefined ? undefined : p.literal(repository, `${where} repository`)
    if (ownerName === undefined || repoName === undefined) return undefined
    return `https://github.com/${ownerName}/${repoName}.git`
  }
  return notGit(p, at, where, sourceClass)
}

function notGit(p: Pipeline, at: number, where: string, sourceClass: string | undefined): undefined {
  const what = sourceClass === undefined ? p.expressionText(at, p.valueEnd(at)) : elide(sourceClass, 100)
  p.skip(p.tokens[at]?.line ?? 1, 'unsupported', `${where} ${what}: not a git source this format reads; not listed`)
  return undefined
}

function libraryComponent(
  name: string,
  ref: string,
  url: string,
  file: string,
  token: {line: number; column: number},
): Component | undefined {
  let purl: string
  try {
    purl = purlString('generic', undefined, name, ref, {vcs_url: gitVcsUrl(url, ref)}, undefined)
  } catch {
    return undefined
  }
  return {
    kind: 'package',
    ecosystem: 'generic',
    name,
    version: ref,
    purl,
    ref: `${url}@${ref}`,
    scope: 'dev',
    direct: true,
    origin: 'manifest',
    locations: [{file, line: token.line, column: token.column}],
  }
}
