/**
 * Credentials found in inputs never reach an output. Lockfiles, manifests and charts carry them in URLs
 * (`https://user:pass@host/…` in npm `resolved`, pip `--index-url`, Cargo `registry+https://…`, Helm
 * `repository:`, `oci://`), in query strings (`?token=`, `?access_token=`, signed-URL signatures) and in
 * `key=value` settings (`_authToken=`, `password:`). This is the one place that removes them; the model's entry
 * points (discover, resolve) and every output boundary call it.
 *
 * A redacted URL still names its host and path: `https://***@host/path?token=***`. Values stop at a quote or a
 * backslash, so redacting JSON text keeps it valid JSON, and redacting twice changes nothing. Written by hand: the URL
 * parser cannot be used on free text (messages, purls, scp-like `user:pass@host:path`), and the rules are a few
 * regular expressions, each linear in the input.
 */
import {PackageURL} from 'packageurl-js'
import {mapStrings} from './map-strings.js'

export const REDACTED = '***'

/**
 * Names whose values are secrets, as the last word of a query, fragment or setting name (words split at `-`,
 * `_`, `.` and camelCase humps: `_authToken`, `npmAuthToken`, `api_key`, `X-Amz-Signature`): tokens, passwords,
 * API keys, and the signatures and credentials of pre-signed URLs (AWS `X-Amz-Signature`/`-Credential`/
 * `-Security-Token`, Azure SAS `sig`, Google `X-Goog-Signature`).
 */
const SECRET_WORDS = new Set([
  'auth',
  'authorization',
  'apikey',
  'bearer',
  'credential',
  'credentials',
  'jwt',
  'key',
  'pass',
  'passphrase',
  'passwd',
  'password',
  'pwd',
  'secret',
  'session',
  'sessionid',
  'sig',
  'signature',
  'token',
])

export function isSecretName(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s._-]+/)
    .filter(Boolean)
  const last = words.at(-1)?.toLowerCase()
  return last !== undefined && SECRET_WORDS.has(last)
}

