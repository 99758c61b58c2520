import type {ListMembership, Organization} from '../core/model.js'
import {dayOf, inEffect} from './dates.js'
import {normalizeDomain, normalizeLogin, normalizeName} from './normalize.js'
import type {DomainBasis, ListDefinition, Membership, OrganizationEntry, SourceEntry} from './schema.js'
import {isPublicWebmail, suffixes} from './webmail.js'
import type {EntityProblem, YamlPath} from './yaml-file.js'
import {compare} from '../core/compare.js'

/** An organisation as loaded: its entry (memberships from other files merged in) and where it is. */
export interface OrganizationRecord {
  entry: OrganizationEntry
  file: string
  /** Line of a node inside the organisation's entry (`['aliases', 2]`). */
  lineOf(path: YamlPath): number
}

/** A membership given apart from its organisation (`memberships:` in a user's file). */
export interface MembershipRecord {
  organization: string
  membership: Membership
  file: string
  line: number
}

export interface ListRecord {
  definition: ListDefinition
  file: string
  line: number
}

export interface EntityData {
  organizations: OrganizationRecord[]
  lists: ListRecord[]
  memberships: MembershipRecord[]
  sources: SourceEntry[]
}

export interface NameMatch {
  organization: Organization
  /** The name or alias that matched, as written in the entity file. */
  alias: string
  /** Citations of that alias (empty for the organisation's own `name`). */
  sources: string[]
  file: string
}

export interface DomainMatch {
  organization: Organization
  /** The listed domain that matched (the address may be on a sub-domain of it). */
  domain: string
  basis: DomainBasis
  sources: string[]
  file: string
}

export interface GithubOrgMatch {
  organization: Organization
  login: string
  sources: string[]
  file: string
}

export interface EntityIndex {
  /** Exact match of the normalised name or any alias (see normalize.ts); `@handle` falls back to GitHub orgs. */
  byName(name: string): Organization | undefined
  /** E-mail address or domain (sub-domains of a listed domain too); public webmail never matches. */
  byDomain(emailOrDomain: string, options?: DomainOptions): Organization | undefined
  byGithubOrg(login: string): Organization | undefined
  matchName(name: string): NameMatch | undefined
  matchDomain(emailOrDomain: string, options?: DomainOptions): DomainMatch | undefined
  matchGithubOrg(login: string): GithubOrgMatch | undefined
  get(id: string): Organization | undefined
  /** The organisation followed up its parent chain (links not yet in effect at `asOf` are not followed). */
  root(id: string, asOf?: string): Organization | undefined
  /** The organisation and its ancestors, nearest first. */
  chain(id: string, asOf?: string): Organization[]
  /** Headquarters country (ISO 3166-1 alpha-2) of the organisation itself; never inherited. */
  country(id: string): string | undefined
  /** Own memberships and those inherited through the parent chain (`inheritedFrom`), in effect at `asOf` if given. */
  lists(id: string, asOf?: string): ListMembership[]
  /** Every organisation, sorted by id. */
  all(): Organization[]
  /** The full entry with every citation, and the file it comes from. */
  record(id: string): OrganizationRecord | undefined
  listDefinition(id: string): ListDefinition | undefined
  listDefinitions(): ListDefinition[]
  sources(): SourceEntry[]
}

export interface DomainOptions {
  /** Also match domains known only as the organisation's website (default false: not e-mail evidence). */
  includeWebsites?: boolean
}

interface Keyed<T> {
  id: string
  value: T
  sources: string[]
  file: string
  line: number
}

