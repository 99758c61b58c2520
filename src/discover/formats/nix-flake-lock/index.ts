/**
 * Nix flakes' lock file, `flake.lock` (https://nix.dev/manual/nix/latest/command-ref/new-cli/nix3-flake#lock-files;
 * read as Nix's src/libflake/lockfile.cc reads it): `nodes` is a map of node keys to nodes, `root` names the root
 * node (the flake itself), and each node's `inputs` map input names to a node key or to a `follows` path (a list
 * of input names walked from the root node; `[]` is the root itself). Every other node Nix reaches from the root
 * node is a locked input: its `locked` attributes (`builtins.fetchTree` arguments) say what is fetched. See
 * ./readme.md for what each input type becomes.
 */
import {appendAll} from '../../../core/arrays.js'
import {purlString} from '../../../core/purl-string.js'
import {elide} from '../../../core/elide.js'
import type {Component, ScanError} from '../../../core/model.js'
import {repositoryName} from '../../lockfile-support/git-package.js'
import {gitVcsUrl} from '../../lockfile-support/purl.js'
import type {Position} from '../../../core/line-index.js'
import {
  isJsonObject,
  type JsonDocument,
  type JsonObject,
  type JsonValue,
  readLockfileJson,
} from '../../lockfile-support/json-reader.js'
import {lockfileError} from '../../lockfile-support/problems.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'nix-flake-lock',
  description: "Nix flakes' flake.lock (versions 5 to 7): every locked input the root flake reaches",
  matches: (file) => /(^|\/)flake\.lock$/.test(file),
  // On standard input: Nix writes the keys sorted, so a flake.lock opens with `"nodes"` holding the `"root"` node's
  // neighbours, and `"root": "root"` follows them.
  identify: (head) => /^\s*\{\s*"nodes"\s*:\s*\{/.test(head) && /"inputs"\s*:|"locked"\s*:|"root"\s*:/.test(head),
  discover: ({file, text}) => discoverFlakeLock(file, text),
}

/** The lock file versions Nix reads (lockfile.cc: `version < 5 || version > 7` is refused). */
const MIN_VERSION = 5
const MAX_VERSION = 7
/** A `follows` path longer than this is reported (Nix's are an input name or two). */
const MAX_FOLLOWS_LENGTH = 32

/** A git or Mercurial commit id (SHA-1, or SHA-256 for a git repository in that object format). */
const REV = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/
/** An owner of a forge (`~user` on SourceHut; GitLab subgroups written `group%2Fsub`) and a repository's name. */
const OWNER = /^[\w.~-]{1,100}(?:%2[Ff][\w.~-]{1,100}){0,20}$/
const REPO = /^[\w.-]{1,100}$/
/** A host name, with an optional port. */
const HOST = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})(?::\d{1,5})?$/
/** A URL with a scheme, no whitespace. */
const URL_WITH_SCHEME = /^[a-z][a-z0-9+.-]{0,30}:[^\s]{1,4000}$/i

