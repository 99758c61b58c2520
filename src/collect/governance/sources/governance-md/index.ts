/**
 * GOVERNANCE.md sections that list role holders ("## Maintainers" followed by a table or a list), any case.
 * Governance prose mostly describes how roles work: headings about a process ("Becoming a Maintainer", "Adding
 * maintainers", "Expectations from Maintainers") name nobody, and only list items and table rows count.
 */
import {parseMarkdownRoles} from '../../parsers/markdown.js'
import {caseVariants} from '../../paths.js'
import type {GovernanceSource} from '../../types.js'

export const source: GovernanceSource = {
  id: 'governance-md',
  description: 'GOVERNANCE.md sections listing maintainers (tables and lists under a role heading)',
  place: 'repository',
  paths: caseVariants(['GOVERNANCE.md']),
  matches: (path) => /^governance(\.(md|markdown))?$/i.test(path),
  parse: (file) => parseMarkdownRoles(file, 'governance-md', {mode: 'lists', processHeadings: true}),
}
