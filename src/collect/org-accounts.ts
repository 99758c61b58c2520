/**
 * After profiles: the organisation accounts their company fields name as `@handle`, each fetched once per run
 * from the host the profile is on (an Enterprise Server's `@handle` is its own organisation) and shared out to
 * the projects whose profiles name it. An account that could not be read leaves the
 * project's `profiles` part incomplete (the claim it would support is unknown, not absent).
 */
import {companyHandles} from '../core/github-handle.js'
import type {CollectedProject, OrgAccount} from '../core/model.js'
import {isValidLogin, hostOfKey} from '../core/repo-name.js'
import {addMissing} from './missing.js'
import type {OrgAccountResult, SourceSession} from './types.js'

export async function collectOrgAccounts(
  session: SourceSession,
  projects: CollectedProject[],
  signal: AbortSignal,
): Promise<{incomplete: boolean; problems: string[]}> {
  if (!session.fetchOrgAccounts) return {incomplete: false, problems: []}
  const perProject = new Map<CollectedProject, {host: string; handles: string[]}>()
  const byHost = new Map<string, Set<string>>()
  for (const project of projects) {
    const handles = Object.values(project.profiles)
      .flatMap((profile) => companyHandles(profile.company))
      .filter(isValidLogin)
    if (handles.length === 0) continue
    const host = hostOfKey(project.repo)
    perProject.set(project, {host, handles: [...new Set(handles)].sort()})
    const set = byHost.get(host) ?? new Set<string>()
    for (const handle of handles) set.add(handle)
    byHost.set(host, set)
  }
  if (byHost.size === 0) return {incomplete: false, problems: []}
  const fetchedByHost = new Map<string, OrgAccountResult>()
  for (const host of [...byHost.keys()].sort())
    fetchedByHost.set(host, await session.fetchOrgAccounts([...(byHost.get(host) ?? [])].sort(), signal, host))
  for (const [project, {host, handles}] of perProject) {
    const fetched = fetchedByHost.get(host)
    if (!fetched) continue
    const failed = new Set(fetched.failed)
    const record: Record<string, OrgAccount> = {}
    for (const handle of handles) {
      const account = fetched.accounts.get(handle)
      if (account) record[handle] = account
    }
    if (Object.keys(record).length > 0) project.orgAccounts = {...project.orgAccounts, ...record}
    if (!handles.some((handle) => failed.has(handle))) continue
    addMissing(project, 'profiles')
    if (project.status === 'ok') {
      project.status = 'partial'
      project.reason = 'some organisation accounts named by profiles could not be fetched'
    }
  }
  const results = [...fetchedByHost.values()]
  return {
    incomplete: results.some((fetched) => fetched.failed.length > 0),
    problems: [...new Set(results.flatMap((fetched) => fetched.problems))],
  }
}
