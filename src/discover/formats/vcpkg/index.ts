/**
 * vcpkg (C and C++) manifest mode: `vcpkg.json` (https://learn.microsoft.com/en-us/vcpkg/reference/vcpkg-json) and
 * `vcpkg-configuration.json` (https://learn.microsoft.com/en-us/vcpkg/reference/vcpkg-configuration-json), as the
 * JSON schemas of microsoft/vcpkg-tool (docs/vcpkg.schema.json, docs/vcpkg-configuration.schema.json) describe them.
 * - vcpkg.json: each port of `dependencies` (and of each feature's `dependencies`) is a `vcpkg` package
 *   (`pkg:vcpkg/<name>`, purl-spec's vcpkg type), direct; `host: true` makes it a build tool (dev), a feature the
 *   manifest does not enable by default makes it optional. `version>=` is a minimum: no version, kept in `ref`. An
 *   `overrides` entry pins its port: that is the version vcpkg uses, located at the override. The registry a port
 *   comes from (./configuration.ts) gives the purl's `repository_revision` (its baseline commit) and, for a
 *   registry other than microsoft/vcpkg, its `repository_url`; a port of a filesystem registry or an overlay folder is
 *   local. `builtin-baseline` is the microsoft/vcpkg repository at that commit: listed as a git repository.
 * - vcpkg-configuration.json (and the configuration a vcpkg.json embeds): each git registry is its repository at its
 *   baseline commit, as other formats list a git dependency at a commit (lockfile-support/git-package.ts); a
 *   builtin registry with a baseline is microsoft/vcpkg at it. Filesystem and artifact registries are reported.
 * Strict JSON (vcpkg refuses comments and a key written twice), read with positions by ../../json-tree.ts.
 */
import {posix} from 'node:path'
import {elide} from '../../../core/elide.js'
import {isPublicRegistry} from '../../../core/public-registries.js'
import {urlWithoutCredentials} from '../../../core/redact.js'
import type {Component, Scope} from '../../../core/model.js'
import {hasTopLevelKey, readJsonTree} from '../../json-tree.js'
import {manifestComponent} from '../../lockfile-support/component.js'
import {gitPackageComponent} from '../../lockfile-support/git-package.js'
import {emptyOutput, errorAt, type Output, shapeError} from '../../output.js'
import type {DiscoverContext, Discoverer} from '../../types.js'
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
import {
  BUILTIN_REPOSITORY,
  COMMIT,
  type Configuration,
  embeddedConfiguration,
  IDENTIFIER,
  type Registry,
  RegistryIndex,
  readConfiguration,
} from './configuration.js'

const MANIFEST = 'vcpkg.json'
const CONFIGURATION = 'vcpkg-configuration.json'
/** Overlay folders listed at most, per path (a port each, or a folder of ports). */
const MAX_OVERLAY_ENTRIES = 2_000

export const discoverer: Discoverer = {
  id: 'vcpkg',
  description: 'vcpkg manifests (vcpkg.json) and their registries (vcpkg-configuration.json)',
  // `vcpkg_installed/` is what manifest mode installs, `buildtrees/` where a vcpkg instance unpacks the sources it
  // builds (a registry's `ports/` tree is passed over in discover: ./readme.md).
  matches: (file) =>
    /(^|\/)vcpkg(-configuration)?\.json$/.test(file) && !/(^|\/)(vcpkg_installed|node_modules|buildtrees)\//.test(file),
  identify: (head) =>
    /vcpkg(?:-configuration)?\.schema\.json/.test(head) ||
    hasTopLevelKey(head, 'builtin-baseline') ||
    hasTopLevelKey(head, 'default-registry'),
  discover: ({file, text}, context) => discoverVcpkg(file, text, context),
}

