/**
 * Organisation accounts named as `@handle` in profiles' company fields (`GET /orgs/{org}`): whether the handle
 * is an organisation at all, and the organisation's own name, website and verified-domain badge. A 404 is an
 * answer (a person's login, or nothing), cached like any other; other failures are reported per handle.
 */
import type {OrgAccount} from '../../../core/model.js'
import type {StewardsOctokit} from '../../octokit/client.js'
import {getPage} from './http.js'
import {OrgResponse} from './schema.js'

export interface OrgAccountFailure {
  logins: string[]
  error: unknown
}

/** `handles`: lower-case, valid logins. The result is keyed by lower-case login. */
export async function fetchOrgAccounts(
  client: StewardsOctokit,
  handles: readonly string[],
  signal: AbortSignal,
): Promise<{accounts: Map<string, OrgAccount>; failed: OrgAccountFailure[]}> {
  const accounts = new Map<string, OrgAccount>()
  const failed: OrgAccountFailure[] = []
  for (const handle of [...handles].sort()) {
    try {
      const {data} = await getPage(client, 'GET /orgs/{org}', {org: handle}, OrgResponse, signal)
      accounts.set(handle, {
        login: data.login,
        organization: true,
        name: blankToNull(data.name),
        blog: blankToNull(data.blog),
        isVerified: data.is_verified ?? null,
      })
    } catch (error) {
      if ((error as {status?: number}).status === 404) accounts.set(handle, {login: handle, organization: false})
      else failed.push({logins: [handle], error})
    }
  }
  return {accounts, failed}
}

function blankToNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value
}
