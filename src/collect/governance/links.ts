/**
 * Links to a GitHub repository or to a file in one: `https://github.com/o/r`, `github.com/o/r`,
 * `https://github.com/o/r/blob/<ref>/<path>`; `tree/<ref>/<dir>` links point at the repository. Profile links
 * (`github.com/login`), issues, pull requests, wikis and organisation pages are not repositories.
 */
import {isValidOwner, isValidRepoName} from '../../core/repo-name.js'
import {trimEnd} from '../../core/trim-end.js'

const LINK =
  /(?<![\w.-])(?:https?:\/\/)?(?:www\.)?github\.com\/([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9._-]+)(?:\/(blob|tree)\/[^/\s)>\]"']+\/([^\s)>\]"'#?]+))?(?=$|[\s)>\]"'#?,;:]|\/(?:$|[\s)>\]"'#?,;:]))/g

const NOT_REPOSITORIES = new Set(['orgs', 'settings', 'sponsors', 'features', 'marketplace', 'topics', 'apps'])

export function links(line: string): Array<{owner: string; name: string; path?: string}> {
  const out: Array<{owner: string; name: string; path?: string}> = []
  for (const match of line.matchAll(LINK)) {
    const [, owner, written, kind, path] = match
    // A sentence's full stop is not part of the name; neither is `.git`.
    const name = trimEnd(written, '.').replace(/\.git$/i, '')
    if (NOT_REPOSITORIES.has(owner.toLowerCase()) || !isValidOwner(owner) || !isValidRepoName(name)) continue
    const file = kind === 'blob' && path ? safePath(path) : undefined
    out.push(file ? {owner, name, path: file} : {owner, name})
  }
  return out
}

/** A repository path from a link: decoded, no `..` or empty segments (it builds an API expression). */
function safePath(raw: string): string | undefined {
  let path: string
  try {
    path = decodeURIComponent(trimEnd(raw, '/'))
  } catch {
    return undefined
  }
  const parts = path.split('/')
  return parts.every((p) => p !== '' && p !== '.' && p !== '..' && !/[\u0000-\u001f:]/.test(p)) && path.length <= 300
    ? path
    : undefined
}

/**
 * An inline Markdown link's target: `[text](target)`, up to 300 characters, no spaces or parentheses, with an optional
 * quoted title up to 300 characters (`[t](./TEAM.md "The team")`). Each part bounded: linear.
 */
const INLINE_TARGET = /\]\(<?([^()\s<>]{1,300})>?(?:\s{1,20}(?:"[^"()]{0,300}"|'[^'()]{0,300}'))?\s{0,20}\)/g

/**
 * The repository paths a line's relative Markdown links lead to (`[Core Working Group](./WORKING_GROUP.md)` →
 * `WORKING_GROUP.md`), from the repository's root: no scheme, no absolute path, no home folder (`~`) or backslash,
 * no `..`; a fragment, query or title dropped.
 */
export function relativeLinks(line: string): string[] {
  const out: string[] = []
  for (const [, target] of line.matchAll(INLINE_TARGET)) {
    // A Windows path (`.\TEAM.md`) or a home folder (`~/TEAM.md`) is no path of the repository.
    if (/^(?:[a-z][a-z0-9+.-]*:|\/|#|~)/i.test(target) || target.includes('\\')) continue
    const bare = target.replace(/[#?].*$/, '').replace(/^(?:\.\/)+/, '')
    const path = bare ? safePath(bare) : undefined
    if (path && !out.includes(path)) out.push(path)
  }
  return out
}
