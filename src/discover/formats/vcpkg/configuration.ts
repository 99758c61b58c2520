/**
 * vcpkg's configuration (https://learn.microsoft.com/en-us/vcpkg/reference/vcpkg-configuration-json, schema
 * docs/vcpkg-configuration.schema.json of microsoft/vcpkg-tool): `default-registry`, `registries` and `overlay-ports`,
 * as a `vcpkg-configuration.json` or the `vcpkg-configuration` (alias `configuration`) object of a vcpkg.json writes
 * them. Which registry a port comes from is chosen as vcpkg-tool's `RegistrySet::registries_for_port` chooses it
 * (src/vcpkg/registries.cpp): a registry naming the port exactly wins, then the one with the longest `prefix*`
 * pattern (the first written, on a tie), then the default registry.
 */
import {elide} from '../../../core/elide.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import {errorAt, type Output} from '../../output.js'
import {
  describe,
  isMap,
  isScalar,
  isSeq,
  type Position,
  stringValue,
  type YamlMap,
  type YamlNode,
} from '../../yaml-tree.js'

/** A port or feature name (vcpkg-schema-definitions `identifier`). */
export const IDENTIFIER = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
/** A commit of a git registry, or of microsoft/vcpkg for the builtin one (`sha1`). */
export const COMMIT = /^[0-9a-fA-F]{40}$/
/** A `packages` pattern: a port name, or a prefix of one ending in `*` (vcpkg-schema-definitions `package-pattern`). */
const PACKAGE_PATTERN = /^(?:[a-z0-9]+-)*(?:[a-z0-9]+\*?|\*)$/
/** The builtin registry's repository (the purl spec's default `repository_url` for `pkg:vcpkg`). */
export const BUILTIN_REPOSITORY = 'https://github.com/microsoft/vcpkg'

export interface Registry {
  kind: 'builtin' | 'git' | 'filesystem'
  /** git: the repository as written (trimmed). */
  repository?: string
  /** A git or builtin registry's baseline commit (a filesystem registry's baseline is a key, not kept). */
  baseline?: string
  /** A git repository on this machine, or a filesystem registry: its ports are no registry's packages. */
  local: boolean
  /** The node that names it: a git registry's `repository`, a builtin one's `baseline`, a filesystem one's `path`. */
  at: YamlNode
}

export interface Configuration {
  /** undefined: not written; null: `"default-registry": null` (no default registry). */
  defaultRegistry?: Registry | null
  registries: Array<{registry: Registry; patterns: string[]}>
  overlayPorts: Array<{path: string; at: Position}>
}

/** Reads a configuration object; what is not as the schema says is an error (at its place) and left out. */
export function readConfiguration(file: string, node: YamlNode, out: Output, prefix: string): Configuration {
  const config: Configuration = {registries: [], overlayPorts: []}
  if (!isMap(node)) {
    out.errors.push(errorAt(file, node, 'invalid-entry', `${prefix}must be an object, not ${describe(node)}`))
    return config
  }
  const fail = (at: YamlNode, message: string) => out.errors.push(errorAt(file, at, 'invalid-entry', prefix + message))
  const defaultNode = node.entries.get('default-registry')
  if (defaultNode !== undefined) {
    if (isScalar(defaultNode) && defaultNode.kind === 'null') config.defaultRegistry = null
    else {
      const registry = readRegistry(file, defaultNode, out, `${prefix}default-registry`, false)
      if (registry !== undefined) config.defaultRegistry = registry.registry
    }
  }
  const list = node.entries.get('registries')
  if (list !== undefined) {
    if (!isSeq(list)) fail(list, `registries must be a list, not ${describe(list)}`)
    else
      list.items.forEach((item, index) => {
        const read = readRegistry(file, item, out, `${prefix}registries[${index}]`, true)
        if (read !== undefined) config.registries.push(read)
      })
  }
  const overlays = node.entries.get('overlay-ports')
  if (overlays !== undefined) {
    if (!isSeq(overlays)) fail(overlays, `overlay-ports must be a list of paths, not ${describe(overlays)}`)
    else
      overlays.items.forEach((item, index) => {
        const path = stringValue(item)
        if (path === undefined) fail(item, `overlay-ports[${index}] must be a path, not ${describe(item)}`)
        else config.overlayPorts.push({path, at: item})
      })
  }
  return config
}