export function discoverVcpkg(file: string, text: string, context: DiscoverContext): Output {
  const out = emptyOutput()
  if (isRegistryPort(file, context)) return out
  const {root, errors} = readJsonTree(text, file)
  out.errors.push(...errors)
  if (root === undefined) return out
  if (!isMap(root)) {
    out.errors.push(errorAt(file, root, 'invalid-entry', `a vcpkg file must be a JSON object, not ${describe(root)}`))
    return out
  }
  const base = posix.basename(file)
  const isConfiguration =
    base === CONFIGURATION ||
    (base !== MANIFEST &&
      !['dependencies', 'name', 'builtin-baseline', 'overrides'].some((key) => root.entries.has(key)) &&
      ['default-registry', 'registries', 'overlay-ports'].some((key) => root.entries.has(key)))
  if (isConfiguration) {
    listRegistries(file, readConfiguration(file, root, out, ''), out)
    return out
  }
  readManifest(file, root, out, context)
  return out
}

/**
 * `<root>/ports/<port>/vcpkg.json` of a registry (its `versions/baseline.json`) or of a vcpkg instance (its
 * `.vcpkg-root`): a port that registry offers, not a dependency of the project (a vcpkg checkout vendored as a
 * submodule holds thousands).
 */
function isRegistryPort(file: string, context: DiscoverContext): boolean {
  const match = /^(?:(.*)\/)?ports\/[^/]+\/vcpkg\.json$/.exec(file)
  if (match === null || context.exists === undefined) return false
  const root = match[1] === undefined ? '' : `${match[1]}/`
  return context.exists(`${root}versions/baseline.json`) || context.exists(`${root}.vcpkg-root`)
}

/** Each registry that is a repository anyone can fetch, at its baseline commit. */
function listRegistries(file: string, config: Configuration, out: Output): void {
  const all = [...(config.defaultRegistry ? [config.defaultRegistry] : []), ...config.registries.map((r) => r.registry)]
  for (const registry of all) {
    if (registry.local || registry.baseline === undefined) continue
    const url = registry.kind === 'builtin' ? BUILTIN_REPOSITORY : urlWithoutCredentials(registry.repository ?? '')
    out.components.push(
      gitPackageComponent(file, {
        url,
        rev: registry.baseline,
        ref: registry.kind === 'builtin' ? `builtin@${registry.baseline}` : url,
        line: registry.at.line,
        column: registry.at.column,
        scope: 'prod',
        direct: true,
        origin: 'manifest',
      }),
    )
  }
}

/** One override: the version vcpkg uses for its port, and where it is written. */
interface Override {
  version: string
  portVersion?: number
  at: Position
}

interface Manifest {
  file: string
  out: Output
  /** The manifest's own name: a dependency on it enables its own features, it is not a dependency. */
  self: string | undefined
  overrides: Map<string, Override>
  index: RegistryIndex
  overlaid: Set<string>
  /** Ports listed without a version, not local: at a registry's baseline, from the vcpkg checkout, from no registry. */
  unversioned: {atBaseline: number; unknown: number; noRegistry: number}
  /**
   * A port's own manifest, beside the `portfile.cmake` that builds it (an overlay port of the project,
   * https://learn.microsoft.com/vcpkg/concepts/overlay-ports): its dependencies are installed when a project depends
   * on the port, at that project's baseline; none is a project's direct dependency.
   */
  port: boolean
}

