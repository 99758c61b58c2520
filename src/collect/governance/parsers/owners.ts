/**
 * Kubernetes-style OWNERS and OWNERS_ALIASES (https://www.kubernetes.dev/docs/guide/owners/): YAML lists of logins
 * under `approvers`, `reviewers`, `emeritus_approvers`..., also inside `filters`; alias names expand through the
 * OWNERS_ALIASES of the same directory. argo-cd adds a non-standard `owners` list, read as owners; Helm keeps its own
 * keys, `maintainers`, `triage` and `emeritus` (https://github.com/helm/helm/blob/main/OWNERS), read as those roles.
 *
 * YAML anchors, aliases (`*leads`) and merge keys (`<<: *base`) are legitimate YAML (Prow reads OWNERS with a
 * YAML 1.1 library) and resolve; a file whose aliases expand past a bound (a "billion laughs" bomb) is not read and
 * is reported with the line of its first alias.
 */
import {type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, visit} from 'yaml'
import type {GovernanceFile, Role} from '../../../core/model.js'
import {probeYamlDepth} from '../../../core/yaml-depth.js'
import {parseDocumentLinear} from '../../../core/yaml-unique-keys.js'
import {isLogin} from '../names.js'
import type {GovernanceKind, GovernanceParse, GovernanceProblem} from '../types.js'

const KEY_ROLES: Record<string, Role> = {
  owners: 'owner',
  approvers: 'approver',
  reviewers: 'reviewer',
  required_reviewers: 'reviewer',
  emeritus_approvers: 'emeritus',
  emeritus_reviewers: 'emeritus',
  // Helm's OWNERS (helm/helm, helm/chart-testing...): not Prow's keys, the project's own list of its roles.
  maintainers: 'maintainer',
  triage: 'triager',
  emeritus: 'emeritus',
}

/** The yaml library's bound on alias expansion (the one src/core/yaml-file.ts uses for hand-written files). */
const MAX_ALIAS_COUNT = 100
/** Entries read from one file, aliases expanded: far above any real OWNERS file, far below a bomb. */
const MAX_ENTRIES = 20_000

interface Listed {
  value: string
  line: number
}

export type Aliases = Map<string, {members: Listed[]; file: string; line: number}>

interface Read {
  doc: Document
  node: Node | null
  line(node: unknown): number
}

export function parseOwnersAliases(file: GovernanceFile, problems: GovernanceProblem[]): Aliases {
  const aliases: Aliases = new Map()
  const read = readYaml(file, problems)
  if (!read) return aliases
  const root = resolve(read, read.node)
  const section = isMap(root) ? resolve(read, root.get('aliases', true) as Node) : undefined
  if (!isMap(section)) {
    if (root) problems.push({file: file.path, line: 1, message: 'expected an `aliases:` mapping'})
    return aliases
  }
  const budget = {left: MAX_ENTRIES}
  for (const pair of pairsOf(read, section)) {
    if (!isScalar(pair.key)) continue
    const name = String(pair.key.value).toLowerCase()
    aliases.set(name, {members: listOf(read, pair.value as Node, budget), file: file.path, line: read.line(pair.key)})
  }
  if (budget.left < 0) tooMany(file, problems)
  return aliases
}

export function parseOwners(file: GovernanceFile, aliases: Aliases, kind: GovernanceKind): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const read = readYaml(file, result.problems)
  const root = read ? resolve(read, read.node) : undefined
  if (!read || !isMap(root)) {
    if (read?.node) result.problems.push({file: file.path, line: 1, message: 'expected a mapping of OWNERS keys'})
    return result
  }
  const budget = {left: MAX_ENTRIES}
  const people = aliasMembers(aliases)
  const visitMap = (map: Node | undefined, where: string | undefined): void => {
    if (!isMap(map)) return
    for (const pair of pairsOf(read, map)) {
      if (!isScalar(pair.key)) continue
      const key = String(pair.key.value)
      const value = resolve(read, pair.value as Node)
      if (key === 'filters' && isMap(value)) {
        for (const filter of pairsOf(read, value))
          if (isScalar(filter.key)) visitMap(resolve(read, filter.value as Node), `filter ${filter.key.value}`)
        continue
      }
      const role = KEY_ROLES[key]
      if (!role) continue
      const section = where ? `${where} ${key}` : key
      for (const entry of listOf(read, value, budget))
        addEntry(result, file, entry, role, section, aliases, people, kind)
    }
  }
  visitMap(root, undefined)
  if (budget.left < 0) {
    tooMany(file, result.problems)
    result.roles = []
  }
  return result
}

