/**
 * A Markdown file of the repository a README says maintains it, reached only through that link (../pointer): "This
 * webpack repository is maintained by the [`Core Working Group`](./WORKING_GROUP.md)" (webpack/webpack). Never asked
 * for (no paths: a path asked for costs fields in every repository's query), read where a README links it. Its
 * "Members" are the group the README says maintains the repository: maintainers ("Emeritus Members" emeritus); only
 * list items and table rows under a heading or label count, as in a README; headings about a process name nobody.
 */
import {parseMarkdownRoles} from '../../parsers/markdown.js'
import {isGroupFile} from '../../paths.js'
import type {GovernanceSource} from '../../types.js'

export const source: GovernanceSource = {
  id: 'linked',
  description: 'a Markdown file a README says maintains the repository (WORKING_GROUP.md, TEAM.md), through its link',
  place: 'repository',
  paths: [],
  // Never where found (a vendored `vendor/.../MAINTAINERS.md` is another project's): only through the README's link.
  matches: () => false,
  pointedFrom: (path) => isGroupFile(path.slice(path.lastIndexOf('/') + 1)),
  parse: (file) => parseMarkdownRoles(file, 'linked', {mode: 'lists', processHeadings: true, members: 'maintainer'}),
}
