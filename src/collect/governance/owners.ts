/**
 * Kubernetes-style OWNERS and OWNERS_ALIASES (https://go.k8s.io/owners): YAML lists of logins under
 * `approvers`, `reviewers`, `emeritus_approvers`..., also inside `filters`; alias names expand through the
 * OWNERS_ALIASES of the same directory. argo-cd adds a non-standard `owners` list, read as owners.
 */
import {isMap, isScalar, isSeq, LineCounter, type Node, parseDocument} from 'yaml'
import type {GovernanceFile, Role} from '../../core/model.js'
import {isLogin} from './names.js'
import type {GovernanceParse, GovernanceProblem} from './types.js'

const KEY_ROLES: Record<string, Role> = {
  owners: 'owner',
  approvers: 'approver',
  reviewers: 'reviewer',
  required_reviewers: 'reviewer',
  emeritus_approvers: 'emeritus',
  emeritus_reviewers: 'emeritus',
}

interface Listed {
  value: string
  line: number
}

export type Aliases = Map<string, {members: Listed[]; file: string; line: number}>

export function parseOwnersAliases(file: GovernanceFile, problems: GovernanceProblem[]): Aliases {
  const aliases: Aliases = new Map()
  const doc = readYaml(file, problems)
  if (!doc) return aliases
  const root = doc.node
  const section = isMap(root) ? root.get('aliases', true) : undefined
  if (!isMap(section)) {
    if (root) problems.push({file: file.path, line: 1, message: 'expected an `aliases:` mapping'})
    return aliases
  }
  for (const pair of section.items) {
    if (!isScalar(pair.key)) continue
    const name = String(pair.key.value).toLowerCase()
    aliases.set(name, {members: listOf(pair.value as Node, doc.line), file: file.path, line: doc.line(pair.key)})
  }
  return aliases
}

export function parseOwners(file: GovernanceFile, aliases: Aliases): GovernanceParse {
  const result: GovernanceParse = {roles: [], teams: [], problems: []}
  const doc = readYaml(file, result.problems)
  if (!doc || !isMap(doc.node)) {
    if (doc?.node) result.problems.push({file: file.path, line: 1, message: 'expected a mapping of OWNERS keys'})
    return result
  }
  const visit = (map: Node, where: string | undefined): void => {
    if (!isMap(map)) return
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue
      const key = String(pair.key.value)
      if (key === 'filters' && isMap(pair.value)) {
        for (const filter of pair.value.items)
          if (isScalar(filter.key)) visit(filter.value as Node, `filter ${filter.key.value}`)
        continue
      }
      const role = KEY_ROLES[key]
      if (!role) continue
      const section = where ? `${where} ${key}` : key
      for (const entry of listOf(pair.value as Node, doc.line)) addEntry(result, file, entry, role, section, aliases)
    }
  }
  visit(doc.node, undefined)
  return result
}

function addEntry(
  result: GovernanceParse,
  file: GovernanceFile,
  entry: Listed,
  role: Role,
  section: string,
  aliases: Aliases,
): void {
  const alias = aliases.get(entry.value.toLowerCase())
  const base = {
    role,
    file: file.path,
    line: entry.line,
    kind: 'owners' as const,
    section,
    source: `${file.path}:${entry.line}`,
  }
  if (alias) {
    for (const member of alias.members) {
      if (!isLogin(member.value)) continue
      result.roles.push({...base, login: member.value, via: `${alias.file}:${member.line} ${entry.value}`})
    }
    return
  }
  if (isLogin(entry.value)) result.roles.push({...base, login: entry.value})
  else
    result.problems.push({
      file: file.path,
      line: entry.line,
      message: `'${entry.value}' is neither a GitHub login nor an alias`,
    })
}

function readYaml(file: GovernanceFile, problems: GovernanceProblem[]) {
  const lineCounter = new LineCounter()
  const doc = parseDocument(file.content, {lineCounter, prettyErrors: false})
  if (doc.errors.length) {
    const error = doc.errors[0]
    problems.push({
      file: file.path,
      line: lineCounter.linePos(error.pos[0]).line,
      message: error.message.split('\n')[0],
    })
    return undefined
  }
  const line = (node: Node | unknown): number => {
    const range = (node as Node | undefined)?.range
    return range ? lineCounter.linePos(range[0]).line : 1
  }
  return {node: doc.contents as Node | null, line}
}

function listOf(node: Node | null | undefined, line: (node: Node) => number): Listed[] {
  if (!isSeq(node)) return []
  const listed: Listed[] = []
  for (const item of node.items) {
    if (isScalar(item) && item.value !== null && item.value !== undefined) {
      listed.push({value: String(item.value).trim(), line: line(item)})
    }
  }
  return listed
}