function readManifest(file: string, root: YamlMap, out: Output, context: DiscoverContext): void {
  const fail = (at: YamlNode, message: string) => out.errors.push(errorAt(file, at, 'invalid-entry', message))
  const dir = posix.dirname(file)
  const beside = dir === '.' ? CONFIGURATION : `${dir}/${CONFIGURATION}`
  // The configuration: the one embedded, else the vcpkg-configuration.json beside the manifest (whose own errors and
  // registries are that file's: read here only to know where each port comes from).
  const embedded = embeddedConfiguration(root)
  let config: Configuration = {registries: [], overlayPorts: []}
  const besideText = context.readText(beside)
  if (embedded !== undefined) {
    config = readConfiguration(file, embedded.node, out, `${embedded.key}.`)
    listRegistries(file, config, out)
    if (besideText !== null)
      out.skipped.push({
        file,
        line: embedded.node.line,
        reason: 'unsupported',
        message: `the configuration is both embedded (\`${embedded.key}\`) and in ${CONFIGURATION} beside it: vcpkg stops ("Ambiguous vcpkg configuration"); the embedded one is read`,
      })
  } else if (besideText !== null) {
    const tree = readJsonTree(besideText, beside).root
    if (tree !== undefined && isMap(tree)) config = readConfiguration(beside, tree, emptyOutput(), '')
  }

  // builtin-baseline: the default registry is microsoft/vcpkg at that commit, unless a configuration sets one.
  let fallback: Registry | undefined
  const baselineNode = root.entries.get('builtin-baseline')
  if (baselineNode !== undefined) {
    const baseline = stringValue(baselineNode)
    if (baseline === undefined || !COMMIT.test(baseline))
      fail(baselineNode, 'builtin-baseline must be a commit of microsoft/vcpkg (40 hexadecimal digits)')
    else if (config.defaultRegistry !== undefined && embedded !== undefined)
      fail(
        baselineNode,
        `builtin-baseline and \`${embedded.key}.default-registry\` are both set: vcpkg refuses the manifest (one baseline for the default registry)`,
      )
    else if (config.defaultRegistry !== undefined)
      out.skipped.push({
        file,
        line: baselineNode.line,
        reason: 'unsupported',
        message: `builtin-baseline is not used: ${CONFIGURATION} sets the default-registry, which vcpkg takes instead (it warns so)`,
      })
    else {
      fallback = {kind: 'builtin', baseline, local: false, at: baselineNode}
      listRegistries(file, {defaultRegistry: fallback, registries: [], overlayPorts: []}, out)
    }
  }

  const manifest: Manifest = {
    file,
    out,
    self: stringValue(root.entries.get('name')),
    overrides: readOverrides(file, root.entries.get('overrides'), out),
    index: new RegistryIndex(config, fallback),
    overlaid: overlaidPorts(file, config, dir, context, out),
    unversioned: {atBaseline: 0, unknown: 0, noRegistry: 0},
    port: context.exists?.(dir === '.' ? 'portfile.cmake' : `${dir}/portfile.cmake`) === true,
  }
  const features = root.entries.get('features')
  const defaults = defaultFeatures(file, root.entries.get('default-features'), out)
  dependencies(manifest, root.entries.get('dependencies'), 'dependencies', 'prod')
  if (features !== undefined) {
    if (!isMap(features)) fail(features, `features must be an object of features, not ${describe(features)}`)
    else
      for (const [name, feature] of features.entries) {
        if (name.startsWith('$')) continue
        if (!isMap(feature)) {
          fail(feature, `features.${elide(name, 100)} must be an object, not ${describe(feature)}`)
          continue
        }
        // A feature the manifest enables by default is installed with it; any other only when asked for.
        const scope: Scope = defaults.has(name) ? 'prod' : 'optional'
        dependencies(manifest, feature.entries.get('dependencies'), `features.${elide(name, 100)}.dependencies`, scope)
      }
  }
  const {atBaseline, unknown, noRegistry} = manifest.unversioned
  const ports = (count: number) => `${count} ${count === 1 ? 'port is' : 'ports are'} listed without a version`
  const said = (message: string) => out.skipped.push({file, reason: 'unresolved-version', message})
  if (atBaseline > 0)
    said(
      `${ports(atBaseline)}: vcpkg takes each at its registry's baseline (or the higher \`version>=\`), which the registry holds, not this file; an \`overrides\` entry pins one`,
    )
  if (unknown > 0)
    said(
      manifest.port
        ? `${ports(unknown)}: this is a port's manifest (portfile.cmake beside it), whose dependencies vcpkg installs at the baseline of the project that depends on the port, which this file does not name`
        : `${ports(unknown)}: no registry baseline applies (no builtin-baseline nor default-registry), so vcpkg takes the ports of the vcpkg checkout it runs from, whatever commit that is; an \`overrides\` entry pins one`,
    )
  if (noRegistry > 0)
    said(
      `${ports(noRegistry)}: \`default-registry\` is null and no registry's \`packages\` names ${noRegistry === 1 ? 'it' : 'them'}: vcpkg finds ${noRegistry === 1 ? 'it' : 'them'} in no registry`,
    )
}

