/**
 * Erlang `rebar.lock`, as rebar3 writes it (rebar_config.erl `write_lock_file`): the versioned form
 * `{"1.2.0", [Lock, ...]}.` followed by `[{pkg_hash, [...]}, {pkg_hash_ext, [...]}].`, or the beta form, a bare
 * `[Lock, ...].` (rebar3 still writes it when no package has a hash). Read with ./erlang-terms.ts (never evaluated).
 * Each Lock is `{<<"app">>, Source, Level}`; level 0 is a dependency the project names (direct), deeper levels come
 * through others.
 * - `{pkg, <<"name">>, <<"version">>}` (older locks add hashes to the tuple): a Hex package,
 *   `pkg:hex/<name>@<version>`. rebar.lock does not say which Hex repository a package came from (rebar.config's
 *   `hex` settings do): every package is taken as hex.pm's.
 * - `{git, "url", {ref, "sha"}}` (and `{tag, ...}`, `{branch, ...}` as older rebar3 wrote them), `{git_subdir, "url",
 *   {ref, "sha"}, "dir"}`: a `generic` package named by the repository (lockfile-support/git-package.ts).
 * - Other sources (`hg`, plugins' own resource types) are skipped (`unsupported`).
 * The hashes are not read. Locations: the line and column of the lock's `<<"app">>`.
 */
import type {Component, ScanError, Skipped} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {TermError} from '../../lockfile-support/term-cursor.js'
import {ErlangReader, type ErlTerm} from './erlang-terms.js'

export const discoverer: Discoverer = {
  id: 'rebar-lock',
  description: 'Erlang rebar3 rebar.lock (Hex and git dependencies)',
  matches(file) {
    // Not the locks of fetched dependencies, which rebar3 keeps under `_build/<profile>/lib/<app>/`.
    return /(^|\/)rebar\.lock$/.test(file) && !/(^|\/)_build\//.test(file)
  },
  // rebar3's two forms start `{"1.2.0",\n[{<<"app">>` or `[{<<"app">>`: Erlang binaries no other lockfile writes.
  identify: (head) => head.startsWith('[{<<"') || /^\{"\d{1,3}\.\d{1,3}\.\d{1,3}",\r?\n\[(?:\{<<"|\])/.test(head),
  discover: ({file, text}) => discoverRebarLock(file, text),
}

/** Hex package names (hexpm's Package changeset). */
const NAME = /^[a-z][a-zA-Z0-9_]{0,127}$/
const APP = /^[a-zA-Z][a-zA-Z0-9_@]{0,127}$/
const VERSION = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,127}$/
const REV = /^[^\s]{1,200}$/

interface Output {
  components: Component[]
  skipped: Skipped[]
  errors: ScanError[]
}

export function discoverRebarLock(file: string, text: string): DiscoverOutput {
  const out: Output = {components: [], skipped: [], errors: []}
  const reader = new ErlangReader(text)
  let first: ErlTerm | undefined
  try {
    if (reader.atEnd()) return out
    first = reader.readForm()
    // The attributes (package hashes) that follow are read for well-formedness only.
    while (!reader.atEnd()) reader.readForm()
  } catch (error) {
    if (!(error instanceof TermError)) throw error
    out.errors.push(
      lockfileError(file, error.tooDeep ? 'too-deep' : 'invalid-lockfile', error.message, error.line, error.column),
    )
  }
  if (first === undefined) return out
  const locks =
    first.kind === 'list'
      ? first
      : first.kind === 'tuple' && first.items.length === 2 && first.items[0].kind === 'string'
        ? first.items[1]
        : undefined
  if (locks?.kind !== 'list') {
    const message = 'a rebar.lock is {"version", [Lock, ...]}. or [Lock, ...].'
    out.errors.push(lockfileError(file, 'invalid-lockfile', message, first.line, first.column))
    return out
  }
  for (const lock of locks.items) readLock(out, file, lock)
  return out
}

function readLock(out: Output, file: string, lock: ErlTerm): void {
  const [nameTerm, source, levelTerm] = lock.kind === 'tuple' && lock.items.length === 3 ? lock.items : []
  const app = nameTerm?.kind === 'binary' ? nameTerm.value : undefined
  const level = levelTerm?.kind === 'integer' ? Number(levelTerm.value) : undefined
  const where = nameTerm ?? lock
  if (app === undefined || !APP.test(app) || level === undefined || source?.kind !== 'tuple') {
    const message = 'a lock is {<<"app">>, Source, Level}'
    out.errors.push(lockfileError(file, 'invalid-entry', message, where.line, where.column))
    return
  }
  const kind = source.items[0]?.kind === 'atom' ? source.items[0].value : ''
  const direct = level === 0
  if (kind === 'pkg') {
    const [, pkgName, pkgVersion] = source.items
    const name = pkgName?.kind === 'binary' ? pkgName.value : undefined
    const version = pkgVersion?.kind === 'binary' ? pkgVersion.value : undefined
    if (name === undefined || !NAME.test(name) || version === undefined || !VERSION.test(version)) {
      const message = `${app}: a package lock is {pkg, <<"name">>, <<"version">>}`
      out.errors.push(lockfileError(file, 'invalid-entry', message, where.line, where.column))
      return
    }
    out.components.push(
      packageComponent(file, {
        ecosystem: 'hex',
        name,
        version,
        ref: app,
        line: where.line,
        column: where.column,
        direct,
      }),
    )
    return
  }
  if (kind === 'git' || kind === 'git_subdir') {
    const [, urlTerm, refTerm] = source.items
    const url = urlTerm?.kind === 'string' || urlTerm?.kind === 'binary' ? urlTerm.value.trim() : ''
    const rev =
      refTerm?.kind === 'tuple' && refTerm.items.length === 2 && refTerm.items[0].kind === 'atom'
        ? refTerm.items[1]
        : undefined
    const revision = rev?.kind === 'string' || rev?.kind === 'binary' ? rev.value : undefined
    if (url === '' || /\s/.test(url) || revision === undefined || !REV.test(revision)) {
      const message = `${app}: a git lock is {git, "url", {ref, "sha"}}`
      out.errors.push(lockfileError(file, 'invalid-entry', message, where.line, where.column))
      return
    }
    // `{branch, "main"}` (hand-written or older locks; rebar3 writes `{ref, Sha}`) names no commit: no version.
    const branch = refTerm?.kind === 'tuple' && refTerm.items[0].kind === 'atom' && refTerm.items[0].value === 'branch'
    if (branch)
      out.skipped.push({
        file,
        line: where.line,
        reason: 'unresolved-version',
        message: `${app}: locked to branch ${revision.slice(0, 100)}, not a commit: listed without a version`,
      })
    out.components.push(
      gitPackageComponent(file, {
        url,
        ...(branch ? {} : {rev: revision}),
        ref: app,
        line: where.line,
        column: where.column,
        direct,
      }),
    )
    return
  }
  out.skipped.push({
    file,
    line: where.line,
    reason: 'unsupported',
    message: `${app}: a dependency of source ${kind ? kind.slice(0, 40) : 'of no known kind'} is not read`,
  })
}
