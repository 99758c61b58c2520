/**
 * Where NuGet restores a package from, as the repository's own `nuget.config` files say
 * (https://learn.microsoft.com/nuget/reference/nuget-config-file,
 * https://learn.microsoft.com/nuget/consume-packages/package-source-mapping): for dotnet-project and nuget-lock, so
 * that a package of a private feed carries that feed as purl `repository_url` and is never looked up by its id on
 * deps.dev (resolve/support.ts otherSource). NuGet reads every config from the project's folder up to the root, the
 * nearer ones winning, `<clear />` dropping what the farther ones (and the user's own, which stewards cannot see)
 * said; that is followed here within the scanned tree.
 *
 * A package's feed: with `<packageSourceMapping>`, the source whose pattern matches its id most specifically (an
 * exact id, then the longest `prefix*`, then `*`; ids compared without case, as NuGet does). Without a mapping, it is
 * known only when nuget.org is not among the sources (a `<clear />` and private feeds alone): then the first of them.
 * With nuget.org and others, NuGet takes whichever answers first, and nothing is said. Only `packageSources`,
 * `disabledPackageSources` and `packageSourceMapping` are read: `packageSourceCredentials` (and everything else) is
 * passed over unread.
 */
import {appendAll} from '../../core/arrays.js'
import type {ScanError} from '../../core/model.js'
import {isPublicRegistry} from '../../core/public-registries.js'
import type {DiscoverContext} from '../types.js'
import {pathsAbove} from '../paths-above.js'
import {walkXml} from '../xml-walk.js'
import {lockfileError} from './problems.js'

export interface NugetSources {
  /** The feed a package id comes from when it is not nuget.org and the configs say so; undefined otherwise. */
  feedOf(id: string): string | undefined
  /** Config files that could not be read whole: what they say is unknown (an error of the run). */
  errors: ScanError[]
}

/** The names NuGet looks for in each folder (a case-sensitive file system holds any of them). */
const CONFIG_NAMES = ['nuget.config', 'NuGet.config', 'NuGet.Config']
const MAX_DEPTH = 16

interface Config {
  file: string
  clearSources: boolean
  sources: Array<[string, string]>
  disabled: string[]
  clearMapping: boolean
  mapping: Array<{key: string; pattern: string}>
}

/** One scan's configs, by path (null: none there), so that each is read once. */
const configCache = new WeakMap<DiscoverContext, Map<string, Config | null | ScanError>>()

function readConfig(context: DiscoverContext, file: string): Config | null | ScanError {
  let cache = configCache.get(context)
  if (!cache) {
    cache = new Map()
    configCache.set(context, cache)
  }
  const known = cache.get(file)
  if (known !== undefined) return known
  const text = context.readText(file)
  let config: Config | null | ScanError = null
  if (text !== null) {
    const read: Config = {file, clearSources: false, sources: [], disabled: [], clearMapping: false, mapping: []}
    let source: string | undefined
    const result = walkXml(
      text,
      {
        open(element) {
          const {where, attributes} = element
          if (where === 'configuration/packageSources/clear') read.clearSources = true
          else if (where === 'configuration/packageSources/add' && attributes.key && attributes.value)
            read.sources.push([attributes.key, attributes.value])
          else if (
            where === 'configuration/disabledPackageSources/add' &&
            attributes.key &&
            attributes.value === 'true'
          )
            read.disabled.push(attributes.key)
          else if (where === 'configuration/packageSourceMapping/clear') read.clearMapping = true
          else if (where === 'configuration/packageSourceMapping/packageSource') source = attributes.key
          else if (where === 'configuration/packageSourceMapping/packageSource/package' && source && attributes.pattern)
            read.mapping.push({key: source, pattern: attributes.pattern})
        },
        close(element) {
          if (element.where === 'configuration/packageSourceMapping/packageSource') source = undefined
        },
      },
      {maxDepth: MAX_DEPTH, doctype: 'a DOCTYPE is not allowed in a NuGet config'},
    )
    config = result.ok
      ? read
      : lockfileError(
          file,
          'invalid-xml',
          `${result.message}: the package sources it names are not known`,
          result.line,
          result.column,
        )
  }
  cache.set(file, config)
  return config
}

/** The nuget.config files that apply to `file` (a project or a lock file), the nearest first. */
function configsFor(context: DiscoverContext, file: string): Array<Config | ScanError> {
  const found: Array<Config | ScanError> = []
  const [first] = CONFIG_NAMES
  for (const candidate of pathsAbove(file, first)) {
    // Each folder's first config of the names NuGet takes.
    const folder = candidate.slice(0, -first.length)
    for (const name of CONFIG_NAMES) {
      const config = readConfig(context, `${folder}${name}`)
      if (config !== null) {
        found.push(config)
        break
      }
    }
  }
  return found
}

export function nugetSources(context: DiscoverContext, file: string): NugetSources {
  const configs = configsFor(context, file)
  const errors = configs.filter((c): c is ScanError => 'code' in c)
  // Farthest first, so that nearer configs override and their <clear /> drops what came before.
  const ordered = configs.filter((c): c is Config => !('code' in c)).reverse()
  const sources = new Map<string, string>()
  // Sources NuGet has before the tree's configs: the user's own NuGet.Config, which lists nuget.org by default.
  sources.set('nuget.org', 'https://api.nuget.org/v3/index.json')
  const disabled = new Set<string>()
  let mapping: Array<{key: string; pattern: string}> = []
  for (const config of ordered) {
    if (config.clearSources) sources.clear()
    for (const [key, value] of config.sources) sources.set(key, value)
    for (const key of config.disabled) disabled.add(key)
    if (config.clearMapping) mapping = []
    appendAll(mapping, config.mapping)
  }
  for (const key of disabled) sources.delete(key)
  const privateFeed = (url: string | undefined) =>
    url === undefined || isPublicRegistry('nuget', url) ? undefined : url
  if (mapping.length > 0) {
    return {
      feedOf(id: string): string | undefined {
        const key = mostSpecific(mapping, id)
        return key === undefined ? undefined : privateFeed(sources.get(key))
      },
      errors,
    }
  }
  const urls = [...sources.values()]
  const only = urls.length > 0 && !urls.some((url) => isPublicRegistry('nuget', url)) ? urls[0] : undefined
  return {feedOf: () => only, errors}
}

/** The source key whose pattern matches `id` most specifically: the id itself, then the longest `prefix*`, then `*`. */
function mostSpecific(mapping: ReadonlyArray<{key: string; pattern: string}>, id: string): string | undefined {
  const lower = id.toLowerCase()
  let best: {key: string; rank: number} | undefined
  for (const {key, pattern} of mapping) {
    const p = pattern.toLowerCase()
    let rank = -1
    if (p === lower) rank = Number.MAX_SAFE_INTEGER
    else if (p.endsWith('*') && lower.startsWith(p.slice(0, -1))) rank = p.length - 1
    if (rank > (best?.rank ?? -1)) best = {key, rank}
  }
  return best?.key
}

/** No nuget.config: every package is nuget.org's, as far as the tree says. */
export const NO_FEEDS: NugetSources = {feedOf: () => undefined, errors: []}

/** `repository_url` for a private feed; none for nuget.org or none known. */
export function feedQualifiers(feed: string | undefined): Record<string, string> | undefined {
  return feed === undefined ? undefined : {repository_url: feed}
}
