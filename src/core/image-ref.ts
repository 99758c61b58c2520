/**
 * Container image references: parsed and normalised exactly as Docker and Kubernetes do.
 * Written by hand because no maintained JS port of distribution/reference exists; the grammar is
 * https://github.com/distribution/reference/blob/v0.6.0/regexp.go, the normalisation (default registry
 * `docker.io`, `library/` for official images) https://github.com/distribution/reference/blob/v0.6.0/normalize.go,
 * and digest validation https://github.com/opencontainers/go-digest/blob/v1.0.0/algorithm.go.
 */
import {purlString} from './purl-string.js'
import type {Component, Location, Origin} from './model.js'

const ALPHANUMERIC = '[a-z0-9]+'
const SEPARATOR = '(?:[._]|__|[-]+)'
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]'
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'

const DOMAIN_RE = new RegExp(`^${DOMAIN}$`)
const REMOTE_NAME_RE = new RegExp(`^${REMOTE_NAME}$`)
export const TAG_RE = new RegExp(`^${TAG}$`)
const DIGEST_RE = new RegExp(`^${DIGEST}$`)
const IDENTIFIER_RE = /^[a-f0-9]{64}$/
/** go-digest's registered algorithms and the length of their hex encoding. */
const DIGEST_LENGTHS: Record<string, number> = {sha256: 64, sha384: 96, sha512: 128}

const DEFAULT_DOMAIN = 'docker.io'
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io'
const OFFICIAL_REPO_PREFIX = 'library/'
/** distribution/reference NameTotalLengthMax. */
const NAME_MAX = 255
/** Far above any valid reference; keeps the regular expressions' work bounded on hostile input. */
const INPUT_MAX = 1024

export interface ImageRef {
  /** Registry host, with port: `docker.io`, `registry.k8s.io`, `localhost:5000`. */
  domain: string
  /** Repository path inside the registry: `library/nginx`. */
  path: string
  /** `domain/path`: the normalised name. */
  name: string
  tag?: string
  digest?: string
}

export type ParseResult = {ok: true; image: ImageRef} | {ok: false; message: string}

/** Parses a reference as `docker pull` would (ParseNormalizedNamed); the message says what is wrong. */
export function parseImageRef(ref: string): ParseResult {
  if (ref.length === 0) return fail('empty reference')
  if (ref.length > INPUT_MAX) return fail(`longer than ${INPUT_MAX} characters`)
  if (ref !== ref.trim()) return fail('leading or trailing white space')
  if (IDENTIFIER_RE.test(ref)) return fail('a bare 64-hex image ID is ambiguous with a repository name')

  let rest = ref
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    const problem = digestProblem(digest)
    if (problem) return fail(problem)
  }
  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG_RE.test(tag)) return fail(`invalid tag "${tag}" (letters, digits, '_', '.', '-'; at most 128)`)
  }

  const {domain, path} = splitDomain(rest)
  if (!DOMAIN_RE.test(domain)) return fail(`invalid registry host "${domain}"`)
  if (path !== path.toLowerCase()) return fail('repository name must be lowercase')
  if (!REMOTE_NAME_RE.test(path)) return fail(`invalid repository name "${path}"`)
  const name = `${domain}/${path}`
  if (name.length > NAME_MAX) return fail(`repository name longer than ${NAME_MAX} characters`)
  return {ok: true, image: {domain, path, name, ...(tag === undefined ? {} : {tag}), ...(digest ? {digest} : {})}}
}

/** The fully qualified form: `docker.io/library/nginx:latest`, tag and digest kept (`:latest` only when neither is given). */
export function normalisedImage(image: ImageRef): string {
  const tag = image.tag ?? (image.digest ? undefined : 'latest')
  return image.name + (tag === undefined ? '' : `:${tag}`) + (image.digest ? `@${image.digest}` : '')
}

/**
 * purl of an image (https://github.com/package-url/purl-spec, type `docker`): namespace = path before the
 * last segment, version = digest when pinned (tag as qualifier) else tag, registry as `repository_url`
 * unless Docker Hub.
 */
export function imagePurl(image: ImageRef): string {
  const slash = image.path.lastIndexOf('/')
  const namespace = slash >= 0 ? image.path.slice(0, slash) : undefined
  const base = image.path.slice(slash + 1)
  const tag = image.tag ?? (image.digest ? undefined : 'latest')
  const qualifiers: Record<string, string> = {}
  if (image.domain !== DEFAULT_DOMAIN) qualifiers.repository_url = image.domain
  if (image.digest && tag) qualifiers.tag = tag
  const version = image.digest ?? tag
  return purlString(
    'docker',
    namespace,
    base,
    version,
    Object.keys(qualifiers).length ? qualifiers : undefined,
    undefined,
  )
}

/** A `kind: image` component for one occurrence of a parsed reference. */
export function imageComponent(image: ImageRef, ref: string, location: Location, origin: Origin): Component {
  const version = image.tag ?? (image.digest ? undefined : 'latest')
  return {
    kind: 'image',
    ecosystem: 'docker',
    name: image.name,
    ...(version === undefined ? {} : {version}),
    ...(image.digest ? {digest: image.digest} : {}),
    purl: imagePurl(image),
    ref,
    origin,
    locations: [location],
  }
}

/** Whether a reference names its registry host (docker's rule: a first segment with a `.` or `:`, or `localhost`). */
export function namesRegistry(ref: string): boolean {
  const slash = ref.indexOf('/')
  if (slash < 0) return false
  const first = ref.slice(0, slash)
  return first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()
}

/** Docker's splitDockerDomain: the first segment is a registry only if it looks like a host. */
function splitDomain(name: string): {domain: string; path: string} {
  const slash = name.indexOf('/')
  let domain = DEFAULT_DOMAIN
  let path = name
  if (slash >= 0 && namesRegistry(name)) {
    domain = name.slice(0, slash)
    path = name.slice(slash + 1)
  }
  if (domain === LEGACY_DEFAULT_DOMAIN) domain = DEFAULT_DOMAIN
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = OFFICIAL_REPO_PREFIX + path
  return {domain, path}
}

export function digestProblem(digest: string): string | undefined {
  if (!DIGEST_RE.test(digest)) return `invalid digest "${digest}"`
  const [algorithm, hex] = digest.split(':')
  const length = DIGEST_LENGTHS[algorithm]
  if (length === undefined) return `unsupported digest algorithm "${algorithm}"`
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    return `invalid ${algorithm} digest: expected ${length} lower-case hex characters`
  }
  return undefined
}

function fail(message: string): ParseResult {
  return {ok: false, message}
}
