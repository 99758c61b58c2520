/**
 * Globs of literals, `?`, `*` and whole-segment `**`, matched without a regular expression (why: ./glob.ts), with
 * the meaning picomatch gives them under the options ./glob.ts uses (`dot: true`; a glob without `/` matches a name
 * at any depth, unless `basename: false`), held to picomatch's answers by a differential test (./glob-match.test.ts):
 * - a path matches when it is the glob itself, or when its segments (split at `/`) match the glob's;
 * - `*` matches any run of characters in a segment, `?` one character; a segment that starts with `*` never matches
 *   a whole `.` or `..` segment; a leading `./` is dropped; a segment that starts with `.` and holds a wildcard is
 *   left to picomatch;
 * - `**` as a whole segment matches any number of segments, none of them `.` or `..`;
 * - `{a,b}` lists (not nested, no `..` ranges, no `/` or `**` in a choice) are expanded first, at most
 *   MAX_EXPANSIONS globs.
 * A segment is matched by the usual wildcard algorithm (back to the last `*` on a mismatch), the segments by a table
 * of glob segment × path segment: time bounded by the product of the two lengths, never exponential.
 */

/** What a glob matched here may hold besides literals, `?`, `*` and `/`: no classes, escapes, groups or negation. */
const SPECIAL = /[\\[\]()]/
const MAX_EXPANSIONS = 64

/** A matcher for `glob`, or undefined when it is not one matched here (picomatch matches it). */
export function linearGlob(glob: string, {basename = true} = {}): ((path: string) => boolean) | undefined {
  if (glob.startsWith('!')) return undefined
  // picomatch drops a leading `./` (paths here never have one).
  let bare = glob
  while (bare.startsWith('./')) bare = bare.slice(2)
  const expanded = expandLists(bare)
  if (!expanded || expanded.some((one) => SPECIAL.test(one) || one.includes('{') || one.includes('}'))) return undefined
  // A list whose choices hold `/` or `**` is one alternation to picomatch, not several globs.
  if (expanded.length > 1 && /\{[^}]*(?:\/|\*\*)[^}]*\}/.test(bare)) return undefined
  // As picomatch decides it: from the glob as written, for every glob of its list.
  const byName = basename && !glob.includes('/')
  const globs = expanded.map((one) => one.split('/'))
  // A segment that starts with `.` and holds a wildcard (`.*`, `.?`) has rules of its own in picomatch (`.*` is not
  // `.`, but is `..`): left to it.
  if (globs.some((one) => one.some((part) => part.startsWith('.') && /[*?]/.test(part)))) return undefined
  return (path) => {
    if (path === glob) return true
    const segments = byName ? [path.slice(path.lastIndexOf('/') + 1)] : path.split('/')
    return globs.some((one) => segmentsMatch(one, segments))
  }
}

/** `a{b,c}d{e,f}` as its four globs; undefined for nested lists, ranges or too many. */
function expandLists(glob: string): string[] | undefined {
  let globs = [glob]
  for (;;) {
    const open = globs[0].indexOf('{')
    if (open === -1) return globs
    const close = globs[0].indexOf('}', open)
    if (close === -1) return undefined
    const inside = globs[0].slice(open + 1, close)
    if (inside.includes('{') || inside.includes('..') || !inside.includes(',')) return undefined
    const next: string[] = []
    for (const one of globs) {
      const at = one.indexOf('{')
      const end = one.indexOf('}', at)
      for (const choice of one.slice(at + 1, end).split(',')) next.push(one.slice(0, at) + choice + one.slice(end + 1))
    }
    if (next.length > MAX_EXPANSIONS) return undefined
    globs = next
  }
}

function isDots(segment: string): boolean {
  return segment === '.' || segment === '..'
}

/** The glob's segments against the path's: a row of the table at a time, from the last segments back. */
function segmentsMatch(glob: readonly string[], path: readonly string[]): boolean {
  // next[j]: glob[i + 1..] matches path[j..]
  let next = new Uint8Array(path.length + 1)
  next[path.length] = 1
  for (let i = glob.length - 1; i >= 0; i--) {
    const current = new Uint8Array(path.length + 1)
    const part = glob[i]
    // A last `**` after a segment ending in `*` must match a segment at least (picomatch: `*/**` is not `ab`, `a/**` is `a`).
    const some = part === '**' && i === glob.length - 1 && i > 0 && glob[i - 1] !== '**' && glob[i - 1].endsWith('*')
    for (let j = path.length; j >= 0; j--) {
      if (part === '**')
        current[j] =
          (!some && next[j]) || (j < path.length && !isDots(path[j]) && (current[j + 1] || next[j + 1])) ? 1 : 0
      else current[j] = j < path.length && next[j + 1] && segmentMatches(part, path[j]) ? 1 : 0
    }
    next = current
  }
  return next[0] === 1
}

function segmentMatches(glob: string, segment: string): boolean {
  if (!glob.includes('*') && !glob.includes('?')) return glob === segment
  // As picomatch: a segment that starts with `*` never matches `.` or `..` (`?`, `.*` may).
  // An empty segment (the first of an absolute path) is matched by `*`, as picomatch's `(?=.)` sees the `/` after it.
  if (glob.startsWith('*') && isDots(segment)) return false
  return wildcard(glob, segment)
}

/** `*` and `?` in one segment: on a mismatch, back to the last `*` with one more character in it. */
function wildcard(glob: string, text: string): boolean {
  let g = 0
  let t = 0
  let star = -1
  let resume = 0
  while (t < text.length) {
    if (g < glob.length && (glob[g] === '?' || (glob[g] !== '*' && glob[g] === text[t]))) {
      g++
      t++
    } else if (g < glob.length && glob[g] === '*') {
      star = g++
      resume = t
    } else if (star !== -1) {
      g = star + 1
      t = ++resume
    } else return false
  }
  while (g < glob.length && glob[g] === '*') g++
  return g === glob.length
}