/** A GitHub archive, `https://github.com/OWNER/REPO/archive/REF.tar.gz` (or `.zip`): owner, repository, reference. */
const GITHUB_ARCHIVE =
  /^https:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/([\w.-]{1,100})\/archive\/([^/?#\s]{1,255}?)\.(?:tar\.gz|zip)$/
/** The forges whose `locked` attributes name a repository by owner and name, with their default hosts. */
const FORGES: Record<string, string> = {github: 'github.com', gitlab: 'gitlab.com', sourcehut: 'git.sr.ht'}

interface Read {
  file: string
  document: JsonDocument
  nodes: JsonObject
  rootKey: string
  errors: ScanError[]
  /** Follows paths resolved so far, by their JSON. */
  followed: Map<string, Followed>
}

/** `original` is not read: what flake.nix asked for, not what is fetched. */
function skipUnread(path: readonly string[]): boolean {
  return path.length === 3 && path[0] === 'nodes' && path[2] === 'original'
}

export function discoverFlakeLock(file: string, text: string): DiscoverOutput {
  const read = readLockfileJson(file, text, {skip: skipUnread})
  if (!read.ok) return {components: [], errors: read.errors}
  const {document, root, errors} = read
  const keyAt = (key: string): Position => document.topLevelKeys.get(key) ?? {line: 1, column: 1}
  const version = root.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < MIN_VERSION || version > MAX_VERSION) {
    const at = keyAt('version')
    const problem =
      version === undefined
        ? 'version is missing: not a flake.lock Nix reads'
        : `version ${elide(JSON.stringify(version), 40)} is not one Nix reads (${MIN_VERSION} to ${MAX_VERSION})`
    return {components: [], errors: [...errors, lockfileError(file, 'invalid-lockfile', problem, at.line, at.column)]}
  }
  const nodes = root.nodes
  if (!isJsonObject(nodes)) {
    const at = keyAt(nodes === undefined ? 'version' : 'nodes')
    const problem = 'nodes must be an object of nodes'
    return {components: [], errors: [...errors, lockfileError(file, 'invalid-lockfile', problem, at.line, at.column)]}
  }
  const rootKey = root.root
  const rootNode = typeof rootKey === 'string' ? nodes[rootKey] : undefined
  if (typeof rootKey !== 'string' || !isJsonObject(rootNode)) {
    const at = keyAt(rootKey === undefined ? 'nodes' : 'root')
    const problem =
      typeof rootKey !== 'string'
        ? 'root must name the root node'
        : `root names node "${elide(rootKey, 100)}", which nodes does not hold`
    return {components: [], errors: [...errors, lockfileError(file, 'invalid-lockfile', problem, at.line, at.column)]}
  }
  const state: Read = {file, document, nodes, rootKey, errors, followed: new Map()}
  const reached = reachedNodes(state, rootNode)
  const direct = directNodes(state, rootNode)
  checkFollows(state, reached)
  // In the file's order of nodes: the same order on every run. Two nodes locking the same source at the same
  // revision (`hyprland-protocols` and `hyprland-protocols_2`, one the flake's input and one an input's) are one
  // dependency: one component at both nodes, direct when either is.
  const byIdentity = new Map<string, Component>()
  for (const key of Object.keys(nodes)) {
    const node = nodes[key]
    if (key === rootKey || !reached.has(key) || !isJsonObject(node)) continue
    const component = lockedInput(state, key, node, direct.has(key))
    if (component === undefined) continue
    const identity = JSON.stringify([component.name, component.version, component.purl, component.ref, component.local])
    const same = byIdentity.get(identity)
    if (same === undefined) byIdentity.set(identity, component)
    else {
      same.direct = same.direct === true || component.direct === true
      appendAll(same.locations, component.locations)
    }
  }
  return {components: [...byIdentity.values()], errors}
}

/** Where a node is: its key in `nodes`. */
function nodeAt(state: Read, node: JsonObject): Position {
  return state.document.positionOf(node)
}

function nodeError(state: Read, node: JsonObject, message: string): void {
  const {line, column} = nodeAt(state, node)
  state.errors.push(lockfileError(state.file, 'invalid-entry', message, line, column))
}

/** A node's `inputs`, when it is an object (an error at the node when it is something else). */
function inputsOf(state: Read, key: string, node: JsonObject): JsonObject | undefined {
  const inputs = node.inputs
  if (inputs === undefined) return undefined
  if (isJsonObject(inputs)) return inputs
  nodeError(state, node, `node "${elide(key, 100)}": inputs must be an object`)
  return undefined
}

/**
 * The nodes Nix reads: those the root node reaches through inputs that name a node key (lockfile.cc reads no
 * other; a `follows` path ends at one of these, or at the root). A node key that names no node, or the root node,
 * is an error, as Nix refuses the file.
 */
function reachedNodes(state: Read, rootNode: JsonObject): Set<string> {
  const reached = new Set<string>()
  const queue: Array<[string, JsonObject]> = [[state.rootKey, rootNode]]
  for (let index = 0; index < queue.length; index++) {
    const [key, node] = queue[index]
    const inputs = inputsOf(state, key, node)
    if (inputs === undefined) continue
    for (const [name, target] of Object.entries(inputs)) {
      if (Array.isArray(target)) continue
      const where = () => `input "${elide(name, 100)}" of node "${elide(key, 100)}"`
      if (typeof target !== 'string') {
        nodeError(state, node, `${where()} must be a node key or a follows path (a list of input names)`)
        continue
      }
      if (target === state.rootKey) {
        nodeError(state, node, `${where()} names the root node: Nix refuses a lock file with a cycle to the root`)
        continue
      }
      const child = state.nodes[target]
      if (!isJsonObject(child)) {
        nodeError(state, node, `${where()} names node "${elide(target, 100)}", which nodes does not hold`)
        continue
      }
      if (reached.has(target)) continue
      reached.add(target)
      queue.push([target, child])
    }
  }
  return reached
}

type Followed = {key: string} | {problem: string}

/** A frame of the walk of one follows path: the node reached after `index` of its names. */
interface Frame {
  id: string
  names: string[]
  index: number
  key: string
}

/** A follows path's names and its id (its JSON), or what is wrong with it. */
function followsPath(path: JsonValue[]): {id: string; names: string[]} | {problem: string} {
  if (path.length > MAX_FOLLOWS_LENGTH)
    return {problem: `a follows path of ${path.length} names (more than ${MAX_FOLLOWS_LENGTH})`}
  if (!path.every((name): name is string => typeof name === 'string'))
    return {problem: 'a follows path must be a list of input names'}
  return {id: JSON.stringify(path), names: path}
}

/**
 * Resolves a `follows` path as Nix's LockFile::findInput does: from the root node, each input name in turn, a
 * follows met on the way resolved first; a follows met again while it is being resolved is a cycle. A path of
 * more than MAX_FOLLOWS_LENGTH names, or naming an input that does not exist, is a problem too. Each path is
 * resolved once per file (state.followed), with a stack of its own, not the call stack: a chain of follows as long
 * as the file can hold costs its length, once.
 */
function resolveFollows(state: Read, path: JsonValue[]): Followed {
  const first = followsPath(path)
  if ('problem' in first) return first
  const known = state.followed.get(first.id)
  if (known !== undefined) return known
  const stack: Frame[] = [{...first, index: 0, key: state.rootKey}]
  const open = new Set([first.id])
  let result: Followed = {key: state.rootKey}
  const finish = (outcome: Followed): void => {
    const frame = stack.pop() as Frame
    open.delete(frame.id)
    state.followed.set(frame.id, outcome)
    result = outcome
  }
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]
    if (frame.index === frame.names.length) {
      finish({key: frame.key})
      continue
    }
    const name = frame.names[frame.index]
    const node = state.nodes[frame.key]
    const target = isJsonObject(node) && isJsonObject(node.inputs) ? node.inputs[name] : undefined
    if (typeof target === 'string' && isJsonObject(state.nodes[target])) {
      frame.key = target
      frame.index++
      continue
    }
    if (!Array.isArray(target)) {
      finish({problem: `follows path ${elide(printPath(frame.id), 200)} names no input "${elide(name, 100)}"`})
      continue
    }
    const next = followsPath(target)
    if ('problem' in next) {
      finish(next)
      continue
    }
    const done = state.followed.get(next.id)
    if (done !== undefined) {
      if ('problem' in done) finish(done)
      else {
        frame.key = done.key
        frame.index++
      }
      continue
    }
    if (open.has(next.id)) {
      const from = stack.findIndex((open) => open.id === next.id)
      const cycle = [...stack.slice(from).map((open) => open.id), next.id].map(printPath).join(' -> ')
      finish({problem: `follows cycle: ${elide(cycle, 300)}`})
      continue
    }
    stack.push({...next, index: 0, key: state.rootKey})
    open.add(next.id)
  }
  return result
}

