/**
 * CODEOWNERS: GitHub reads the first of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS` and ignores the
 * others (https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners),
 * so only that one is read. `@org/team` owners are teams, kept apart from people.
 */
import {parseCodeowners} from '../../parsers/codeowners.js'
import {root} from '../../paths.js'
import type {GovernanceSource} from '../../types.js'

const PLACES = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS']

export const source: GovernanceSource = {
  id: 'codeowners',
  description: 'the CODEOWNERS file GitHub uses (.github/, root, docs/): individuals per pattern, teams apart',
  place: 'repository',
  paths: PLACES,
  matches: (path) => PLACES.includes(path),
  parse(file, context) {
    const base = root(file.path)
    const effective = PLACES.map((place) => base + place).find((path) => context.files.some((f) => f.path === path))
    return effective === file.path ? parseCodeowners(file, 'codeowners') : {roles: [], teams: [], problems: []}
  },
}
