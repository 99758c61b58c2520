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
 * `sync`), and their `--registry=URL` or `--registry URL`. Not read: a `<command>:<config>` line (used only when a
 * command names `--config`), `import`/`try-import`d files, the user's and the system's bazelrc.
 */
import {withoutUserinfo} from '../../../core/redact.js'
import {trimEnd} from '../../../core/trim-end.js'

export interface Registry {
  url: string
  line: number
}

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

/** The registries in the order written (a URL's user information dropped: it is never echoed). */
export function bazelrcRegistries(text: string): Registry[] {
  const registries: Registry[] = []
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
    if (words.length < 2 || !COMMANDS.has(words[0])) continue
    for (let w = 1; w < words.length; w++) {
      const word = words[w]
      const url = word.startsWith('--registry=')
        ? word.slice('--registry='.length)
        : word === '--registry'
          ? words[++w]
          : undefined
      const plain = url?.replace(/^(["'])(.*)\1$/, '$2')
      if (plain !== undefined && plain !== '') registries.push({url: trimEnd(withoutUserinfo(plain), '/'), line})
    }
  }
  return registries
}
