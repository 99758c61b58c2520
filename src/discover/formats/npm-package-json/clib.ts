/**
 * clib's `package.json` (https://github.com/clibs/clib, "Explanation of package.json" in its wiki; clib 2 names it
 * `clib.json` and still reads `package.json`): a C package's manifest, told from npm's by the fields clib requires and
 * npm does not read, `repo` (`"owner/name"`) or `src` (the files installed). Its `dependencies` and `development`
 * map GitHub repositories to the tag or branch clib fetches them at (`"jb55/rotate-bits.h": "0.1.1"`; `*` is the
 * default branch, master): each is listed as that repository (a `generic` package named by its URL, as the other
 * git dependencies), `direct`, its version the ref, none for `*`. Keys that are not `owner/name` are errors.
 */
import {elide} from '../../../core/elide.js'
import type {Component, ScanError, Scope} from '../../../core/model.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {isJsonObject, type JsonObject} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'
import {lockfileError} from '../../lockfile-support/problems.js'

/** A GitHub repository as clib names it: `owner/name`. */
const REPO = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/
/** A tag or branch: no spaces, control characters or URL delimiters. */
const REF = /^[^\s\p{Cc}?#]{1,255}$/u

export const CLIB_SECTIONS: ReadonlyArray<{key: string; scope: Scope}> = [
  {key: 'dependencies', scope: 'prod'},
  {key: 'development', scope: 'dev'},
]

/** True when a package.json is clib's: a `repo` of the form `owner/name`, or a `src` list. */
export function isClibManifest(root: JsonObject): boolean {
  return (typeof root.repo === 'string' && REPO.test(root.repo)) || Array.isArray(root.src)
}

/** The repositories a clib manifest depends on, each at its key (`keyAt`), else at its section (`sectionAt`). */
export function clibDependencies(
  file: string,
  root: JsonObject,
  sectionAt: (key: string) => Position,
  keyAt: (section: string, key: string) => Position | undefined,
): {components: Component[]; errors: ScanError[]} {
  const components: Component[] = []
  const errors: ScanError[] = []
  const error = (message: string, at: Position) =>
    errors.push(lockfileError(file, 'invalid-entry', message, at.line, at.column))
  for (const {key: section, scope} of CLIB_SECTIONS) {
    const entries = root[section]
    if (entries === undefined || entries === null) continue
    if (!isJsonObject(entries)) {
      error(`${section} must be an object of "owner/name": "version" (clib)`, sectionAt(section))
      continue
    }
    for (const [name, value] of Object.entries(entries)) {
      const at = keyAt(section, name) ?? sectionAt(section)
      if (!REPO.test(name)) {
        error(`${section}: '${elide(name, 200)}' is not a GitHub repository (owner/name), as clib names them`, at)
        continue
      }
      if (typeof value !== 'string' || !REF.test(value)) {
        error(`${section}.${name}: expected a tag or branch, or * (clib)`, at)
        continue
      }
      components.push(
        gitPackageComponent(file, {
          url: `https://github.com/${name}`,
          ...(value === '*' ? {} : {rev: value}),
          ref: `${name}@${value}`,
          line: at.line,
          column: at.column,
          scope,
          direct: true,
          origin: 'manifest',
        }),
      )
    }
  }
  return {components, errors}
}
