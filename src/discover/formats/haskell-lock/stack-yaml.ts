/**
 * Stack's project file, `stack.yaml` (or `stack-<x>.yaml`), read only when no lock file is beside it (Stack writes
 * `<file>.lock` on every build since Stack 2; the lock, when there, says all this and more). Only a file that names
 * its `snapshot:` (or the older `resolver:`) at the top level is taken for Stack's: another tool's `stack.yaml`
 * (a CloudFormation stack, with its own tags) is passed over silently, never parsed. Its `extra-deps` (package
 * locations, Stack docs topics/package_location.md):
 * - `name-version`, `name-version@rev:N`, `name-version@sha256:…[,size]`, or `hackage: …` → a Hackage package;
 * - `git:` (or `github: owner/repo`) with `commit:` → the repository at the commit, a `generic` package named by it
 *   (lockfile-support/git-package.ts): the package names are in the repository's `.cabal` files, not here;
 * - archives (`https://…tar.gz`, `archive:`, `url:`, and the older `location:`, which pantry still reads as an
 *   archive's URL or file path: Pantry.Types `parseArchiveLocationObject`, `o ..: "location"`; Stack's own
 *   integration test 1884-url-to-tarball writes it) and `hg:` repositories → skipped (`unsupported`), their package
 *   name not being in the file; a local folder (`./vendor/foo`) is the project's own, not listed.
 * - `location:` holding a repository (`{git: …, commit: …}`) is Stack 1's form of a `packages:` entry (Stack 1.9
 *   `PackageEntry`), which no Stack reads in `extra-deps` (Stack 1.9's `PackageLocation` and pantry's
 *   `RawPackageLocationImmutable` read `git:`/`hg:` and `commit:` at the item's top level), and Stack 2 dropped from
 *   `packages:`: an `invalid-entry` error saying so.
 * The snapshot is said once (`remote-resource`), not expanded, as for the lock.
 */
import {posix} from 'node:path'
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {DiscoverContext, DiscoverOutput} from '../../types.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isScalar, isSeq, stringValue, text, type YamlNode} from '../../yaml-tree.js'
import {hackageLocation} from './names.js'

/** A top-level `snapshot:` or `resolver:` key: what makes a `stack.yaml` Stack's. */
const STACK_KEY = /^(?:snapshot|resolver)[ \t]*:/m

export function discoverStackYaml(file: string, source: string, context: DiscoverContext): DiscoverOutput {
  const components: Component[] = []
  const skipped: Skipped[] = []
  const lock = `${file}.lock`
  const hasLock = context.exists ? context.exists(lock) : context.readText(lock) !== null
  if (hasLock || !STACK_KEY.test(source)) return {components}
  const yaml = readYaml(source, file)
  const errors: ScanError[] = [...yaml.errors]
  const root = yaml.documents[0]?.root
  if (!isMap(root)) return {components, skipped, errors}
  const snapshot = at(root, 'snapshot') ?? at(root, 'resolver')
  const name = text(snapshot) ?? stringValue(at(snapshot, 'url'))
  if (snapshot !== undefined && name !== undefined)
    skipped.push({
      file,
      line: snapshot.line,
      reason: 'remote-resource',
      message: `snapshot ${name.slice(0, 200)}: its packages (the project's dependencies it provides) are not listed here, only the extra-deps; the snapshot is not expanded`,
    })
  const extraDeps = at(root, 'extra-deps')
  if (isSeq(extraDeps)) for (const item of extraDeps.items) readExtraDep(file, item, {components, skipped, errors})
  else if (extraDeps !== undefined && !(isScalar(extraDeps) && extraDeps.kind === 'null'))
    errors.push(lockfileError(file, 'invalid-entry', "'extra-deps' must be a list", extraDeps.line, extraDeps.column))
  return {components, skipped, errors}
}

function readExtraDep(
  file: string,
  item: YamlNode,
  out: {components: Component[]; skipped: Skipped[]; errors: ScanError[]},
): void {
  const skip = (message: string) => out.skipped.push({file, line: item.line, reason: 'unsupported', message})
  const hackage = isMap(item) ? at(item, 'hackage') : item
  const value = stringValue(hackage)
  if (hackage !== undefined && value !== undefined) {
    const component = hackageLocation(file, value, hackage)
    if (component) {
      out.components.push(component)
      return
    }
    if (/^https?:\/\//i.test(value)) {
      skip(
        `an archive by URL (${urlWithoutCredentials(value.slice(0, 200)).slice(0, 120)}): the package's name is in the archive, not here`,
      )
      return
    }
    // A local folder (`./vendor/foo`, `subproject`) or a local archive: the project's own.
    if (isScalar(item)) return
  }
  if (!isMap(item)) {
    out.errors.push(lockfileError(file, 'invalid-entry', NOT_AN_EXTRA_DEP, item.line, item.column))
    return
  }
  const github = stringValue(at(item, 'github'))
  const git = stringValue(at(item, 'git')) ?? (github ? `https://github.com/${github}` : undefined)
  const commit = text(at(item, 'commit'))
  if (git !== undefined) {
    if (!commit || !/^[0-9a-f]{1,64}$/i.test(commit) || /\s/.test(git)) {
      out.errors.push(
        lockfileError(file, 'invalid-entry', 'a git extra-dep needs its `commit`', item.line, item.column),
      )
      return
    }
    const where = at(item, 'git') ?? at(item, 'github') ?? item
    out.components.push(
      gitPackageComponent(file, {
        url: git,
        rev: commit,
        ref: git.slice(0, 200),
        line: where.line,
        column: where.column,
      }),
    )
    return
  }
  const location = at(item, 'location')
  const archive = stringValue(location)
  if (at(item, 'hg') !== undefined) skip('a Mercurial extra-dep: the package names are in the repository, not here')
  else if (at(item, 'archive') !== undefined || at(item, 'url') !== undefined)
    skip("an archive extra-dep: the package's name is in the archive, not here")
  else if (archive !== undefined)
    skip(
      `an archive extra-dep (location: ${urlWithoutCredentials(archive.slice(0, 200)).slice(0, 120)}): the package's name is in the archive, not here`,
    )
  else if (isMap(location))
    out.errors.push(
      lockfileError(
        file,
        'invalid-entry',
        "an extra-dep's `location:` is an archive's URL or path; a repository under `location:` is Stack 1's form of a `packages:` entry, which Stack does not read here: write `git:` (or `hg:`) and `commit:` at the extra-dep's top level",
        location.line,
        location.column,
      ),
    )
  else out.errors.push(lockfileError(file, 'invalid-entry', NOT_AN_EXTRA_DEP, item.line, item.column))
}

const NOT_AN_EXTRA_DEP =
  'an extra-dep is a package (`name-version`, `hackage:`), a repository (`git:`, `github:` or `hg:` with `commit:`), an archive (`archive:`, `url:`, `location:`) or a local folder'

/** `stack.yaml`, `stack-ghc-9.12.yaml`. */
export const STACK_YAML = /^stack(?:-[^/]*)?\.yaml$/

export function isStackYaml(file: string): boolean {
  return STACK_YAML.test(posix.basename(file))
}
