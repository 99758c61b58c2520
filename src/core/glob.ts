/**
 * Globs written in files stewards reads (--include/--exclude and a settings file's `include:`/`exclude:`, the
 * `match:` of --map files), matched in bounded time. picomatch matches with a regular expression that backtracks:
 * `*a*a*a*a*b` took 7 s on one directory of 50 files with a 200-character name, one more `*` never ended, and a
 * scanned tree's settings can bring both the glob and the names it runs on. A glob with at most MAX_STARS runs of `*`
 * (or extglob groups, which backtrack alike) is picomatch's, exactly as before; one with more, if it holds only
 * literals, `?`, `*`, `**` and `{a,b}` lists, is matched segment by segment in bounded time (./glob-match.ts:
 * picomatch's meaning but for a few of its corner cases), and any other is refused.
 */
import picomatch from 'picomatch'
import {linearGlob} from './glob-match.js'

/** Runs of `*` (or extglob groups) a glob matched by picomatch may have: more backtrack beyond any time bound. */
export const MAX_STARS = 2

export interface GlobOptions {
  /** A glob without `/` matches a name at any depth (picomatch's `basename`). */
  basename?: boolean
  /** An unclosed `[`, `(` or `{` is an error, not a literal or nothing at all (picomatch's `strictBrackets`). */
  strict?: boolean
}

/** A matcher for `glob` (picomatch's `dot: true`); throws an Error saying why when it is not one matched in bounded time. */
export function boundedGlob(
  glob: string,
  {basename = false, strict = false}: GlobOptions = {},
): (path: string) => boolean {
  if (glob.trim() === '') throw new Error('empty glob')
  const options = {dot: true, basename, strictBrackets: strict}
  // debug surfaces the RegExp error picomatch otherwise turns into a match-nothing.
  picomatch.makeRe(glob, {...options, debug: true})
  const stars = glob.match(/\*+|[!@+?*]\(/g)?.length ?? 0
  if (stars <= MAX_STARS) return picomatch(glob, options)
  const linear = linearGlob(glob, {basename})
  if (linear) return linear
  throw new Error(
    `it has ${stars} runs of * or extglob groups; past ${MAX_STARS}, only a glob of literals, ?, * and ** (and {a,b} lists) is matched, in bounded time`,
  )
}
