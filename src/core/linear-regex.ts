/**
 * Regular expressions written in files stewards reads (bot rules, gitdm's company renames), run on RE2
 * (@bufbuild/re2, the linear-time engine the CEL rules' `matches` already uses). A backtracking engine is no place for
 * them: JavaScript's RegExp took minutes on `^(.*.*)*x$` against a 22-character e-mail, and bounding the value does
 * not help (the time is exponential in it); such a pattern can come from a scanned tree's `.stewards.yaml`
 * (`bots:`, `companies:`). RE2 refuses what it cannot match in linear time (backreferences, lookaround) with a
 * syntax error, which the reader reports with its file and line. Go's regexp is RE2 too, so gitdm's patterns, inline
 * flags such as `(?i)` included, mean here what they mean to gitdm.
 */
import {RE2JS} from '@bufbuild/re2'

export interface LinearRegex {
  /** The pattern as written. */
  readonly source: string
  /** True when the pattern matches anywhere in `value`, as RegExp#test. */
  test(value: string): boolean
}

/** Compiles `source`; throws an Error with RE2's reason when it is not an RE2 expression. */
export function linearRegex(source: string): LinearRegex {
  let compiled: RE2JS
  try {
    compiled = RE2JS.compile(source)
  } catch (error) {
    throw new Error(`not a regular expression RE2 reads: ${(error as Error).message}`)
  }
  return {source, test: (value) => compiled.test(value)}
}
