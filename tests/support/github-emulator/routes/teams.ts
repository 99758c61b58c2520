import {loadTeams, teamMembersAnswer} from '../teams.js'
import {send} from '../http.js'
import type {Route} from './types.js'

/** `GET /orgs/{org}/teams/{team_slug}/members` from the fixtures' `teams.json` files (../teams.ts). */
export function teamsRoute(roots: string[]): Route {
  const teams = loadTeams(roots)
  return {
    name: 'teams',
    handle(ctx) {
      if (ctx.method !== 'GET') return null
      const team = teamMembersAnswer(teams, ctx.path, ctx.auth === 'token')
      return team ? send(ctx.res, team.status, team.body, ctx.req, {}, ctx.pad) : null
    },
  }
}
