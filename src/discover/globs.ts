/**
 * --include/--exclude globs (picomatch). A path is tried in each form it is known by: relative to the PATH being
 * walked, and as printed (relative to the working directory), so for `stewards inventory deploy` both `k8s/**`
 * and `deploy/k8s/**` work. A glob without `/` matches a file or directory name at any depth. Each glob
 * remembers whether it matched, so one that never did (a typo, a path from another directory) can be reported.
 *
 * Globs come from the scanned tree too (its `.stewards.yaml`), and picomatch matches with a regular expression
 * that backtracks: `*a*a*a*a*b` took 7 s on one directory of 50 files with a 200-character name, and one more `*`
 * never ended. A glob with at most MAX_STARS runs of `*` (or extglob groups, which backtrack alike) is picomatch's,
 * exactly as before; one with more, if it holds only literals, `?`, `*`, `**` and `{a,b}` lists, is matched here
 * segment by segment in bounded time (./glob-match.ts: picomatch's meaning but for a few of its corner cases), and
 * any other is refused (exit 3).
 */
import picomatch from 'picomatch'
import {errorMessage, usageError} from '../core/errors.js'
import {linearGlob} from './glob-match.js'

/** Runs of `*` (or extglob groups) a glob matched by picomatch may have: more backtrack beyond any time bound. */
const MAX_STARS = 2

export type GlobKind = 'include' | 'exclude'

export interface GlobSet {
  /** True when any glob matches any form of the path; with no globs, `whenEmpty`. */
  matches(forms: readonly string[]): boolean
  /** The globs that have not matched a path so far, as written. */
  unmatched(): string[]
}

interface Glob {
  pattern: string
  test(path: string): boolean
  matched: boolean
}

/** Throws a usage error (exit 3) naming the first glob that is not valid. */
export function compileGlobs(kind: GlobKind, patterns: readonly string[], whenEmpty: boolean): GlobSet {
  const globs = patterns.map((pattern) => compile(kind, pattern))
  return {
    matches(forms) {
      if (globs.length === 0) return whenEmpty
      let any = false
      // Every glob is tried (no early return) so that each one that matches is marked.
      for (const glob of globs) {
        if (forms.some((form) => glob.test(form))) {
          glob.matched = true
          any = true
        }
      }
      return any
    },
    unmatched: () => globs.filter((glob) => !glob.matched).map((glob) => glob.pattern),
  }
}

function compile(kind: GlobKind, pattern: string): Glob {
  // picomatch reads an unclosed `[`, `(` or `{` as a literal or as nothing at all (`*.{json` matches no path);
  // strictBrackets makes it say so, and debug surfaces the RegExp error it otherwise turns into a match-nothing.
  const options = {dot: true, basename: !pattern.includes('/'), strictBrackets: true, debug: true}
  try {
    if (pattern.trim() === '') throw new Error('empty glob')
    picomatch.makeRe(pattern, options)
    // An extglob group (`!(x)`, `@(…)`...) backtracks as a `*` does.
    const stars = pattern.match(/\*+|[!@+?*]\(/g)?.length ?? 0
    if (stars <= MAX_STARS) return {pattern, test: picomatch(pattern, {...options, debug: false}), matched: false}
    const linear = linearGlob(pattern)
    if (linear) return {pattern, test: linear, matched: false}
    throw new Error(
      `it has ${stars} runs of * or extglob groups; past ${MAX_STARS}, only a glob of literals, ?, * and ** (and {a,b} lists) is matched, in bounded time`,
    )
  } catch (error) {
    throw usageError(
      'bad-glob',
      `--${kind} "${pattern}" is not a valid glob: ${errorMessage(error)}`,
      'quote the glob so the shell leaves it alone; escape a literal [ ] ( ) { } with a backslash',
    )
  }
}
