/**
 * What a helmfile release's `chart:` names, told apart in the order helmfile's own code tries them when it prepares a
 * chart (github.com/helmfile/helmfile pkg/state/state.go prepareChartForRelease):
 * 1. a go-getter source (pkg/remote/remote.go Parse): `getter::URL` (`git::https://host/org/repo.git@path?ref=v1`),
 *    or an `http://`, `https://` or `s3://` URL; fetched by go-getter, never from a chart repository;
 * 2. an OCI chart: `oci://host/path/chart[:tag][@digest]` (state.go parseOCIChartRef);
 * 3. a local chart (pkg/state/util.go isLocalChart): `./…`, `../…`, an absolute path, a name without `/`, or a path of
 *    more than three segments;
 * 4. else `repo/chart` (or `repo/path/chart`): a chart of the repository of that name (GetRepositoryAndNameFromChartName).
 * Written by hand: these are helmfile's own string rules (a few splits and prefixes), which no library implements.
 * URLs come back without their userinfo (`https://user:token@host` → `https://host`): credentials never reach a purl
 * or a message. Shared by the formats whose charts are written as `helm install` takes them (helmfile; Skaffold's
 * `remoteChart`, Tilt's `helm_resource`, whose rules are helm's and read the same on what they write: helmChartRef),
 * and so is how an OCI, URL or git chart is listed (listChartRef).
 */
import {posix} from 'node:path'
import type {Component, Location, Skipped} from '../core/model.js'
import {purlString} from '../core/purl-string.js'
import {trimEnd} from '../core/trim-end.js'
import {redactSecrets} from '../core/redact.js'
import {chartVersionFields} from './chart-version.js'
import {gitVcsUrl} from './lockfile-support/purl.js'
import {chartComponent} from './output.js'

export type ChartRef =
  /** A folder of a git repository (`git::`): `url` is the repository, `ref` the `?ref=` when written. */
  | {kind: 'git'; name: string; url: string; ref?: string}
  /** A packaged chart fetched from a URL (`https://…/name-1.2.3.tgz`): name and version from its file name. */
  | {kind: 'url'; name: string; version?: string; url: string}
  /** An OCI chart: `repository` is `oci://host/path`, `tag` and `digest` as written in the reference. */
  | {kind: 'oci'; name: string; repository: string; tag?: string; digest?: string}
  /** A chart folder of this tree, as written. */
  | {kind: 'local'; path: string}
  /** `repo/chart`: the chart `name` (everything after the first `/`) of the repository named `repo`. */
  | {kind: 'repo'; repo: string; name: string}
  /** A reference helmfile cannot use as a chart (an unknown URL scheme, `getter::` without a URL): `why` says. */
  | {kind: 'unsupported'; why: string}

/** A path of `helmfiles:` or `bases:` that helmfile fetches (pkg/remote/remote.go IsRemote): go-getter's forms. */
export function isRemoteSource(path: string): boolean {
  const parts = path.split('::')
  if (parts.length === 2) return SCHEME.test(parts[1])
  return REMOTE_SCHEMES.test(path) && path.split('://').length === 2
}

/** go-getter's getters whose sources are downloads (not a version control system): the file at the URL. */
const DOWNLOAD_GETTERS = new Set(['http', 'https', 's3', 'gcs'])
/** Protocols pkg/remote/remote.go takes without a `getter::` prefix. */
const REMOTE_SCHEMES = /^(?:s3|https?):\/\//i
/** `scheme://` at the start of a URL. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\//
/** A packaged chart's file name, `NAME-VERSION.tgz` (`helm package`), VERSION being SemVer 2 (a `v` allowed). */
const PACKAGE = /^(.+?)\.(?:tgz|tar\.gz)$/
const SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/
/** Longer file names are not split into name and version (each `-` is tried: quadratic in the worst case). */
const MAX_PACKAGE_NAME = 512

