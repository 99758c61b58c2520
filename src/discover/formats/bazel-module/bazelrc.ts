/**
 * The registries a workspace's `.bazelrc` names (`common --registry=URL`): Bazel reads `%workspace%/.bazelrc`, the
 * file beside the root MODULE.bazel, for every command (https://bazel.build/run/bazelrc). `--registry` "Specifies the
 * registries to use to locate Bazel module dependencies. The order is important: modules will be looked up in earlier
 * registries first, and only fall back to later registries when they're missing from the earlier ones."
 * (RepositoryOptions.registries in bazelbuild/bazel); given at all, it replaces the default, the BCR
 * (BazelRepositoryModule: `registries = repoOptions.registries`, else `DEFAULT_REGISTRIES`).
 *
 * Read: lines `<command> <options>` (a `\` at the end of a line joins the next; `#` starts a comment) whose command
 * resolves modules (`common`, `always`, `build` and the commands that take its options, `fetch`, `mod`, `query`,
 * `sync`), and their `--registry=URL` or `--registry URL`; `import PATH` and `try-import PATH` lines read the file
 * they name in their place ("If a file called by import is missing (or can't be read), Bazel will fail; missing
 * try-import files are ignored": https://bazel.build/run/bazelrc#imports), `%workspace%/` meaning the folder of the
 * root MODULE.bazel, as does a relative path (Bazel takes it from the working directory, the workspace when run from
 * there). Not read: a `<command>:<config>` line (used only when a command names `--config`), an import of an absolute
 * path or one naming a variable (outside the tree, the user's machine: reported for `import`, silent for
 * `try-import`), `try-import-if-bazel-version` (it depends on the Bazel that runs), the user's and the system's
 * bazelrc.
 */
import {posix} from 'node:path'
import type {Skipped} from '../../../core/model.js'
import {elide} from '../../../core/elide.js'
import {withoutUserinfo} from '../../../core/redact.js'
import {trimEnd} from '../../../core/trim-end.js'

export interface Registry {
  url: string
  /** The bazelrc that names it (the workspace's, or one it imports) and the line. */
  file: string
  line: number
}

/** How deep imports may nest (Bazel refuses a loop; a long chain is no real workspace's). */
const MAX_IMPORTS = 16

const COMMANDS = new Set([
  'common',
  'always',
  'build',
  'test',
  'run',
  'coverage',
  'fetch',
  'mod',
  'query',
  'cquery',
  'aquery',
  'sync',
])

/** A line of a bazelrc that matters here: a registry, or an import read in its place. */
type Entry =
  | {kind: 'registry'; url: string; line: number}
  | {kind: 'import'; path: string; optional: boolean; line: number}

/** The registries in the order written (a URL's user information dropped: it is never echoed), and the imports. */
function bazelrcEntries(text: string): Entry[] {
  const entries: Entry[] = []
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1
    // Joined once (linear however many lines a continuation runs over).
    const parts = [lines[i]]
    while (parts[parts.length - 1].endsWith('\\') && i + 1 < lines.length) {
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1)
      parts.push(lines[++i])
    }
    const content = parts.join('')
    const words: string[] = []
    for (const word of content.trim().split(/\s+/)) {
      if (word.startsWith('#')) break
      if (word !== '') words.push(word)
    }
    if (words.length === 2 && (words[0] === 'import' || words[0] === 'try-import')) {
      entries.push({kind: 'import', path: unquoted(words[1]), optional: words[0] === 'try-import', line})
      continue
    }
    if (words.length < 2 || !COMMANDS.has(words[0])) continue
    for (let w = 1; w < words.length; w++) {
      const word = words[w]
      const url = word.startsWith('--registry=')
        ? word.slice('--registry='.length)
        : word === '--registry'
          ? words[++w]
          : undefined
      const plain = url === undefined ? undefined : unquoted(url)
      if (plain !== undefined && plain !== '')
        entries.push({kind: 'registry', url: trimEnd(withoutUserinfo(plain), '/'), line})
    }
  }
  return entries
}

function unquoted(word: string): string {
  return word.replace(/^(["'])(.*)\1$/, '$2')
}

export interface BazelrcReading {
  registries: Registry[]
  skipped: Skipped[]
}

/**
 * The registries of the workspace's bazelrc `file` and of the files it imports, in the order Bazel reads them.
 * `root` is the workspace's folder (with its trailing `/`, or ''); `read` gives a file's text, null when it is not in
 * the tree or cannot be read (the reading says why, once).
 */
export function bazelrcRegistries(
  file: string,
  text: string,
  root: string,
  read: (path: string) => string | null,
): BazelrcReading {
  const reading: BazelrcReading = {registries: [], skipped: []}
  readInto(file, text, {root, read, reading, chain: [file]})
  return reading
}

interface Walk {
  root: string
  read: (path: string) => string | null
  reading: BazelrcReading
  /** The files being read, outermost first: an import of one of them is a loop. */
  chain: string[]
}

function readInto(file: string, text: string, walk: Walk): void {
  const {reading} = walk
  for (const entry of bazelrcEntries(text)) {
    if (entry.kind === 'registry') {
      reading.registries.push({url: entry.url, file, line: entry.line})
      continue
    }
    const said = `${entry.optional ? 'try-import' : 'import'} ${elide(entry.path, 200)}`
    const skip = (message: string) =>
      reading.skipped.push({file, line: entry.line, reason: 'unsupported', message: `${said}: ${message}`})
    const target = importTarget(entry.path, walk.root)
    if (target === undefined) {
      if (!entry.optional)
        skip(
          'a path outside the workspace (absolute, or naming a variable): not read, so the registries it may name are not known here',
        )
      continue
    }
    if (walk.chain.includes(target)) {
      skip(
        `imports ${walk.chain.length === 1 ? 'itself' : 'a file that imports it'} (Bazel refuses the loop): not read again`,
      )
      continue
    }
    if (walk.chain.length > MAX_IMPORTS) {
      skip(`imports nest deeper than ${MAX_IMPORTS} files: not read`)
      continue
    }
    const imported = walk.read(target)
    if (imported === null) {
      if (!entry.optional)
        skip(
          'not in the scanned tree, or not read (Bazel fails without it): the registries it may name are not known here',
        )
      continue
    }
    walk.chain.push(target)
    readInto(target, imported, walk)
    walk.chain.pop()
  }
}

/** The tree path an import names: `%workspace%/x` and a relative `x` from the workspace root; else undefined. */
function importTarget(path: string, root: string): string | undefined {
  const rest = path.startsWith('%workspace%/') ? path.slice('%workspace%/'.length) : path
  if (rest === '' || rest.startsWith('/') || /[%$~\\]/.test(rest) || /^[A-Za-z]:/.test(rest)) return undefined
  const joined = posix.normalize(`${root}${rest}`)
  return joined.startsWith('../') || joined === '..' ? undefined : joined
}