/** Builds the lookup tables and checks what no single file can: ids, references, collisions. */
export function buildEntityIndex(data: EntityData): {index: EntityIndex; problems: EntityProblem[]} {
  const problems: EntityProblem[] = []
  const records = new Map<string, OrganizationRecord>()
  for (const record of data.organizations) {
    const previous = records.get(record.entry.id)
    if (previous) {
      problems.push(at(record, [], `organisation id '${record.entry.id}' is already defined in ${previous.file}`))
    } else records.set(record.entry.id, record)
  }
  const lists = new Map<string, ListRecord>()
  for (const list of data.lists) {
    const previous = lists.get(list.definition.id)
    if (previous) {
      problems.push({
        file: list.file,
        line: list.line,
        message: `list id '${list.definition.id}' is already defined in ${previous.file}`,
      })
    } else lists.set(list.definition.id, list)
  }
  checkReferences(records, lists, problems)
  mergeMemberships(data.memberships, records, lists, problems)

  const names = new Map<string, Keyed<string>>()
  const domains = new Map<string, Keyed<{domain: string; basis: DomainBasis}>>()
  const logins = new Map<string, Keyed<string>>()
  for (const record of [...records.values()].sort((a, b) => compare(a.entry.id, b.entry.id))) {
    const {entry} = record
    const add = <T>(
      table: Map<string, Keyed<T>>,
      key: string,
      value: T,
      sources: string[],
      path: YamlPath,
      what: string,
    ) => {
      const line = record.lineOf(path)
      const other = table.get(key)
      if (other && other.id !== entry.id) {
        problems.push({
          file: record.file,
          line,
          message: `${what} '${key}' also belongs to '${other.id}' (${other.file}:${other.line})`,
        })
      } else if (!other) table.set(key, {id: entry.id, value, sources, file: record.file, line})
    }
    add(names, normalizeName(entry.name), entry.name, [], ['name'], 'name')
    entry.aliases.forEach((alias, i) => {
      add(names, normalizeName(alias.name), alias.name, alias.source, ['aliases', i], 'alias (normalised)')
    })
    entry.domains.forEach((domain, i) => {
      const path = ['domains', i]
      if (isPublicWebmail(domain.domain)) {
        problems.push(
          at(record, path, `domain '${domain.domain}' is a public webmail domain and cannot identify an organisation`),
        )
      } else add(domains, domain.domain, {domain: domain.domain, basis: domain.basis}, domain.source, path, 'domain')
    })
    entry.github_orgs.forEach((org, i) => {
      add(logins, normalizeLogin(org.login) ?? org.login, org.login, org.source, ['github_orgs', i], 'GitHub org')
    })
  }

  const organizations = new Map<string, Organization>()
  for (const [id, record] of records) organizations.set(id, deepFreeze(toOrganization(record.entry)))
  const index = createIndex({records, organizations, lists, names, domains, logins, sources: data.sources})
  return {index, problems}
}

function at(record: OrganizationRecord, path: YamlPath, message: string): EntityProblem {
  return {file: record.file, line: record.lineOf(path), message}
}

function mergeMemberships(
  memberships: MembershipRecord[],
  records: Map<string, OrganizationRecord>,
  lists: Map<string, ListRecord>,
  problems: EntityProblem[],
) {
  for (const item of memberships) {
    const record = records.get(item.organization)
    if (!record || !lists.has(item.membership.list)) {
      const what = record ? `unknown list '${item.membership.list}'` : `unknown organisation '${item.organization}'`
      problems.push({file: item.file, line: item.line, message: `membership names ${what}`})
      continue
    }
    const same = record.entry.lists.some(
      (own) =>
        own.list === item.membership.list &&
        own.since === item.membership.since &&
        own.listed_name === item.membership.listed_name,
    )
    if (!same) record.entry.lists.push(item.membership)
  }
}

function checkReferences(
  records: Map<string, OrganizationRecord>,
  lists: Map<string, ListRecord>,
  problems: EntityProblem[],
) {
  for (const record of records.values()) {
    const {entry} = record
    const parentId = entry.parent?.id
    if (parentId && !records.has(parentId)) {
      problems.push(at(record, ['parent', 'id'], `parent '${parentId}' is not a known organisation`))
    }
    entry.lists.forEach((membership, i) => {
      if (!lists.has(membership.list)) {
        problems.push(at(record, ['lists', i, 'list'], `unknown list '${membership.list}'`))
      }
    })
    entry.not_found_in?.forEach((list, i) => {
      if (!lists.has(list)) problems.push(at(record, ['not_found_in', i], `unknown list '${list}'`))
    })
    const seen = new Set<string>([entry.id])
    for (let parent = entry.parent?.id; parent; parent = records.get(parent)?.entry.parent?.id) {
      if (seen.has(parent)) {
        problems.push(at(record, ['parent'], `parent chain of '${entry.id}' loops back to '${parent}'`))
        break
      }
      seen.add(parent)
    }
  }
}

function toOrganization(entry: OrganizationEntry): Organization {
  const organization: Organization = {
    id: entry.id,
    name: entry.name,
    kind: entry.kind,
    aliases: entry.aliases.map((alias) => alias.name),
    domains: entry.domains.filter((d) => d.basis !== 'website').map((d) => d.domain),
    githubOrgs: entry.github_orgs.map((org) => org.login),
    parent: entry.parent?.id ?? null,
    country: entry.country ?? null,
    lists: entry.lists.map(toMembership).sort(byListThenSince),
  }
  const websites = entry.domains.filter((d) => d.basis === 'website').map((d) => d.domain)
  if (websites.length > 0) organization.websites = websites
  if (entry.parent) {
    organization.parentRelation = entry.parent.relation
    organization.parentSince = entry.parent.since ?? null
  }
  if (entry.status) organization.status = entry.status
  return organization
}

