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
 * Stack's `!include FILE` (Stack 3.11.1, Data.Yaml.Include: the named file's YAML in its place, the path relative to the
 * including file; Stack's integration test 6879-stack-yaml-includes) is followed where it can bring what is read
 * here: a top-level `<<: !include FILE` (its keys under the file's own, an earlier include's over a later's, as for
 * any merge key) and `snapshot:`, `resolver:` or `extra-deps: !include FILE`; components are located in the file
 * that writes them. At most 8 includes deep and 32 files; one outside the tree or not there is said
 * (`missing-resource`), a file including itself is an error.
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
  const lock = `${file}.lock`
  const hasLock = context.exists ? context.exists(lock) : context.readText(lock) !== null
  if (hasLock || !STACK_KEY.test(source)) return {components}
  const out = {components, skipped: [] as Skipped[], errors: [] as ScanError[]}
  const keys = readStackFile(file, source, context, out, [file])
  if (keys === undefined) return out
  const snapshot = keys.get('snapshot') ?? keys.get('resolver')
  const name = text(snapshot?.node) ?? stringValue(at(snapshot?.node, 'url'))
  if (snapshot !== undefined && name !== undefined)
    out.skipped.push({
      file: snapshot.file,
      line: snapshot.node.line,
      reason: 'remote-resource',
      message: `snapshot ${name.slice(0, 200)}: its packages (the project's dependencies it provides) are not listed here, only the extra-deps; the snapshot is not expanded`,
    })
  const extraDeps = keys.get('extra-deps')
  const deps = extraDeps?.node
  if (isSeq(deps)) for (const item of deps.items) readExtraDep(extraDeps!.file, item, out)
  else if (deps !== undefined && !(isScalar(deps) && deps.kind === 'null'))
    out.errors.push(
      lockfileError(extraDeps!.file, 'invalid-entry', "'extra-deps' must be a list", deps.line, deps.column),
    )
  return out
}

/** A node and the file that writes it (a stack.yaml's, or a file it includes). */
interface Located {
  file: string
  node: YamlNode
}

type Found = {components: Component[]; skipped: Skipped[]; errors: ScanError[]}

const INCLUDE = '!include'
const INCLUDE_TAGS: ReadonlySet<string> = new Set([INCLUDE])
/**
 * A top-level merge of an included file: `<<: !include FILE`, the tag on the same line or the next (indented), a
 * comment after the path allowed.
 */