/** A follows path as Nix prints it: input names joined by `/`. */
function printPath(id: string): string {
  const names = JSON.parse(id) as string[]
  return names.length === 0 ? '(root)' : names.join('/')
}

/** The nodes the root node's inputs are (directly, or through a follows path): the flake's direct inputs. */
function directNodes(state: Read, rootNode: JsonObject): Set<string> {
  const direct = new Set<string>()
  const inputs = isJsonObject(rootNode.inputs) ? rootNode.inputs : {}
  for (const target of Object.values(inputs)) {
    if (typeof target === 'string' && target !== state.rootKey) direct.add(target)
    else if (Array.isArray(target)) {
      const followed = resolveFollows(state, target)
      if ('key' in followed && followed.key !== state.rootKey) direct.add(followed.key)
    }
  }
  return direct
}

/** Every follows path of the nodes Nix reads must resolve: a cycle or a dangling path is an error at its node. */
function checkFollows(state: Read, reached: Set<string>): void {
  for (const key of [state.rootKey, ...reached]) {
    const node = state.nodes[key]
    if (!isJsonObject(node) || !isJsonObject(node.inputs)) continue
    for (const [name, target] of Object.entries(node.inputs)) {
      if (!Array.isArray(target)) continue
      const followed = resolveFollows(state, target)
      if ('problem' in followed)
        nodeError(state, node, `input "${elide(name, 100)}" of node "${elide(key, 100)}": ${followed.problem}`)
    }
  }
}

