/**
 * README role lists, any case (`README.md`, `Readme.md`): only list items and table rows under a label or heading
 * naming a role count ("- Approvers (@org/team):" then "- [Name](https://github.com/login), Company"); the
 * OpenTelemetry collector keeps its maintainers there.
 */
import {parseMarkdownRoles} from '../../parsers/markdown.js'
import {caseVariants} from '../../paths.js'
import type {GovernanceSource} from '../../types.js'

export const source: GovernanceSource = {
  id: 'readme',
  description: 'README role lists (list items and table rows under a role label or heading)',
  place: 'repository',
  paths: caseVariants(['README.md']),
  matches: (path) => /^readme(\.(md|markdown))?$/i.test(path),
  parse: (file) => parseMarkdownRoles(file, 'readme', {mode: 'lists'}),
}
