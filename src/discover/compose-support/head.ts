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
 * The keys of a Compose service: every property Compose's schema has had for `services.*`
 * (compose-spec/compose-spec schema/compose-spec.json and config_schema_v3.9.json, their history to commit
 * `170098ba07d9f53c383a41bfd4c5166b0a4529a6`), `volume_driver` of the version-2 schema (docker/compose
 * config_schema_v2.4.json) and the `pre_start` hook; with `x-…` extensions and a merge key (`<<`). The schema has
 * `additionalProperties: false` there: Compose refuses a service with another key, so a file with one is not Compose.
 */
const SERVICE_KEYS: ReadonlySet<string> = new Set(
  (
    'annotations attach blkio_config build cap_add cap_drop cgroup cgroup_parent command configs container_name ' +
    'cpu_count cpu_percent cpu_period cpu_quota cpu_rt_period cpu_rt_runtime cpu_shares cpus cpuset ' +
    'credential_spec depends_on deploy develop device_cgroup_rules devices dns dns_opt dns_search domainname ' +
    'entrypoint env_file environment expose extends external_links extra_hosts gpus group_add healthcheck hostname ' +
    'image init ipc isolation label_file labels links logging mac_address mem_limit mem_reservation mem_swappiness ' +
    'memswap_limit models network_mode networks oom_kill_disable oom_score_adj pid pids_limit platform ports ' +
    'post_start pre_start pre_stop privileged profiles provider pull_policy pull_refresh_after read_only restart ' +
    'runtime scale secrets security_opt shm_size stdin_open stop_grace_period stop_signal storage_opt sysctls tmpfs ' +
    'tty ulimits use_api_socket user userns_mode uts volume_driver volumes volumes_from working_dir <<'
  ).split(' '),
)

/**
 * Whether a YAML file of any name is a Compose file by its head: every top-level key one of Compose's, and a
 * `services:` mapping (its first entry a key, not a list item: GitLab CI's top-level `services:` is a list, and its
 * jobs are keys Compose has not). A Kubernetes manifest (`apiVersion`), a workflow (`jobs`), a pipeline (`steps`,
 * `stages`), a Helm values file (`image:` at the top): other keys, not Compose. Every key of a service (block style)
 * is one of Compose's (SERVICE_KEYS): other tools' files of a top-level `name:` and `services:` are not Compose by a
 * service key Compose refuses: Azure Developer CLI's azure.yaml (`project`, `language`, `host`), Tugboat's
 * .tugboat/config.yml (`default`, `depends`, `commands`), a KubeVela appfile vela.yaml (`type`, `cmd`, `port`). A
 * last line cut by the head's end is not judged.
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
    const end = serviceEntries(lines, i + 1)
    if (end < 0) return false
    services = true
    i = end - 1
  }
  return services
}

/**
 * Reads the entries of `services:` from line `start`: the index of the first line after them (a top-level line, or
 * the end), or -1 when they are not a Compose file's (no mapping, or a service key Compose has not). A service's
 * keys are the lines at the indent of its first key; deeper lines (values, block scalars) are not looked at, nor
 * a service written in flow style (`web: {image: nginx}`).
 */
function serviceEntries(lines: readonly string[], start: number): number {
  let serviceIndent = -1
  let keyIndent = -1
  for (let j = start; j < lines.length; j++) {
    const line = lines[j]
    const text = line.trimStart()
    if (text === '' || text[0] === '#') continue
    const indent = line.length - text.length
    if (indent === 0) return serviceIndent < 0 ? -1 : j
    if (serviceIndent < 0) {
      if (indentedKey(line) === undefined) return -1
      serviceIndent = indent
      continue
    }
    // A service's name (or a line less indented than the names: not judged, as before).
    if (indent <= serviceIndent) {
      keyIndent = -1
      continue
    }
    if (keyIndent < 0) keyIndent = indent
    if (indent !== keyIndent) continue
    const key = indentedKey(line)
    if (key !== undefined && !SERVICE_KEYS.has(key) && !key.startsWith('x-')) return -1
  }
  return serviceIndent < 0 ? -1 : lines.length
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
 * The key of an indented line that starts a mapping entry (`  web:`, `  "web":`): a key, then `:` and a space or the
 * line's end; undefined for another line. String operations, not an expression: `[^:]*` then `[ \t]*:` backtracked
 * quadratically on a long run of spaces.
 */
function indentedKey(line: string): string | undefined {
  const key = line.trimStart()
  if (key.length === line.length || key === '' || '#-'.includes(key[0])) return undefined
  let colon: number
  let name: string
  if (key[0] === '"' || key[0] === "'") {
    const close = key.indexOf(key[0], 1)
    if (close < 0) return undefined
    name = key.slice(1, close)
    colon = close + 1
    while (key[colon] === ' ' || key[colon] === '\t') colon++
    if (key[colon] !== ':') return undefined
  } else {
    if (/\s/.test(key[0])) return undefined
    colon = key.indexOf(':')
    if (colon < 0) return undefined
    name = key.slice(0, colon).trimEnd()
  }
  const after = key[colon + 1]
  return after === undefined || after === ' ' || after === '\t' ? name : undefined
}