function addEntry(
  result: GovernanceParse,
  file: GovernanceFile,
  entry: Listed,
  role: Role,
  section: string,
  aliases: Aliases,
  people: ReadonlySet<string>,
  kind: GovernanceKind,
): void {
  const alias = aliases.get(entry.value.toLowerCase())
  const base = {role, file: file.path, line: entry.line, kind, section, source: `${file.path}:${entry.line}`}
  if (alias) {
    for (const member of alias.members) {
      if (!isLogin(member.value)) continue
      result.roles.push({...base, login: member.value, via: `${alias.file}:${member.line} ${entry.value}`})
    }
    return
  }
  // A name of a group that no OWNERS_ALIASES defines is an alias that went stale, not a person (knative/serving OWNERS:
  // `technical-oversight-committee` beside the defined `serving-wg-leads`; knative/community OWNERS:
  // `steering-committee`; their aliases are generated from the organisation's teams, and these are not among them).
  // A name an alias lists among its members is a person's, whatever its last word (an account `ada-leads`).
  if (GROUP_NAME.test(entry.value) && isLogin(entry.value) && !people.has(entry.value.toLowerCase()))
    result.problems.push({
      file: file.path,
      line: entry.line,
      message: `'${entry.value}' names a group, and no OWNERS_ALIASES here defines it: not read as a person`,
    })
  else if (isLogin(entry.value)) result.roles.push({...base, login: entry.value})
  // `kubernetes/steering-committee`: a GitHub team (Prow accepts `org/team` in required_reviewers).
  else if (/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9][\w.-]*$/.test(entry.value))
    result.teams.push({team: entry.value, file: file.path, line: entry.line, section})
  else
    result.problems.push({
      file: file.path,
      line: entry.line,
      message: `'${entry.value}' is neither a GitHub login nor an alias`,
    })
}

/** The logins the aliases list as members (lower-cased): people, even when a name ends like a group's. */
function aliasMembers(aliases: Aliases): Set<string> {
  const people = new Set<string>()
  for (const {members} of aliases.values()) for (const member of members) people.add(member.value.toLowerCase())
  return people
}

/** The last word of a group's name: a plural role, a committee, a team (`-leads`, `-reviewers`, `-committee`). */
const GROUP_NAME =
  /-(?:committee|council|board|leads|reviewers|approvers|maintainers|writers|admins|owners|members|teams?|wg|sig)$/i

/** Deeper than any OWNERS file nests. */
const MAX_DEPTH = 64

function readYaml(file: GovernanceFile, problems: GovernanceProblem[]): Read | undefined {
  // Nesting the library would build in full first (core/yaml-depth.ts): an upstream file is anyone's.
  const depth = probeYamlDepth(file.content, MAX_DEPTH)
  if (depth.kind !== 'ok') {
    problems.push({
      file: file.path,
      line: depth.line,
      message: depth.reason,
      unread: true,
    })
    return undefined
  }
  const lineCounter = new LineCounter()
  const doc = parseDocumentLinear(file.content, {lineCounter, prettyErrors: false, merge: true})
  const line = (node: unknown): number => {
    const range = (node as Node | undefined)?.range
    return range ? lineCounter.linePos(range[0]).line : 1
  }
  if (doc.errors.length) {
    const error = doc.errors[0]
    problems.push({
      file: file.path,
      line: lineCounter.linePos(error.pos[0]).line,
      message: error.message.split('\n')[0],
      unread: true,
    })
    return undefined
  }
  try {
    doc.toJS({maxAliasCount: MAX_ALIAS_COUNT})
  } catch (error) {
    // The library signals an alias bomb with a ReferenceError; anything else is a bug of ours.
    if (!(error instanceof ReferenceError)) throw error
    problems.push({
      file: file.path,
      line: line(firstAlias(doc)),
      message: `YAML aliases expand beyond the limit of ${MAX_ALIAS_COUNT} (a "billion laughs" bomb?): not read`,
      unread: true,
    })
    return undefined
  }
  return {doc, node: doc.contents as Node | null, line}
}

/** The node an alias stands for (an alias of an alias too); undefined for an anchor that is not defined. */
function resolve(read: Read, node: Node | null | undefined): Node | undefined {
  let current: unknown = node ?? undefined
  for (let hops = 0; isAlias(current) && hops < 32; hops++) current = current.resolve(read.doc)
  return isAlias(current) ? undefined : (current as Node | undefined)
}

/** A mapping's pairs, with `<<: *base` merge keys (one alias or a list of them) replaced by the pairs they name. */
function pairsOf(read: Read, map: Node, depth = 0): Array<{key: unknown; value: unknown}> {
  if (!isMap(map) || depth > 8) return []
  const pairs: Array<{key: unknown; value: unknown}> = []
  for (const pair of map.items) {
    if (isScalar(pair.key) && (pair.key.value === '<<' || pair.key.source === '<<')) {
      const merged = resolve(read, pair.value as Node)
      const sources = isSeq(merged) ? merged.items.map((item) => resolve(read, item as Node)) : [merged]
      for (const source of sources) if (source) pairs.push(...pairsOf(read, source, depth + 1))
      continue
    }
    pairs.push(pair)
  }
  return pairs
}

function listOf(read: Read, node: Node | null | undefined, budget: {left: number}): Listed[] {
  const list = resolve(read, node)
  if (!isSeq(list)) return []
  const listed: Listed[] = []
  for (const raw of list.items) {
    const item = resolve(read, raw as Node)
    // A list aliased into a list (`- *leads`) contributes its entries.
    const entries = isSeq(item) ? item.items.map((inner) => resolve(read, inner as Node)) : [item]
    for (const entry of entries) {
      if (--budget.left < 0) return listed
      if (isScalar(entry) && entry.value !== null && entry.value !== undefined)
        listed.push({value: String(entry.value).trim(), line: read.line(entry)})
    }
  }
  return listed
}

function tooMany(file: GovernanceFile, problems: GovernanceProblem[]): void {
  problems.push({file: file.path, line: 1, message: `more than ${MAX_ENTRIES} entries: not read`, unread: true})
}

function firstAlias(doc: Document): Node | undefined {
  let found: Node | undefined
  visit(doc, {
    Alias(_key, node) {
      found = node
      return visit.BREAK
    },
  })
  return found
}