export function chartRef(chart: string): ChartRef {
  const remote = goGetterSource(chart)
  if (remote !== undefined) return remote
  if (/^oci:\/\//i.test(chart)) return ociRef(chart)
  if (isLocalChart(chart)) return {kind: 'local', path: chart}
  if (chart.includes('://')) return {kind: 'unsupported', why: 'a URL helmfile neither fetches nor reads as a chart'}
  const slash = chart.indexOf('/')
  const name = chart.slice(slash + 1)
  // `repo/` or `repo//`: no chart is named (a package URL needs a name).
  if (name === '' || name.startsWith('/'))
    return {kind: 'unsupported', why: 'a repository reference that names no chart'}
  return {kind: 'repo', repo: chart.slice(0, slash), name}
}

/**
 * A chart as `helm install` reads it (Skaffold's `remoteChart`, Tilt's `helm_resource`): an `oci://` reference is an
 * OCI chart whatever it holds (helm has no go-getter, whose `::` chartRef reads first); anything else as chartRef.
 */
export function helmChartRef(chart: string): ChartRef {
  return /^oci:\/\//i.test(chart) ? ociRef(chart) : chartRef(chart)
}

/**
 * pkg/state/util.go isLocalChart: `./` or `../` first; else not when it holds `://`; else when empty, absolute,
 * without `/`, or of other than two or three `/`-separated segments.
 */
export function isLocalChart(chart: string): boolean {
  if (chart.startsWith('./') || chart.startsWith('../')) return true
  if (chart.includes('://')) return false
  const segments = chart.split('/').length
  return chart === '' || chart.startsWith('/') || segments < 2 || segments > 3
}

/** A go-getter source, as pkg/remote/remote.go Parse accepts one; undefined for anything else. */
function goGetterSource(chart: string): ChartRef | undefined {
  const parts = chart.split('::')
  if (parts.length > 2) return {kind: 'unsupported', why: 'more than one `::`: not a go-getter source'}
  if (parts.length === 2) {
    const [getter, url] = parts
    // helmfile refuses a source without a scheme ("missing scheme") and hands the text to helm as a chart name,
    // which fails: not a chart anyone can fetch.
    if (!SCHEME.test(url)) return {kind: 'unsupported', why: 'a go-getter source without a URL scheme after `::`'}
    if (getter.toLowerCase() === 'git') return gitRef(url)
    if (DOWNLOAD_GETTERS.has(getter.toLowerCase())) return urlRef(url)
    return {kind: 'unsupported', why: `a go-getter source of the "${getter.slice(0, 40)}" getter, not read here`}
  }
  if (REMOTE_SCHEMES.test(chart) && chart.split('://').length === 2) return urlRef(chart)
  return undefined
}

interface UrlParts {
  /** `scheme://host[:port]`, without userinfo (but the SSH user `git`, kept as written). */
  origin: string
  path: string
  /** After `?`, without it; '' when none. */
  query: string
}

function splitUrl(url: string): UrlParts | undefined {
  const match = /^([A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/)([^/?#]*)([^?#]*)(?:\?([^#]*))?/.exec(url)
  if (match === null) return undefined
  const [, scheme, authority, path, query] = match
  const at = authority.lastIndexOf('@')
  const user = at < 0 ? '' : authority.slice(0, at)
  const host = at < 0 ? authority : user === 'git' ? authority : authority.slice(at + 1)
  return {origin: `${scheme}${host}`, path, query: query ?? ''}
}

/**
 * `git::https://host/org/repo.git@path/in/repo?ref=v1` (helmfile's form: the folder after `@`) or go-getter's
 * `//path/in/repo`: the repository URL, the chart's folder and the ref.
 */
function gitRef(url: string): ChartRef {
  const parts = splitUrl(url)
  if (parts === undefined) return {kind: 'unsupported', why: 'a git source that is not a URL'}
  const at = parts.path.indexOf('@')
  const subdir = at >= 0 ? at : parts.path.indexOf('//')
  const repoPath = subdir >= 0 ? parts.path.slice(0, subdir) : parts.path
  const folder = subdir >= 0 ? parts.path.slice(subdir + (at >= 0 ? 1 : 2)) : ''
  const name = lastSegment(folder) ?? lastSegment(repoPath.replace(/\.git\/?$/, ''))
  if (name === undefined) return {kind: 'unsupported', why: 'a git source that names no repository'}
  const ref = queryParam(parts.query, 'ref')
  return {kind: 'git', name, url: `${parts.origin}${repoPath}`, ...(ref ? {ref} : {})}
}

/** A chart downloaded from a URL: `NAME-VERSION.tgz` gives both; another file name is the name alone. */
function urlRef(url: string): ChartRef {
  const parts = splitUrl(url)
  const file = parts === undefined ? undefined : lastSegment(parts.path)
  if (parts === undefined || file === undefined) return {kind: 'unsupported', why: 'a URL that names no file'}
  const clean = redactSecrets(`${parts.origin}${parts.path}${parts.query ? `?${parts.query}` : ''}`)
  return {kind: 'url', ...packageName(safeDecode(file)), url: clean}
}

function packageName(file: string): {name: string; version?: string} {
  const base = PACKAGE.exec(file)?.[1] ?? file
  if (base.length > MAX_PACKAGE_NAME) return {name: base}
  for (let dash = base.indexOf('-'); dash > 0; dash = base.indexOf('-', dash + 1)) {
    const version = base.slice(dash + 1)
    if (SEMVER.test(version)) return {name: base.slice(0, dash), version}
  }
  return {name: base}
}

/**
 * `oci://host/path/chart[:tag][@digest]` as helmfile's parseOCIChartRef splits it: the digest after `@`, the tag
 * after the last `:` that follows the last `/`. The repository is the reference without its last segment.
 */
export function ociRef(reference: string): ChartRef {
  const parts = splitUrl(reference)
  if (parts === undefined) return {kind: 'unsupported', why: 'an OCI reference that is not a URL'}
  let rest = parts.path
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
  }
  const slash = rest.lastIndexOf('/')
  const name = rest.slice(slash + 1)
  if (slash < 0 || name === '') return {kind: 'unsupported', why: 'an OCI reference that names no chart'}
  return {
    kind: 'oci',
    name,
    repository: `oci://${parts.origin.slice(parts.origin.indexOf('://') + 3)}${rest.slice(0, slash)}`,
    ...(tag ? {tag} : {}),
    ...(digest ? {digest} : {}),
  }
}

/**
 * A chart repository's URL as this format lists it: without userinfo, secrets in its query redacted. An OCI
 * repository's (`oci: true`), which helmfile wants without a scheme, as `oci://host/path` (a written `oci://` kept
 * once), without trailing `/`.
 */
export function repositoryUrl(url: string, oci: boolean): string {
  const trimmed = url.trim()
  if (!oci) {
    const parts = splitUrl(trimmed)
    return redactSecrets(parts ? `${parts.origin}${parts.path}${parts.query ? `?${parts.query}` : ''}` : trimmed)
  }
  const bare = trimEnd(trimmed.replace(/^oci:\/\//i, ''), '/')
  // userinfo without a scheme: everything up to the last `@` of the host part.
  const slash = bare.indexOf('/')
  const host = slash < 0 ? bare : bare.slice(0, slash)
  const at = host.lastIndexOf('@')
  return `oci://${at < 0 ? bare : bare.slice(at + 1)}`
}

/** A local chart's name: its folder's, the helmfile's own for `.`; the path as written when it names none. */
export function localChartName(path: string, helmfileDir: string): string {
  const joined = posix.isAbsolute(path) ? posix.normalize(path) : posix.join(helmfileDir, path)
  const name = posix.basename(joined)
  return name === '' || name === '.' || name === '..' ? path : name
}

function lastSegment(path: string): string | undefined {
  const segments = path.split('/').filter((segment) => segment !== '')
  return segments.at(-1)
}

function queryParam(query: string, key: string): string | undefined {
  for (const pair of query.split('&')) {
    const equals = pair.indexOf('=')
    if (equals > 0 && pair.slice(0, equals) === key) return safeDecode(pair.slice(equals + 1))
  }
  return undefined
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/**
 * A chart fetched from a source rather than a chart repository (a URL: `download_url`; git: `vcs_url`), as helmfile,
 * Skaffold's `remoteChart` and Tilt's `helm_resource` list one: named by its file or folder, direct, declared.
 */
export function sourcedChart(
  name: string,
  version: string | undefined,
  qualifiers: Record<string, string>,
  location: Location,
): Component {
  return {
    kind: 'chart',
    ecosystem: 'helm',
    name,
    ...(version ? {version} : {}),
    purl: purlString('helm', undefined, name, version, qualifiers, undefined),
    ref: version ? `${name}@${version}` : name,
    direct: true,
    origin: 'manifest',
    locations: [location],
  }
}

/** Where a chart is written and what it is called, for listChartRef. */
export interface ChartListing {
  location: Location
  out: {components: Component[]; skipped: Skipped[]}
  /** Who names the version, for its messages: `release web: chart nginx`. */
  versionLabel: string
  /** What a chart that is not listed is said as (`… is <why>; not listed`): `release web: chart "x"`. */
  subject: string
  /** Whether a go-getter git source is a chart (helmfile fetches one; helm does not). */
  git?: boolean
  /** A digest written elsewhere than in the reference (helmfile's `version: 1.2.3@sha256:…`), for an OCI chart. */
  digest?: string
}

/**
 * An OCI, URL or git chart listed (direct, `origin: manifest`), or said why it is not (`unsupported`); false (the
 * type says so) for a local or repository chart, which each format looks for its own way (its own folders, its own repositories). An OCI
 * chart's `version` is what helm's --version takes (a version or a range); without one, the reference's tag.
 */
export function listChartRef(
  ref: ChartRef,
  version: string | undefined,
  listing: ChartListing,
): ref is Exclude<ChartRef, {kind: 'local' | 'repo'}> {
  const {location, out} = listing
  switch (ref.kind) {
    case 'local':
    case 'repo':
      return false
    case 'oci': {
      const versioned = version
        ? chartVersionFields(version, listing.versionLabel, location, out.skipped)
        : ref.tag
          ? {version: ref.tag}
          : {}
      const digest = ref.digest || listing.digest
      const chart = {name: ref.name, ...versioned, repository: ref.repository, ...(digest ? {digest} : {})}
      out.components.push({...chartComponent(chart, location, 'manifest'), direct: true})
      return true
    }
    case 'url':
      out.components.push(sourcedChart(ref.name, ref.version, {download_url: ref.url}, location))
      return true
    case 'git':
      // Fetched by go-getter: a folder of a git repository at a ref, whatever `version:` says.
      if (listing.git) {
        out.components.push(sourcedChart(ref.name, undefined, {vcs_url: gitVcsUrl(ref.url, ref.ref)}, location))
        return true
      }
  }
  const why = ref.kind === 'unsupported' ? ref.why : 'no chart helm fetches from a repository'
  out.skipped.push({
    file: location.file,
    line: location.line,
    reason: 'unsupported',
    message: `${listing.subject} is ${why}; not listed`,
  })
  return true
}
