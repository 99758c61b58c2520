/**
 * After profiles: the organisation accounts their company fields name as `@handle`, each fetched once per run
 * and shared out to the projects whose profiles name it. An account that could not be read leaves the
 * project's `profiles` part incomplete (the claim it would support is unknown, not absent).
 */
import {companyHandles} from '../core/github-handle.js'
import type {CollectedProject, OrgAccount} from '../core/model.js'
import {isValidLogin} from '../core/repo-name.js'
import {addMissing} from './missing.js'
import type {SourceSession} from './types.js'

export async function collectOrgAccounts(
  session: SourceSession,
  projects: CollectedProject[],
  signal: AbortSignal,
): Promise<{incomplete: boolean; problems: string[]}> {
  if (!session.fetchOrgAccounts) return {incomplete: false, problems: []}
  const perProject = new Map<CollectedProject, string[]>()
  const all = new Set<string>()
  for (const project of projects) {
    const handles = Object.values(project.profiles)
      .flatMap((profile) => companyHandles(profile.company))
      .filter(isValidLogin)
    if (handles.length === 0) continue
    perProject.set(project, [...new Set(handles)].sort())
    for (const handle of handles) all.add(handle)
  }
  if (all.size === 0) return {incomplete: false, problems: []}
  const fetched = await session.fetchOrgAccounts([...all].sort(), signal)
  const failed = new Set(fetched.failed)
  for (const [project, handles] of perProject) {
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
  return {incomplete: fetched.failed.length > 0, problems: fetched.problems}
}