/** `default-features`: names, or `{name, platform}`; the names enabled by default (a platform is not evaluated). */
function defaultFeatures(file: string, node: YamlNode | undefined, out: Output): Set<string> {
  const names = new Set<string>()
  if (node === undefined) return names
  if (!isSeq(node)) {
    out.errors.push(shapeError(file, node, 'default-features', 'list'))
    return names
  }
  for (const item of node.items) {
    const name = isMap(item) ? stringValue(item.entries.get('name')) : stringValue(item)
    if (name === undefined)
      out.errors.push(
        errorAt(file, item, 'invalid-entry', `default-features: ${describe(item)} is not a feature name or {name}`),
      )
    else names.add(name)
  }
  return names
}

/** The version fields of an override; exactly one is written. */
const VERSION_FIELDS = ['version', 'version-semver', 'version-date', 'version-string'] as const

/** `overrides`: the version of each port named, by name (a port overridden twice is an error, as vcpkg says). */
function readOverrides(file: string, node: YamlNode | undefined, out: Output): Map<string, Override> {
  const overrides = new Map<string, Override>()
  if (node === undefined) return overrides
  const fail = (at: YamlNode, message: string): false => {
    out.errors.push(errorAt(file, at, 'invalid-entry', message))
    return false
  }
  if (!isSeq(node)) {
    fail(node, `overrides must be a list, not ${describe(node)}`)
    return overrides
  }
  /** false when the entry is not read (an error says why). */
  const readOne = (item: YamlNode, index: number): boolean => {
    const label = `overrides[${index}]`
    if (!isMap(item)) return fail(item, `${label} must be an object, not ${describe(item)}`)
    const nameNode = item.entries.get('name')
    const name = stringValue(nameNode)
    if (name === undefined || !IDENTIFIER.test(name))
      return fail(nameNode ?? item, `${label}: \`name\` must be a port name (lower-case letters, digits, dashes)`)
    const written = VERSION_FIELDS.filter((key) => item.entries.has(key))
    if (written.length !== 1)
      return fail(item, `${label}: exactly one of \`${VERSION_FIELDS.join('`, `')}\` must be written`)
    const versionNode = item.entries.get(written[0]) as YamlNode
    const text = stringValue(versionNode)
    // `1.2.3#4`: the port-version written inline, which the `port-version` field, when written, replaces.
    const parsed = text === undefined ? null : /^([^#]+)(?:#(\d+))?$/.exec(text)
    if (parsed === null)
      return fail(versionNode, `${label}: \`${written[0]}\` must be a version (\`1.2.3\`, \`1.2.3#1\`)`)
    let portVersion = parsed[2] === undefined ? undefined : Number(parsed[2])
    const portNode = item.entries.get('port-version')
    if (portNode !== undefined) {
      if (!isScalar(portNode) || portNode.kind !== 'number' || !/^\d+$/.test(portNode.text))
        return fail(portNode, `${label}: \`port-version\` must be a non-negative integer`)
      portVersion = Number(portNode.text)
    }
    if (overrides.has(name)) return fail(nameNode as YamlNode, `${label}: ${name} is overridden twice`)
    overrides.set(name, {version: parsed[1], portVersion, at: versionNode})
    return true
  }
  for (const [index, item] of node.items.entries()) readOne(item, index)
  return overrides
}

/** One `dependencies` list (the manifest's, or a feature's). */
function dependencies(manifest: Manifest, node: YamlNode | undefined, label: string, scope: Scope): void {
  const {file, out} = manifest
  if (node === undefined) return
  if (!isSeq(node)) {
    out.errors.push(shapeError(file, node, label, 'list'))
    return
  }
  /** false when the entry is not read (an error says why). */
  const readOne = (item: YamlNode, index: number): boolean => {
    const fail = (at: YamlNode, message: string): false => {
      out.errors.push(errorAt(file, at, 'invalid-entry', `${label}[${index}]: ${message}`))
      return false
    }
    if (isScalar(item) && item.kind === 'string') {
      if (!IDENTIFIER.test(item.text)) return fail(item, `"${elide(item.text, 100)}" is not a port name`)
      addPort(manifest, item.text, item.text, item, scope)
      return true
    }
    if (!isMap(item))
      return fail(item, `a dependency is a port name or an object with a \`name\`, not ${describe(item)}`)
    const nameNode = item.entries.get('name')
    const name = stringValue(nameNode)
    if (name === undefined || nameNode === undefined)
      return fail(nameNode ?? item, 'a dependency object needs a `name` (a port name)')
    if (!IDENTIFIER.test(name)) return fail(nameNode, `"${elide(name, 100)}" is not a port name`)
    const host = item.entries.get('host')
    if (host !== undefined && !(isScalar(host) && host.kind === 'boolean'))
      return fail(host, `\`host\` must be true or false, not ${describe(host)}`)
    const platform = item.entries.get('platform')
    if (platform !== undefined && stringValue(platform) === undefined)
      return fail(platform, `\`platform\` must be a platform expression (a string), not ${describe(platform)}`)
    const minimumNode = item.entries.get('version>=')
    const minimum = stringValue(minimumNode)
    if (minimumNode !== undefined && (minimum === undefined || !/^[^#]+(?:#\d+)?$/.test(minimum)))
      return fail(minimumNode, '`version>=` must be a version (`1.2.3`, `1.2.3#1`)')
    const ref = minimum === undefined ? name : `${name} version>=${minimum}`
    addPort(manifest, name, ref, nameNode, isScalar(host) && host.text === 'true' ? 'dev' : scope)
    return true
  }
  for (const [index, item] of node.items.entries()) readOne(item, index)
}

function addPort(manifest: Manifest, name: string, ref: string, at: Position, scope: Scope): void {
  if (name === manifest.self) return
  const override = manifest.overrides.get(name)
  const registry = manifest.index.registryOf(name)
  const local = manifest.overlaid.has(name) || registry?.local === true
  const qualifiers: Record<string, string> = {}
  if (override?.portVersion !== undefined && override.portVersion > 0)
    qualifiers.port_version = String(override.portVersion)
  if (registry?.baseline !== undefined) qualifiers.repository_revision = registry.baseline
  if (registry?.kind === 'git' && registry.repository !== undefined && !isPublicRegistry('vcpkg', registry.repository))
    qualifiers.repository_url = urlWithoutCredentials(registry.repository)
  const where = override?.at ?? at
  const component: Component = manifestComponent(manifest.file, {
    ecosystem: 'vcpkg',
    name,
    ...(override === undefined ? {} : {version: override.version}),
    ref,
    line: where.line,
    column: where.column,
    scope,
    direct: !manifest.port,
    ...(local ? {local: true} : {}),
    ...(Object.keys(qualifiers).length > 0 ? {qualifiers} : {}),
  })
  if (override === undefined && !local) {
    const count = manifest.unversioned
    if (registry === null) count.noRegistry++
    else if (registry?.baseline !== undefined) count.atBaseline++
    else count.unknown++
  }
  manifest.out.components.push(component)
}

/**
 * The ports the configuration's `overlay-ports` hold (vcpkg takes an overlay port before any registry's): a folder
 * with a `vcpkg.json` (or a legacy `CONTROL`) is one port, any other folder holds one port per subfolder. A path
 * outside the scanned tree, or a tree whose folders cannot be listed, is reported: its ports are not known.
 */
function overlaidPorts(
  file: string,
  config: Configuration,
  configDir: string,
  context: DiscoverContext,
  out: Output,
): Set<string> {
  const names = new Set<string>()
  for (const {path, at} of config.overlayPorts) {
    const relative = posix.normalize(posix.join(configDir, path.replaceAll('\\', '/')))
    const outside = posix.isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || /^\.\.(?:\/|$)/.test(relative)
    const listDir = context.listDir
    const listed = outside || listDir === undefined ? null : listDir(relative)
    if (listed === null || listDir === undefined) {
      out.skipped.push({
        file,
        line: at.line,
        reason: 'unsupported',
        message: `overlay-ports "${elide(path, 200)}" is ${outside ? 'outside the scanned tree' : 'a folder that cannot be listed here'}: the ports it holds (which vcpkg takes before any registry's) are not known`,
      })
      continue
    }
    if (listed.includes(MANIFEST) || listed.includes('CONTROL')) {
      names.add(posix.basename(relative))
      continue
    }
    for (const entry of listed.slice(0, MAX_OVERLAY_ENTRIES)) {
      const inner = listDir(relative === '.' ? entry : `${relative}/${entry}`)
      if (inner?.includes(MANIFEST) || inner?.includes('CONTROL')) names.add(entry)
    }
  }
  return names
}