/** `scheme://userinfo@`: the userinfo runs to the last `@` before the path (sloppy files leave `@` unencoded). */
const URL_USERINFO = /\b([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^\s/?#"'<>`\\]*)@/g

/**
 * `user:password@host…` without a scheme (an image reference or a pip line written with credentials): the user runs
 * from the start of the text or a BEFORE_USER character to the first `:`, the password (`:` and `@` allowed: sloppy
 * files leave a password's `@` unencoded, and registries take e-mail addresses as users) to the last `@` before a
 * host in the same run of USERINFO characters. Found from each such `@` (redactBareUserinfo), not with an expression
 * that runs from every possible start to the `@`: on `a:a:a:…:@` each of those runs crossed the whole text, and 200 KB
 * of it took 30 s.
 */
const AT_HOST = /@(?=(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b|localhost\b|\d{1,3}(?:\.\d{1,3}){3}\b)/g
/** AT_HOST at one position (sticky). */
const AT_HOST_HERE = new RegExp(AT_HOST.source, 'y')
/** What neither the user nor the password of a bare userinfo holds: the ends of a run of userinfo. */
const NOT_USERINFO_CHAR = /[\s/?#'"<>`\\]/
/** `:` */
const COLON = 0x3a
/** What may come right before the user of a bare userinfo (or the start of the text). */
const BEFORE_USER = /[\s'"=(,;<>`]/

/**
 * What every match of URL_USERINFO contains, from its first literal character on. The full pattern starts with a
 * character class, which the regular expression engine tries at nearly every position of a large text; this starts
 * with `:` and costs a tenth as much, so a report with no userinfo is scanned once, cheaply. (AT_HOST starts with its
 * literal `@` already.)
 */
const HAS_URL_USERINFO = /:\/\/[^\s/?#"'<>`\\]*@/

/** `?name=value`, `&name=value`, `;name=value`, `#name=value` in a URL; prose may close it with `)`, `]` or `,`. */
const QUERY_PARAM = /([?&;#])([A-Za-z0-9_.-]{1,64})=([^&#\s"'<>`\\),\]]*)/g

/** `name=value` / `name: value` in a message; the name decides (`isSecretName`). */
const ASSIGNMENT =
  /(?<![A-Za-z0-9_.-])([A-Za-z0-9_.-]{1,64})(\s*[=:]\s*)(["']?)((?:[Bb]earer\s+|[Bb]asic\s+|token\s+)?[^\s"'&,;\\)\]]+)/g

/**
 * Access tokens by the prefixes their issuers document, wherever they appear (a token written into a CI variable
 * and substituted into an image name, a URL path): GitHub's classic and fine-grained tokens
 * (https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/), GitLab's
 * personal, deploy and runner tokens (https://docs.gitlab.com/security/tokens/), npm's access tokens. The prefix
 * stays, to say what was there.
 */
const TOKENS =
  /(?<![\w-])(gh[pousr]_(?=[A-Za-z0-9]{36}(?![\w-]))|npm_(?=[A-Za-z0-9]{36}(?![\w-]))|github_pat_(?=[A-Za-z0-9_]{82}(?![\w-]))|gl(?:pat|dt|rt)-(?=[A-Za-z0-9_-]{20,}))[\w-]+/g
const TOKEN = new RegExp(TOKENS.source)

/** The SSH user of every forge (`git@github.com:o/r`, `ssh://git@…`): public, and kept so refs read as written. */
const PUBLIC_USERS = new Set(['git'])

const remembered = new Set<string>()

/**
 * A secret this process holds (the GitHub token): from now on every output boundary replaces it wherever it
 * appears, whatever the text around it. Values shorter than 8 characters are not remembered (no real token is
 * that short, and they would garble unrelated text).
 */
export function rememberSecret(value: string | undefined): void {
  const secret = value?.trim()
  if (secret && secret.length >= 8) remembered.add(secret)
}

/**
 * Removes credentials from any text: userinfo of URLs (`https://***@host/path`), `user:pass@host` without a
 * scheme, values of secret query parameters, tokens by their issuers' prefixes (`glpat-***`), and the secrets this
 * process was told about. Text without any is
 * returned unchanged (same string).
 */
export function redactSecrets(text: string): string {
  let out = text
  // Both userinfo patterns hold a `:` before their `@`: an npm scope (`@scope/name`) is passed over by two searches.
  if (out.includes('@') && out.includes(':')) {
    if (HAS_URL_USERINFO.test(out))
      out = replaceChanged(out, URL_USERINFO, ([match, scheme, userinfo]) =>
        PUBLIC_USERS.has(userinfo) ? match : `${scheme}${REDACTED}@`,
      )
    out = redactBareUserinfo(out)
  }
  if (out.includes('=')) {
    out = replaceChanged(out, QUERY_PARAM, ([match, sep, name, value]) =>
      value !== '' && !value.startsWith(REDACTED) && isSecretName(name) ? `${sep}${name}=${REDACTED}` : match,
    )
  }
  // Guarded: a loop over an empty set still made an iterator for each of an inventory's strings.
  if (remembered.size > 0)
    for (const secret of remembered) if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  // After the remembered ones: the user's own token is `***`, as it always was; any other keeps its prefix.
  if (TOKEN.test(out)) out = out.replace(TOKENS, `$1${REDACTED}`)
  return out
}

/**
 * `text.replace(pattern, ...)` for a global pattern, but text where no match changes is returned as it is: a
 * megabyte of report with nothing to redact is scanned, never copied.
 */
function replaceChanged(text: string, pattern: RegExp, replace: (match: RegExpExecArray) => string): string {
  const parts: string[] = []
  let last = 0
  pattern.lastIndex = 0
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const next = replace(match)
    if (next === match[0]) continue
    parts.push(text.slice(last, match.index), next)
    last = match.index + match[0].length
  }
  if (parts.length === 0) return text
  parts.push(text.slice(last))
  return parts.join('')
}

/**
 * Each bare `user:password@host` becomes `***@host` (after a `mailto:` too: `mailto:***@host`). Linear: each run of userinfo characters is
 * read once: its `@`s before a host are found forwards (AT_HOST), its start back from the first of them, and the
 * user's start forwards from there, never before the end of the run before.
 */
function redactBareUserinfo(text: string): string {
  const parts: string[] = []
  let kept = 0
  let done = 0
  AT_HOST.lastIndex = 0
  for (let match = AT_HOST.exec(text); match !== null; match = AT_HOST.exec(text)) {
    let runStart = match.index
    while (runStart > done && !NOT_USERINFO_CHAR.test(text[runStart - 1])) runStart--
    let runEnd = match.index + 1
    while (runEnd < text.length && !NOT_USERINFO_CHAR.test(text[runEnd])) runEnd++
    // The password runs to the last `@` before a host in the run: the run's later `@`s are tried where they are
    // (AT_HOST_HERE), not searched for past the run's end and then searched for again from there.
    let at = match.index
    for (let next = text.indexOf('@', at + 1); next !== -1 && next < runEnd; next = text.indexOf('@', next + 1)) {
      AT_HOST_HERE.lastIndex = next
      if (AT_HOST_HERE.test(text)) at = next
    }
    AT_HOST.lastIndex = runEnd
    done = runEnd
    const start = userStart(text, runStart, at)
    if (start === undefined) continue
    parts.push(text.slice(kept, start), REDACTED)
    kept = at
  }
  if (parts.length === 0) return text
  parts.push(text.slice(kept))
  return parts.join('')
}

/**
 * The leftmost start of a userinfo in text[run, at): after the start of the text, a BEFORE_USER character or a `mailto:`
 * that starts after one, a user of one or more characters up to the first `:` (never `mailto` itself, but after a
 * `mailto:`), and a password of one or more characters after it.
 * The next `:` is looked for only forwards and never past `at`, so the run is read once.
 */
function userStart(text: string, run: number, at: number): number | undefined {
  let colon = run - 1
  for (let start = run; start < at - 2; start++) {
    const afterMailto = isAfterMailto(text, start)
    if (start > 0 && !BEFORE_USER.test(text[start - 1]) && !afterMailto) continue
    if (colon < start) {
      colon = start
      while (colon < at && text.charCodeAt(colon) !== COLON) colon++
    }
    if (colon >= at - 1) return undefined
    // `mailto:someone@host` is an address, not a userinfo (its `mailto` is no user); a user may start right after it
    // (`mailto:user:password@host`), or further on.
    if (colon > start && (afterMailto || text.slice(start, colon).toLowerCase() !== 'mailto')) return start
  }
  return undefined
}

/** `text[start]` comes right after a `mailto:` (any case) that itself starts where a user may (BEFORE_USER). */
function isAfterMailto(text: string, start: number): boolean {
  if (start < 7 || text.charCodeAt(start - 1) !== COLON || text.slice(start - 7, start - 1).toLowerCase() !== 'mailto')
    return false
  return start === 7 || BEFORE_USER.test(text[start - 8])
}

/**
 * `redactSecrets`, and the values of `name=value` / `name: value` settings whose name holds a secret
 * (`_authToken=…`, `password: …`): for messages, which may quote a line of a file.
 */
export function redactMessage(text: string): string {
  return redactSecrets(text).replace(ASSIGNMENT, (match, name: string, sep: string, quote: string, value: string) =>
    value.startsWith(REDACTED) || !isSecretName(name) || isSessionCoordinate(name, sep)
      ? match
      : `${name}${sep}${quote}${REDACTED}`,
  )
}

/**
 * `org.springframework.session:spring-session-core`: a Maven coordinate whose group ends in `.session`, not a
 * setting (Spring Session, Micronaut's). Only `session`, the one secret word Java groups end in: a dotted lower-case
 * group, then `:` with nothing between.
 */
function isSessionCoordinate(name: string, sep: string): boolean {
  return sep === ':' && /^[a-z][a-z0-9_-]*(?:\.[a-z0-9_-]+)+\.session$/.test(name)
}

/**
 * A purl no rule above can change, so not parsed (most are): a type, then a path and an optional version with no
 * `:` (no scheme, no `user:pass`), no `=` (no setting), no qualifiers or sub-path, no `@` but the version's, no
 * percent-encoding but `%40` (an npm scope), which decodes to an `@` with no `:` before it (tested with the `%40`s
 * taken out: isPlainPurl), and no token shape (TOKENS).
 */
const PLAIN_PURL = /^pkg:[A-Za-z0-9.+-]+\/[^?#%=@:\s\\]*(?:@[^?#%=@:/\s\\]*)?$/

/**
 * PLAIN_PURL once every `%40` is taken out. The one expression with `%40` as an alternative (`(?:[^…]|%40)*`) took
 * a stack frame per character: a 10-million-character name in a requirements file overflowed the stack (exit 4).
 */
function isPlainPurl(purl: string): boolean {
  return PLAIN_PURL.test(purl.includes('%40') ? purl.replaceAll('%40', '') : purl) && !TOKEN.test(purl)
}

/**
 * A package URL with credentials removed from every part. Qualifiers are percent-encoded inside a purl
 * (`repository_url=https%3A%2F%2Fuser%3Apass%40host`), so the purl is parsed, its decoded parts redacted and
 * written again; an unchanged purl is returned as is (same bytes).
 */
export function redactPurl(purl: string): string {
  if (remembered.size === 0 && isPlainPurl(purl)) return purl
  let parsed: PackageURL
  try {
    parsed = PackageURL.fromString(purl)
  } catch {
    const decoded = safeDecode(purl)
    const redacted = redactSecrets(decoded)
    return redacted === decoded ? redactSecrets(purl) : redacted
  }
  let changed = false
  const clean = (value: string | undefined | null): string | undefined => {
    if (value === undefined || value === null) return undefined
    const redacted = redactSecrets(value)
    if (redacted !== value) changed = true
    return redacted
  }
  const qualifiers = parsed.qualifiers
    ? Object.fromEntries(Object.entries(parsed.qualifiers).map(([k, v]) => [k, clean(v) ?? '']))
    : undefined
  const namespace = clean(parsed.namespace)
  const name = clean(parsed.name) ?? parsed.name
  const version = clean(parsed.version)
  const subpath = clean(parsed.subpath)
  if (!changed) return purl
  return new PackageURL(parsed.type, namespace, name, version, qualifiers, subpath).toString()
}

/** Object keys whose values are prose that may quote a file: redacted with `redactMessage`. */
const MESSAGE_KEYS = new Set(['message', 'detail', 'reason', 'evidence'])

/**
 * Every string inside `value` redacted (`pkg:` strings as purls, messages with `redactMessage`); objects and
 * arrays are copied only where something changed.
 */
export function redactDeep<T>(value: T): T {
  return mapStrings(value, redactValue)
}

/** One string of a model redacted as `redactDeep` redacts it, `key` the property that holds it. */
export function redactValue(text: string, key: string | undefined): string {
  if (text.startsWith('pkg:')) return redactPurl(text)
  return key !== undefined && MESSAGE_KEYS.has(key) ? redactMessage(text) : redactSecrets(text)
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * A URL as a format may write it into a purl or a message: without user or password (`new URL` clears them, so an
 * encoded `@` in a password cannot leave part of it), then `redactSecrets` (secret query parameters; a
 * `user:password@` written without a scheme, which `new URL` does not read).
 */
export function urlWithoutCredentials(url: string): string {
  let shown = url
  try {
    const parsed = new URL(url)
    if (parsed.username !== '' || parsed.password !== '') {
      parsed.username = ''
      parsed.password = ''
      shown = parsed.toString()
    }
  } catch {
    // Not a URL (a path, scp-like `user@host:path`): redactSecrets removes a `user:password@` there.
  }
  return redactSecrets(shown)
}

/**
 * `scheme://user:password@host/…` → `scheme://host/…` as written (no `new URL` normalising the rest, unlike
 * urlWithoutCredentials): credentials never reach a purl or a message. The userinfo runs to the last `@` before the
 * path, so a password holding an unencoded `@` goes whole. `keepGitUser` keeps a bare `git@` (an SSH URL's user,
 * no secret).
 */
export function withoutUserinfo(url: string, keepGitUser = false): string {
  const match = /^([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^/?#]*)@/.exec(url)
  if (match === null || (keepGitUser && match[2] === 'git')) return url
  return match[1] + url.slice(match[0].length)
}
