/**
 * AUTHORS files that state roles, any case (`AUTHORS.md`, `AUTHORS.rst`, `AUTHORS`): only list items and table rows
 * under a heading or label naming a role count, as in a README. psf/requests keeps its maintainers there
 * ("Requests Maintainers", "Previous Maintainers" in https://github.com/psf/requests/blob/main/AUTHORS.rst); a
 * plain list of authors names no role holder, and contributors ("Patches and Suggestions") hold no role.
 */
import {parseMarkdownRoles} from '../../parsers/markdown.js'
import type {GovernanceSource} from '../../types.js'

export const source: GovernanceSource = {
  id: 'authors',
  description: 'AUTHORS role lists (list items and table rows under a role heading or label)',
  place: 'repository',
  // The usual spellings only: each path asked for costs two fields per repository in the forge's query.
  paths: ['AUTHORS', 'AUTHORS.md', 'AUTHORS.rst'],
  matches: (path) => /^authors(\.(md|markdown|rst|txt))?$/i.test(path),
  parse: (file) =>
    parseMarkdownRoles(file, 'authors', {
      mode: 'lists',
      rst: /\.rst$/i.test(file.path),
      processHeadings: true,
      maintainedBy: true,
    }),
}