/** A string attribute of `locked`, undefined when absent or not a string. */
function text(locked: JsonObject, name: string): string | undefined {
  const value = locked[name]
  return typeof value === 'string' ? value : undefined
}

/** One locked input: what its `locked` attributes say is fetched (./readme.md), or an error at its node. */
function lockedInput(state: Read, key: string, node: JsonObject, direct: boolean): Component | undefined {
  const where = `node "${elide(key, 100)}"`
  const locked = node.locked
  if (!isJsonObject(locked)) {
    nodeError(state, node, `${where}: locked must be the object of the locked input's attributes`)
    return undefined
  }
  const type = text(locked, 'type')
  const {line, column} = nodeAt(state, node)
  const base = {file: state.file, line, column, direct}
  const fail = (problem: string): undefined => {
    nodeError(state, node, `${where}: ${problem}`)
    return undefined
  }
  if (type === undefined) return fail('locked.type must name the input type')
  if (type in FORGES) {
    const owner = text(locked, 'owner')
    const repo = text(locked, 'repo')
    const host = text(locked, 'host') ?? FORGES[type]
    const rev = text(locked, 'rev')
    if (owner === undefined || !OWNER.test(owner)) return fail(`locked.owner must be the owner of a ${type} repository`)
    if (repo === undefined || !REPO.test(repo)) return fail(`locked.repo must be the name of a ${type} repository`)
    if (!HOST.test(host)) return fail('locked.host must be a host name')
    if (rev === undefined || !REV.test(rev)) return fail(unlocked('a commit id in locked.rev'))
    // GitLab subgroups are written group%2Fsub (the manual's `gitlab:veloren%2Fdev/rfcs`).
    const name = `${host.toLowerCase()}/${owner.replace(/%2F/gi, '/')}/${repo}`
    const scheme = type === 'sourcehut' && host.toLowerCase().startsWith('hg.') ? 'hg' : 'git'
    const vcs = `${scheme}+https://${name}@${rev}`
    const query = host === FORGES[type] ? '' : `?host=${host}`
    return repositoryComponent({...base, name, rev, vcs, ref: `${type}:${owner}/${repo}/${rev}${query}`})
  }
  switch (type) {
    case 'git':
    case 'hg': {
      const url = text(locked, 'url')
      const rev = text(locked, 'rev')
      if (url === undefined || !URL_WITH_SCHEME.test(url)) return fail(`locked.url must be the URL of the repository`)
      const ref = `${type}+${url}${rev === undefined ? '' : `?rev=${rev}`}`
      if (isLocalUrl(url)) return localComponent({...base, name: localPath(url), ref})
      if (rev === undefined || !REV.test(rev)) return fail(unlocked('a commit id in locked.rev'))
      const vcs = type === 'git' ? gitVcsUrl(url, rev) : `hg+${url}@${rev}`
      return repositoryComponent({...base, name: repositoryName(url), rev, vcs, ref})
    }
    case 'tarball':
    case 'file': {
      const url = text(locked, 'url')
      if (url === undefined || !URL_WITH_SCHEME.test(url)) return fail(`locked.url must be the URL of the ${type}`)
      const ref = `${type}+${url}`
      if (isLocalUrl(url)) return localComponent({...base, name: localPath(url), ref})
      const given = text(locked, 'rev')
      const rev = given !== undefined && REV.test(given) ? given : undefined
      // A GitHub archive of a commit is that repository at that commit, as a `github` input is.
      const archive = GITHUB_ARCHIVE.exec(url)
      const commit = archive && REV.test(archive[3]) ? archive[3] : archive ? rev : undefined
      if (archive && commit !== undefined) {
        const name = `github.com/${archive[1]}/${archive[2]}`
        return repositoryComponent({...base, name, rev: commit, vcs: gitVcsUrl(`https://${name}`, commit), ref})
      }
      // A FlakeHub release (api.flakehub.com/f/pinned/ORG/PROJECT/VERSION/ID/source.tar.gz): the flake by its FlakeHub
      // name at that release, not the URL's every segment.
      const flakehub = FLAKEHUB.exec(url)
      if (flakehub) {
        const version = safeDecode(flakehub[3])
        return downloadComponent({...base, name: `flakehub.com/${flakehub[1]}/${flakehub[2]}`, url, rev: version, ref})
      }
      return downloadComponent({...base, name: repositoryName(url), url, rev, ref})
    }
    case 'path': {
      const path = text(locked, 'path')
      if (path === undefined || path === '') return fail('locked.path must be the path of the input')
      return localComponent({...base, name: path, ref: `path:${path}`})
    }
    case 'indirect': {
      const id = text(locked, 'id')
      return fail(
        `locked is an indirect reference${id ? ` to flake registry entry "${elide(id, 100)}"` : ''}, not a locked input (Nix refuses it without --allow-dirty-locks): what it fetches is not known; not listed`,
      )
    }
    default:
      return fail(`locked.type "${elide(type, 40)}" is not an input type this reader knows; not listed`)
  }
}

