/**
 * Team pages of documentation sites, from the data module the page is built from (VitePress team pages,
 * https://vitepress.dev/reference/default-theme-team-page): vitejs/vite `docs/_data/team.js`, vitest-dev/vitest (and
 * unocss, reka-ui, feathers) `docs/.vitepress/contributors.ts`. The module is read, never run
 * (../../parsers/team-data.ts): core team members are maintainers, emeriti emeritus, with the `org` the file states.
 * fastapi/fastapi keeps its team page's members as YAML, `docs/en/data/members.yml`, pydantic/pydantic its people page's
 * `maintainers` in `docs/plugins/people.yml` (../../parsers/team-yaml.ts).
 */
import {parseTeamData} from '../../parsers/team-data.js'
import {parseTeamYaml} from '../../parsers/team-yaml.js'
import type {GovernanceSource} from '../../types.js'

// The paths where the projects seen keep them, as spelled: each path asked for costs two fields per repository in
// the forge's query, so a path is added when a project is seen using it.
const PATHS = [
  'docs/_data/team.js',
  'docs/.vitepress/contributors.ts',
  'docs/en/data/members.yml',
  'docs/plugins/people.yml',
] as const

export const source: GovernanceSource = {
  id: 'team-page',
  description:
    'Documentation team page data (VitePress docs/_data/team.js, docs/.vitepress/contributors.ts; docs/en/data/members.yml, docs/plugins/people.yml): core team members',
  place: 'repository',
  paths: PATHS,
  matches: (path) => PATHS.some((p) => p === path.toLowerCase()),
  wholeLinesOnly: true,
  parse: (file) => (/\.ya?ml$/i.test(file.path) ? parseTeamYaml(file, 'team-page') : parseTeamData(file, 'team-page')),
}
