/**
 * --include/--exclude globs (picomatch). A path is tried in each form it is known by: relative to the PATH being
 * walked, and as printed (relative to the working directory), so for `stewards inventory deploy` both `k8s/**`
 * and `deploy/k8s/**` work. A glob without `/` matches a file or directory name at any depth. Each glob
 * remembers whether it matched, so one that never did (a typo, a path from another directory) can be reported.
 *
 * Globs come from the scanned tree too (its `.stewards.yaml`): they are matched in bounded time or refused (exit 3)
 * (../core/glob.ts).
 */
import {errorMessage, usageError} from '../core/errors.js'
import {boundedGlob} from '../core/glob.js'

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
  try {
    return {pattern, test: boundedGlob(pattern, {basename: !pattern.includes('/'), strict: true}), matched: false}
  } catch (error) {
    throw usageError(
      'bad-glob',
      `--${kind} "${pattern}" is not a valid glob: ${errorMessage(error)}`,
      'quote the glob so the shell leaves it alone; escape a literal [ ] ( ) { } with a backslash',
    )
  }
}