/** A FlakeHub release tarball (https://docs.determinate.systems/flakehub/): organisation, project, version. */
const FLAKEHUB = /^https:\/\/api\.flakehub\.com\/f\/pinned\/([\w.-]+)\/([\w.-]+)\/([^/?#]+)\/[^/?#]+\/source\.tar\.gz$/

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

function unlocked(what: string): string {
  return `the input is not locked: ${what} is missing or not a commit id; not listed`
}

/** `file:` URLs and bare paths are the machine's own files. */
function isLocalUrl(url: string): boolean {
  return /^file:/i.test(url)
}

function localPath(url: string): string {
  return url.replace(/^file:(?:\/\/)?/i, '') || url
}

interface Place {
  file: string
  line: number
  column: number
  direct: boolean
  name: string
  ref: string
}

/** A purl of type generic: the name's last segment its name, the rest its namespace (as pre-commit's). */
function genericPurl(
  name: string,
  version: string | undefined,
  qualifiers: Record<string, string>,
): string | undefined {
  const slash = name.lastIndexOf('/')
  try {
    return purlString(
      'generic',
      slash > 0 ? name.slice(0, slash) : undefined,
      name.slice(slash + 1),
      version,
      qualifiers,
      undefined,
    )
  } catch {
    return undefined
  }
}

/** A repository at a commit: `vcs_url` names it, so the vcs-url resolver maps it with no request. */
function repositoryComponent(place: Place & {rev: string; vcs: string}): Component {
  const purl = genericPurl(place.name, place.rev, {vcs_url: place.vcs})
  return {
    kind: 'package',
    ecosystem: 'generic',
    name: place.name,
    version: place.rev,
    ...(purl === undefined ? {} : {purl}),
    ref: place.ref,
    scope: 'prod',
    direct: place.direct,
    origin: 'lockfile',
    locations: [{file: place.file, line: place.line, column: place.column}],
  }
}

/** A tarball or file fetched from a URL: purl `download_url`, the revision when the lock file names one. */
function downloadComponent(place: Place & {url: string; rev?: string}): Component {
  const purl = genericPurl(place.name, place.rev, {download_url: place.url})
  return {
    kind: 'package',
    ecosystem: 'generic',
    name: place.name,
    ...(place.rev === undefined ? {} : {version: place.rev}),
    ...(purl === undefined ? {} : {purl}),
    ref: place.ref,
    scope: 'prod',
    direct: place.direct,
    origin: 'lockfile',
    locations: [{file: place.file, line: place.line, column: place.column}],
  }
}

/** A directory or repository of this machine: local, no purl. */
function localComponent(place: Place): Component {
  return {
    kind: 'package',
    ecosystem: 'generic',
    name: place.name,
    ref: place.ref,
    scope: 'prod',
    direct: place.direct,
    local: true,
    origin: 'lockfile',
    locations: [{file: place.file, line: place.line, column: place.column}],
  }
}
