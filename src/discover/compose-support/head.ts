/**
 * A Compose file known by its content, for the YAML files of any name `docker compose -f` takes: shared by the compose
 * format (which reads them) and the devcontainer format (whose `dockerComposeFile` may name one).
 */
import {isComposeFile, isManifestCandidate} from '../file-names.js'
import {SNIFF_BYTES} from '../sniff.js'
import type {DiscoverContext} from '../types.js'

/**
 * The top-level keys of the Compose file format (https://docs.docker.com/reference/compose-file/: `version`, `name`,
 * `include`, `services`, `networks`, `volumes`, `configs`, `secrets`, `models`) and its extensions (`x-…`).
 */
const COMPOSE_KEYS = /^(?:version|name|include|services|networks|volumes|configs|secrets|models|x-.*|<<)$/

/**
 * Whether a YAML file of any name is a Compose file by its head: every top-level key one of Compose's, and a
 * `services:` mapping (its first entry a key, not a list item: GitLab CI's top-level `services:` is a list, and its
 * jobs are keys Compose has not). A Kubernetes manifest (`apiVersion`), a workflow (`jobs`), a pipeline (`steps`,
 * `stages`), a Helm values file (`image:` at the top): other keys, not Compose. A last line cut by the head's end is
 * not judged.
 */
export function isComposeHead(head: string): boolean {
  // Every YAML file's head is asked: one without `services` at all is none, without splitting it into lines.
  if (!head.includes('services')) return false
  const lines = head.split(/\r?\n/)
  if (!/\n$/.test(head)) lines.pop()
  let services = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    // Blank, indented, a comment, a directive (`%YAML 1.2`), a document's start or end (`---`, `...`).
    if (line === '' || /^(?:[ \t]|#|%|(?:---|\.\.\.)[ \t]*(?:#.*)?$)/.test(line)) continue
    const key = /^(["']?)(<<|[A-Za-z_][\w.-]*)\1[ \t]*:(?:[ \t]|$)/.exec(line)
    if (key === null || !COMPOSE_KEYS.test(key[2])) return false
    if (key[2] !== 'services') continue
    // `services:` alone on its line, or with an anchor (`services: &base`), its entries below.
    if (!/^["']?services["']?[ \t]*:[ \t]*(?:&[^\s#]+[ \t]*)?(?:#.*)?$/.test(line)) return false
    for (let j = i + 1; j < lines.length; j++) {
      if (/^\s*(?:#.*)?$/.test(lines[j])) continue
      services = isIndentedKey(lines[j])
      break
    }
    if (!services) return false
  }
  return services
}

/**
 * Whether the compose format reads `file` on its own: by its name, or, for another YAML file it may read, by the head
 * of its text (read through `context`; a file that cannot be read is none).
 */
export function readAsCompose(file: string, context: DiscoverContext | undefined): boolean {
  if (isComposeFile(file)) return true
  if (!isManifestCandidate(file) || context === undefined) return false
  const text = context.readText(file)
  return text !== null && isComposeHead(text.slice(0, SNIFF_BYTES))
}

/**
 * An indented line that starts a mapping entry (`  web:`, `  "web":`): a key, then `:` and a space or the line's end.
 * String operations, not an expression: `[^:]*` then `[ \t]*:` backtracked quadratically on a long run of spaces.
 */
function isIndentedKey(line: string): boolean {
  const key = line.trimStart()
  if (key.length === line.length || key === '' || '#-'.includes(key[0])) return false
  let colon: number
  if (key[0] === '"' || key[0] === "'") {
    const close = key.indexOf(key[0], 1)
    if (close < 0) return false
    colon = close + 1
    while (key[colon] === ' ' || key[colon] === '\t') colon++
    if (key[colon] !== ':') return false
  } else {
    if (/\s/.test(key[0])) return false
    colon = key.indexOf(':')
    if (colon < 0) return false
  }
  const after = key[colon + 1]
  return after === undefined || after === ' ' || after === '\t'
}
