/**
 * Team pages of documentation sites, from the data module the page is built from (VitePress team pages,
 * https://vitepress.dev/reference/default-theme-team-page): vitejs/vite `docs/_data/team.js`, vitest-dev/vitest (and
 * unocss, reka-ui, feathers) `docs/.vitepress/contributors.ts`. The module is read, never run
 * (../../parsers/team-data.ts): core team members are maintainers, emeriti emeritus, with the `org` the file states.
 */
import {parseTeamData} from '../../parsers/team-data.js'
import type {GovernanceSource} from '../../types.js'

// The paths where the projects seen keep them, as spelled: each path asked for costs two fields per repository in
// the forge's query, so a path is added when a project is seen using it.
const PATHS = ['docs/_data/team.js', 'docs/.vitepress/contributors.ts'] as const

export const source: GovernanceSource = {
  id: 'team-page',
  description: 'VitePress team page data (docs/_data/team.js, docs/.vitepress/contributors.ts): core team members',
  place: 'repository',
  paths: PATHS,
  matches: (path) => PATHS.some((p) => p === path.toLowerCase()),
  parse: (file) => parseTeamData(file, 'team-page'),
}