/** One registry object; undefined when it is not one (an error said so) or gives no ports (an artifact registry). */
function readRegistry(
  file: string,
  node: YamlNode,
  out: Output,
  label: string,
  hasPackages: boolean,
): {registry: Registry; patterns: string[]} | undefined {
  const fail = (at: YamlNode, message: string) => {
    out.errors.push(errorAt(file, at, 'invalid-entry', `${label}: ${message}`))
    return undefined
  }
  if (!isMap(node)) return fail(node, `must be an object, not ${describe(node)}`)
  const kindNode = node.entries.get('kind')
  const kind = stringValue(kindNode)
  if (kind === 'artifact') {
    if (!hasPackages) return fail(kindNode ?? node, 'the default registry cannot be an artifact registry')
    const location = stringValue(node.entries.get('location'))
    const shown = location === undefined ? '' : ` (${elide(urlWithoutCredentials(location), 200)})`
    out.skipped.push({
      file,
      line: node.line,
      reason: 'unsupported',
      message: `${label}: an artifact registry${shown} holds vcpkg-artifacts (tools and SDKs \`vcpkg activate\` fetches), not ports: not read`,
    })
    return undefined
  }
  if (kind !== 'builtin' && kind !== 'git' && kind !== 'filesystem')
    return fail(kindNode ?? node, '`kind` must be "builtin", "git", "filesystem" or "artifact"')
  let patterns: string[] = []
  const packages = node.entries.get('packages')
  if (hasPackages) {
    if (!isSeq(packages)) return fail(packages ?? node, '`packages` must be a list of port names or `prefix*` patterns')
    patterns = []
    for (const item of packages.items) {
      const pattern = stringValue(item)
      if (pattern === undefined || !PACKAGE_PATTERN.test(pattern))
        return fail(item, `\`packages\`: ${describe(item)} is not a port name or \`prefix*\` pattern`)
      patterns.push(pattern)
    }
  } else if (packages !== undefined) return fail(packages, 'the default registry takes no `packages`')
  const baselineNode = node.entries.get('baseline')
  if (kind === 'filesystem') {
    const pathNode = node.entries.get('path')
    const path = stringValue(pathNode)
    if (path === undefined || pathNode === undefined)
      return fail(pathNode ?? node, 'a filesystem registry needs a `path`')
    out.skipped.push({
      file,
      line: pathNode.line,
      reason: 'unsupported',
      message: `${label}: a filesystem registry (${elide(path, 200)}) is a folder on the machine, not a repository anyone publishes: not listed, and its ports are listed as local`,
    })
    return {registry: {kind, local: true, at: pathNode}, patterns}
  }
  const baseline = stringValue(baselineNode)
  if (baseline === undefined || baselineNode === undefined || !COMMIT.test(baseline))
    return fail(baselineNode ?? node, `a ${kind} registry needs a \`baseline\`: a commit (40 hexadecimal digits)`)
  if (kind === 'builtin') return {registry: {kind, baseline, local: false, at: baselineNode}, patterns}
  const repositoryNode = node.entries.get('repository')
  const repository = stringValue(repositoryNode)?.trim()
  if (repository === undefined || repository === '' || repositoryNode === undefined)
    return fail(repositoryNode ?? node, 'a git registry needs a `repository` (what `git clone` takes)')
  const local = isLocalRepository(repository)
  if (!local && !/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/\S/i.test(repository) && !/^[\w.-]+@[\w.-]+:\S/.test(repository))
    return fail(
      repositoryNode,
      `\`repository\` "${elide(urlWithoutCredentials(repository), 200)}" is not a repository URL`,
    )
  if (local)
    out.skipped.push({
      file,
      line: repositoryNode.line,
      reason: 'unsupported',
      message: `${label}: the git repository "${elide(repository, 200)}" is on this machine, not one anyone publishes: not listed, and its ports are listed as local`,
    })
  return {registry: {kind, repository, baseline, local, at: repositoryNode}, patterns}
}

/** A path, or a `file:` URL: a repository on this machine. */
function isLocalRepository(repository: string): boolean {
  return /^(?:\/|\.{1,2}(?:\/|\\|$)|~|file:|[A-Za-z]:[\\/]|\\\\)/i.test(repository)
}

/** `packages` patterns of each registry, looked up as vcpkg does: an exact name, then the longest prefix. */
export class RegistryIndex {
  private readonly exact = new Map<string, Registry>()
  private readonly prefixes: PrefixNode = {children: new Map()}

  constructor(
    private readonly config: Configuration,
    private readonly fallback: Registry | null | undefined,
  ) {
    for (const {registry, patterns} of config.registries)
      for (const pattern of patterns) {
        if (!pattern.endsWith('*')) {
          if (!this.exact.has(pattern)) this.exact.set(pattern, registry)
          continue
        }
        // A prefix pattern walks the trie to its node: as long as the pattern, so all of them as long as the file.
        let node = this.prefixes
        for (const character of pattern.slice(0, -1)) {
          let next = node.children.get(character)
          if (next === undefined) {
            next = {children: new Map()}
            node.children.set(character, next)
          }
          node = next
        }
        node.registry ??= registry
      }
  }

  /** The registry a port comes from; undefined when the default one is the vcpkg instance's, null when none. */
  registryOf(name: string): Registry | null | undefined {
    const exact = this.exact.get(name)
    if (exact !== undefined) return exact
    let node: PrefixNode | undefined = this.prefixes
    let found = node.registry
    for (const character of name) {
      node = node.children.get(character)
      if (node === undefined) break
      found = node.registry ?? found
    }
    if (found !== undefined) return found
    return this.config.defaultRegistry !== undefined ? this.config.defaultRegistry : this.fallback
  }
}

interface PrefixNode {
  children: Map<string, PrefixNode>
  registry?: Registry
}

/** The configuration object of a vcpkg.json: `vcpkg-configuration`, or its alias `configuration`. */
export function embeddedConfiguration(root: YamlMap): {key: string; node: YamlNode} | undefined {
  for (const key of ['vcpkg-configuration', 'configuration']) {
    const node = root.entries.get(key)
    if (node !== undefined) return {key, node}
  }
  return undefined
}
