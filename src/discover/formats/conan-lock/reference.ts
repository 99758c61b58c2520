/**
 * Conan recipe references, as Conan 2 reads them (conans/model/recipe_ref.py `RecipeReference.loads`):
 * `name/version[@user[/channel]][#revision[%timestamp]]`. A version in `[...]` is a version range (conanfile.txt,
 * conanfile.py): no version. Hand-written, linear scans: no regular expression that backtracks.
 */

/** Conan's name rule (Conan 1's ConanName, which Conan 2 keeps for names, versions, users and channels). */
const NAME = /^[a-zA-Z0-9_][a-zA-Z0-9_+.-]{1,100}$/
/** An exact version: the same characters, from one on (`1`, `system`, `cci.20230929`). */
const VERSION = /^[a-zA-Z0-9_][a-zA-Z0-9_+.-]{0,100}$/
/** A recipe revision: Conan writes an MD5 (32 hex digits) or a commit id. */
const REVISION = /^[a-zA-Z0-9]{1,128}$/
/** The `%timestamp` Conan 2 writes after a revision in a lockfile (seconds, with a fraction). */
const TIMESTAMP = /^\d{1,12}(?:\.\d{1,9})?$/

export interface ConanReference {
  name: string
  /** The exact version; undefined for a range. */
  version?: string
  /** The range as written, brackets included (`[>=1.0 <2]`), or `<host_version>`. */
  range?: string
  user?: string
  channel?: string
  revision?: string
}

export type ParsedReference = {ok: true; reference: ConanReference} | {ok: false; problem: string}

/** Parses one reference; `allowRange` for manifests (a lockfile locks exact versions). */
export function parseReference(text: string, allowRange: boolean): ParsedReference {
  if (text.length > 512) return {ok: false, problem: 'reference longer than 512 characters'}
  const slash = text.indexOf('/')
  if (slash < 0) return {ok: false, problem: 'not a Conan reference (name/version)'}
  const name = text.slice(0, slash)
  if (!NAME.test(name)) return {ok: false, problem: 'not a Conan package name'}
  let rest = text.slice(slash + 1)
  let version: string | undefined
  let range: string | undefined
  // `[>=1 <2]`, a range; `<host_version>`, Conan 2's "the version the host context has" for a tool requirement.
  if (rest.startsWith('[') || rest.startsWith('<')) {
    const closing = rest.startsWith('[') ? ']' : '>'
    const close = rest.indexOf(closing)
    if (close < 0) return {ok: false, problem: `version range without its closing '${closing}'`}
    if (!allowRange) return {ok: false, problem: 'a version range where an exact version is expected'}
    range = rest.slice(0, close + 1)
    rest = rest.slice(close + 1)
  } else {
    const end = firstOf(rest, '@#')
    version = rest.slice(0, end)
    rest = rest.slice(end)
    if (!VERSION.test(version)) return {ok: false, problem: 'not a Conan version'}
  }
  let user: string | undefined
  let channel: string | undefined
  if (rest.startsWith('@')) {
    const end = firstOf(rest, '#')
    const [u, c, extra] = rest.slice(1, end).split('/')
    rest = rest.slice(end)
    if (extra !== undefined) return {ok: false, problem: "more than one '/' after '@'"}
    // Conan 1 writes `@_/_` (or `@_`) for "no user, no channel" and reads `_` as absent: `def _noneize(text): if not
    // text or text == "_": return None`, applied to user and channel (conan-io/conan conans/model/ref.py, 1.x).
    if (u !== '' && u !== '_') user = u
    if (c !== undefined && c !== '' && c !== '_') channel = c
    if ((user !== undefined && !NAME.test(user)) || (channel !== undefined && !NAME.test(channel)))
      return {ok: false, problem: 'not a Conan user/channel'}
    if (channel !== undefined && user === undefined) return {ok: false, problem: 'a channel without a user'}
  }
  let revision: string | undefined
  if (rest.startsWith('#')) {
    const percent = rest.indexOf('%')
    revision = rest.slice(1, percent < 0 ? undefined : percent)
    const timestamp = percent < 0 ? undefined : rest.slice(percent + 1)
    rest = ''
    if (!REVISION.test(revision)) return {ok: false, problem: 'not a recipe revision'}
    if (timestamp !== undefined && !TIMESTAMP.test(timestamp)) return {ok: false, problem: 'not a revision timestamp'}
  }
  if (rest !== '') return {ok: false, problem: 'unexpected text after the reference'}
  const reference: ConanReference = {name}
  if (version !== undefined) reference.version = version
  if (range !== undefined) reference.range = range
  if (user !== undefined) reference.user = user
  if (channel !== undefined) reference.channel = channel
  if (revision !== undefined) reference.revision = revision
  return {ok: true, reference}
}

/** Index of the first of `chars` in `text`, or its length. */
function firstOf(text: string, chars: string): number {
  for (let i = 0; i < text.length; i++) if (chars.includes(text[i])) return i
  return text.length
}

/**
 * The purl (https://github.com/package-url/purl-spec, types/conan-definition.json): `pkg:conan/<name>@<version>`,
 * with `user`, `channel` and `rrev` qualifiers (sorted, as the spec's canonical form has them). Written here, not by
 * packageurl-js, which refuses a `channel` without a namespace (the vendor, which Conan references do not have) though
 * the spec's qualifiers allow it.
 */
export function conanPurl(reference: ConanReference): string {
  const qualifiers: Array<[string, string]> = []
  if (reference.channel !== undefined) qualifiers.push(['channel', reference.channel])
  if (reference.revision !== undefined) qualifiers.push(['rrev', reference.revision])
  if (reference.user !== undefined) qualifiers.push(['user', reference.user])
  const version = reference.version === undefined ? '' : `@${encodePurl(reference.version)}`
  const query = qualifiers.length === 0 ? '' : `?${qualifiers.map(([k, v]) => `${k}=${encodePurl(v)}`).join('&')}`
  return `pkg:conan/${encodePurl(reference.name)}${version}${query}`
}

/** Percent-encodes what a purl segment may not hold as such (`+` among Conan's characters). */
function encodePurl(value: string): string {
  return encodeURIComponent(value)
}