const INCLUDE_MERGE = /^<<[ \t]*:[ \t]*(?:\r?\n[ \t]+)?!include[ \t]+([^\s#](?:[^\n#]*[^\s#])?)[ \t]*(?:#[^\n]*)?$/gm
const READ_KEYS = ['snapshot', 'resolver', 'extra-deps'] as const
const MAX_INCLUDE_DEPTH = 8
const MAX_INCLUDED_FILES = 32

/**
 * The keys read here of one Stack file (`snapshot`, `resolver`, `extra-deps`), each with the file that writes it,
 * includes followed; undefined when the file is no mapping. `chain` is the files including it, itself last.
 */
function readStackFile(
  file: string,
  source: string,
  context: DiscoverContext,
  out: Found,
  chain: string[],
  budget = {files: MAX_INCLUDED_FILES, said: false},
): Map<string, Located> | undefined {
  // A top-level `<<: !include FILE` line is blanked to a comment of its length before the YAML is read (the `yaml`
  // library takes a merge key's value for a mapping it cannot have yet); its file is merged below, in order.
  const merges: Array<{path: string; line: number}> = []
  const lines = {offset: 0, line: 1}
  const blanked = source.replace(INCLUDE_MERGE, (line: string, path: string, offset: number) => {
    merges.push({path, line: lineAt(source, offset, lines)})
    return line
      .split('\n')
      .map((part) => `#${' '.repeat(Math.max(0, part.length - 1))}`)
      .join('\n')
  })
  const yaml = readYaml(blanked, file, {localTags: INCLUDE_TAGS})
  for (const error of yaml.errors) out.errors.push(error)
  const root = yaml.documents[0]?.root
  // A file of nothing but merges is a mapping once they are applied.
  const empty = root === undefined || (isScalar(root) && root.kind === 'null')
  if (!isMap(root) && !(empty && merges.length > 0)) return undefined
  const entries = isMap(root) ? root.entries : new Map<string, YamlNode>()
  const keys = new Map<string, Located>()
  for (const key of READ_KEYS) {
    const node = entries.get(key)
    if (node === undefined) continue
    if (node.tag !== INCLUDE) {
      keys.set(key, {file, node})
      continue
    }
    const included = includedText(file, stringValue(node), node, context, out, chain, budget)
    if (!included) continue
    const read = readYaml(included.source, included.file, {localTags: INCLUDE_TAGS})
    for (const error of read.errors) out.errors.push(error)
    const value = read.documents[0]?.root
    if (value) keys.set(key, {file: included.file, node: value})
  }
  for (const merge of merges) {
    const place = {type: 'scalar', line: merge.line, column: 1, kind: 'string', text: merge.path} as YamlNode
    const included = includedText(file, merge.path, place, context, out, chain, budget)
    if (!included) continue
    const nested = readStackFile(included.file, included.source, context, out, [...chain, included.file], budget)
    if (nested === undefined)
      out.errors.push(
        lockfileError(
          file,
          'invalid-entry',
          `\`<<: !include ${merge.path.slice(0, 200)}\`: the file merged must be a mapping`,
          merge.line,
          1,
        ),
      )
    else for (const [key, value] of nested) if (!keys.has(key)) keys.set(key, value)
  }
  return keys
}

/** The line (1-based) of `offset` in `text`, counted on from the last one asked (`last`, offsets in order). */
function lineAt(text: string, offset: number, last: {offset: number; line: number}): number {
  for (let i = text.indexOf('\n', last.offset); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) last.line++
  last.offset = offset
  return last.line
}

/** The text of the file `!include PATH` names (at `node`, in `file`); undefined, and said, when it cannot be read. */
function includedText(
  file: string,
  path: string | undefined,
  node: YamlNode,
  context: DiscoverContext,
  out: Found,
  chain: string[],
  budget: {files: number; said: boolean},
): {file: string; source: string} | undefined {
  const wanted = path?.trim() ?? ''
  const error = (message: string) =>
    out.errors.push(lockfileError(file, 'invalid-entry', message, node.line, node.column))
  const missing = (why: string) =>
    out.skipped.push({
      file,
      line: node.line,
      reason: 'missing-resource',
      message: `!include ${wanted.slice(0, 200)}: ${why}; what it holds is not read`,
    })
  if (wanted === '') {
    error('`!include` names no file')
    return undefined
  }
  const target = posix.normalize(posix.join(posix.dirname(file), wanted))
  // Relative paths only: context.readText reads nothing outside the scanned tree either.
  if (posix.isAbsolute(wanted)) {
    missing('a file outside the scanned tree')
    return undefined
  }
  if (chain.includes(target)) {
    error(`\`!include ${wanted.slice(0, 200)}\` names a file that includes this one (Stack refuses the loop)`)
    return undefined
  }
  if (chain.length > MAX_INCLUDE_DEPTH || budget.files <= 0) {
    // Said once: a file of thousands of includes is one error, not thousands.
    if (!budget.said)
      error(
        `\`!include ${wanted.slice(0, 200)}\` is past ${MAX_INCLUDE_DEPTH} files deep or ${MAX_INCLUDED_FILES} files in all: not followed, nor any after it`,
      )
    budget.said = true
    return undefined
  }
  budget.files--
  const source = context.readText(target)
  if (source === null) {
    missing('not in the scanned tree')
    return undefined
  }
  return {file: target, source}
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
