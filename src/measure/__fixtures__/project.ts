import type {
  AttributedCommit,
  AttributedProject,
  AttributedRoleHolder,
  CollectedProject,
  ListMembership,
  Organization,
  Role,
} from '../../core/model.js'
import type {EntityLookup, MeasureInput} from '../types.js'

/** Fictional data for metric tests: organisations on example domains, a 2024 window. */
export const WINDOW = {since: '2024-01-01T00:00:00Z', until: '2025-01-01T00:00:00Z'}

/** [person, organisation or null, author date, bot?] → an attributed commit with a gitdm-style claim. */
export type CommitRow = [string, string | null, string, boolean?]

export function commits(rows: CommitRow[], entityIds: Record<string, string> = {}): AttributedCommit[] {
  return rows.map(([person, organization, date, bot], i) => ({
    sha: `c${String(i).padStart(3, '0')}`,
    person,
    date,
    bot: bot ?? false,
    attribution: {
      organization,
      entityId: organization ? (entityIds[organization] ?? null) : null,
      ...(organization
        ? {
            claim: {
              person,
              organization,
              source: 'gitdm' as const,
              confidence: 'high' as const,
              citation: `affiliations.txt:${i + 1}`,
            },
          }
        : {}),
    },
  }))
}

/** [login, role, organisation or null] → a role holder named by a governance file. */
export type RoleRow = [string, Role, string | null]

export function roles(rows: RoleRow[], entityIds: Record<string, string> = {}): AttributedRoleHolder[] {
  return rows.map(([login, role, organization]) => ({
    login,
    role,
    source: role === 'maintainer' ? 'MAINTAINERS.md' : 'OWNERS',
    attribution: {
      organization,
      entityId: organization ? (entityIds[organization] ?? null) : null,
      ...(organization
        ? {claim: {person: login, organization, source: 'gitdm' as const, confidence: 'high' as const, citation: `gitdm:${login}`}}
        : {}),
    },
  }))
}

export function collected(overrides: Partial<CollectedProject> = {}): CollectedProject {
  return {
    repo: 'github.com/example/widget',
    source: 'snapshot',
    status: 'ok',
    window: WINDOW,
    commits: [],
    governance: [],
    profiles: {},
    ...overrides,
  }
}

export function input(parts: {
  commits?: AttributedCommit[]
  roles?: AttributedRoleHolder[]
  project?: Partial<CollectedProject>
  entities?: EntityLookup
  lists?: string[]
  bots?: Record<string, number>
}): MeasureInput {
  const attributed: AttributedProject = {
    repo: 'github.com/example/widget',
    commits: parts.commits ?? [],
    roles: parts.roles ?? [],
    bots: parts.bots ?? {},
  }
  return {project: collected(parts.project), attributed, entities: parts.entities, lists: parts.lists}
}

/** A literal entity table: id → organisation, with lists dated like the shared data. */
export function entityTable(orgs: Organization[]): EntityLookup {
  const byId = new Map(orgs.map((o) => [o.id, o]))
  const root = (id: string): Organization | undefined => {
    let org = byId.get(id)
    const seen = new Set<string>()
    while (org?.parent && byId.has(org.parent) && !seen.has(org.id)) {
      seen.add(org.id)
      org = byId.get(org.parent)
    }
    return org
  }
  return {
    root,
    country: (id) => byId.get(id)?.country ?? null,
    lists(id, asOf) {
      const own = byId.get(id)?.lists ?? []
      const top = root(id)
      const inherited = top && top.id !== id ? top.lists : []
      return [...own, ...inherited].filter((m: ListMembership) => !asOf || !m.since || m.since <= asOf)
    },
  }
}

export function org(id: string, name: string, extra: Partial<Organization> = {}): Organization {
  return {id, name, aliases: [], domains: [], githubOrgs: [], lists: [], ...extra}
}