/** Organisations are shared by every caller: freeze them so that none can change another's view. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const item of Object.values(value)) deepFreeze(item)
    Object.freeze(value)
  }
  return value
}

function toMembership(membership: Membership): ListMembership {
  const result: ListMembership = {
    list: membership.list,
    since: membership.since,
    source: membership.source[0]!,
    citations: membership.source,
    listedName: membership.listed_name,
  }
  if (membership.until) result.until = membership.until
  return result
}

function byListThenSince(a: ListMembership, b: ListMembership): number {
  return (
    compare(a.list, b.list) ||
    compare(a.since ?? '', b.since ?? '') ||
    compare(a.inheritedFrom ?? '', b.inheritedFrom ?? '') ||
    compare(a.listedName ?? '', b.listedName ?? '')
  )
}

interface Tables {
  records: Map<string, OrganizationRecord>
  organizations: Map<string, Organization>
  lists: Map<string, ListRecord>
  names: Map<string, Keyed<string>>
  domains: Map<string, Keyed<{domain: string; basis: DomainBasis}>>
  logins: Map<string, Keyed<string>>
  sources: SourceEntry[]
}

function createIndex(tables: Tables): EntityIndex {
  const {records, organizations, lists, names, domains, logins} = tables
  const get = (id: string) => organizations.get(id)

  function matchGithubOrg(login: string): GithubOrgMatch | undefined {
    const key = normalizeLogin(login)
    const hit = key ? logins.get(key) : undefined
    return hit && {organization: get(hit.id)!, login: hit.value, sources: hit.sources, file: hit.file}
  }

  function matchName(name: string): NameMatch | undefined {
    const hit = names.get(normalizeName(name))
    if (hit) return {organization: get(hit.id)!, alias: hit.value, sources: hit.sources, file: hit.file}
    // A profile's `@handle` names a GitHub account: try the organisation logins.
    if (name.trim().startsWith('@')) {
      const org = matchGithubOrg(name)
      if (org) return {organization: org.organization, alias: org.login, sources: org.sources, file: org.file}
    }
    return undefined
  }

  function matchDomain(emailOrDomain: string, options: DomainOptions = {}): DomainMatch | undefined {
    const domain = normalizeDomain(emailOrDomain)
    if (!domain || isPublicWebmail(domain)) return undefined
    for (const suffix of suffixes(domain)) {
      const hit = domains.get(suffix)
      if (!hit || (hit.value.basis === 'website' && !options.includeWebsites)) continue
      return {
        organization: get(hit.id)!,
        domain: hit.value.domain,
        basis: hit.value.basis,
        sources: hit.sources,
        file: hit.file,
      }
    }
    return undefined
  }

  function chain(id: string, asOf?: string): Organization[] {
    const day = asOf === undefined ? undefined : dayOf(asOf)
    const result: Organization[] = []
    for (let current = get(id); current; ) {
      result.push(current)
      const parent = current.parent ? get(current.parent) : undefined
      if (!parent || (day && !inEffect(day, current.parentSince))) break
      current = parent
    }
    return result
  }

  function memberships(id: string, asOf?: string): ListMembership[] {
    const day = asOf === undefined ? undefined : dayOf(asOf)
    const result: ListMembership[] = []
    chain(id, asOf).forEach((organization, depth) => {
      for (const membership of organization.lists) {
        if (day && !inEffect(day, membership.since, membership.until)) continue
        result.push(depth === 0 ? {...membership} : {...membership, inheritedFrom: organization.id})
      }
    })
    return result.sort(byListThenSince)
  }

  return {
    byName: (name) => matchName(name)?.organization,
    byDomain: (emailOrDomain, options) => matchDomain(emailOrDomain, options)?.organization,
    byGithubOrg: (login) => matchGithubOrg(login)?.organization,
    matchName,
    matchDomain,
    matchGithubOrg,
    get,
    root: (id, asOf) => chain(id, asOf).at(-1),
    chain,
    country: (id) => get(id)?.country ?? undefined,
    lists: memberships,
    all: () => [...organizations.values()].sort((a, b) => compare(a.id, b.id)),
    record: (id) => records.get(id),
    listDefinition: (id) => lists.get(id)?.definition,
    listDefinitions: () => [...lists.values()].map((list) => list.definition).sort((a, b) => compare(a.id, b.id)),
    sources: () => [...tables.sources].sort((a, b) => compare(a.id, b.id)),
  }
}
