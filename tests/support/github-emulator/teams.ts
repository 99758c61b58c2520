import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'

/**
 * GitHub teams for `GET /orgs/{org}/teams/{team_slug}/members`
 * (https://docs.github.com/en/rest/teams/members#list-team-members), from `teams.json` files in fixture repository
 * folders: `{"org/team": ["login", ...]}`; `null` is a team the token cannot see (secret team, no org membership):
 * GitHub answers 404, as it does to anonymous callers.
 */
export type Teams = Map<string, string[] | null>

export function loadTeams(roots: string[]): Teams {
  const teams: Teams = new Map()
  for (const root of roots) {
    for (const folder of readdirSync(root).sort()) {
      const file = join(root, folder, 'teams.json')
      if (!statSync(join(root, folder)).isDirectory() || !existsSync(file)) continue
      const listed = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string[] | null>
      for (const [team, members] of Object.entries(listed)) teams.set(team.toLowerCase(), members)
    }
  }
  return teams
}

/** The answer to a team members request, or undefined when the path is not one. */
export function teamMembersAnswer(
  teams: Teams,
  path: string,
  authenticated: boolean,
): {status: number; body: unknown} | undefined {
  const m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/members$/.exec(path)
  if (!m) return undefined
  const members = teams.get(`${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}`.toLowerCase())
  if (!authenticated || !members) return {status: 404, body: {message: 'Not Found'}}
  return {status: 200, body: members.map((login) => ({login, type: 'User'}))}
}
