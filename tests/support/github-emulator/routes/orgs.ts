import {loadOrgAccounts, orgJson} from '../accounts.js'
import {notFound, send} from '../http.js'
import type {Route} from './types.js'

/**
 * `GET /orgs/{org}`: organisation accounts from `<root>/<owner>__<repo>/org-accounts/<login>.json`, 404 for any
 * other login (as GitHub answers for a person's login).
 */
export function orgsRoute(roots: readonly string[]): Route {
  const accounts = loadOrgAccounts(roots)
  return {
    name: 'orgs',
    handle(ctx) {
      const m = ctx.method === 'GET' ? /^\/orgs\/([^/]+)$/.exec(ctx.path) : null
      if (!m) return null
      const org = orgJson(accounts, decodeURIComponent(m[1]), ctx.apiBase)
      return org ? send(ctx.res, 200, org, ctx.req, {}, ctx.pad) : send(ctx.res, 404, notFound())
    },
  }
}
