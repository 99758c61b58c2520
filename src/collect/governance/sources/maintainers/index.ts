/**
 * MAINTAINERS files, any case (`MAINTAINERS`, `maintainers.md`...), Flux's CORE-MAINTAINERS, and Markdown OWNERS.md
 * (Envoy, Rook, Crossplane): every line counts, people default to maintainers, headings and labels give roles.
 * reStructuredText MAINTAINERS.rst (lists, grid tables, list-tables, `` `Name`_ `` references to profile links) is read
 * as the Markdown files are, with reStructuredText's syntax (../../parsers/rst.ts).
 * Docker/Moby TOML MAINTAINERS (`[Org.<group>]` people, `[people.<key>]` GitHub logins) have their own reader.
 */
import {isDockerToml, parseDockerToml} from '../../parsers/docker-toml.js'
import {parseMarkdownRoles} from '../../parsers/markdown.js'
import {parseMaintainersText} from '../../parsers/text.js'
import {caseVariants} from '../../paths.js'
import type {GovernanceSource} from '../../types.js'

const NAME = /^(maintainers|core-maintainers|committers)(\.(md|markdown|txt|rst))?$/i
/** `docs/MAINTAINERS.md`, beside the project's other documents (hyperium/hyper: "The People", GOVERNANCE.md beside it). */
const IN_DOCS = /^docs\/maintainers\.(md|markdown)$/i
const MARKDOWN = /\.(md|markdown)$/i
const RST = /\.rst$/i

export const source: GovernanceSource = {
  id: 'maintainers',
  description:
    'MAINTAINERS (plain, CSV rows, Markdown or reStructuredText tables and lists), CORE-MAINTAINERS, OWNERS.md',
  place: 'repository',
  // MAINTAINERS.rst and docs/MAINTAINERS.md as they are spelled (Python and Sphinx projects, cilium/cilium, hyperledger;
  // hyperium/hyper): each path asked for costs two fields per repository in the forge's query.
  paths: [
    ...caseVariants(['MAINTAINERS', 'MAINTAINERS.md', 'CORE-MAINTAINERS', 'OWNERS.md']),
    'MAINTAINERS.rst',
    'docs/MAINTAINERS.md',
  ],
  matches: (path) => NAME.test(path) || IN_DOCS.test(path) || /^owners\.(md|markdown)$/i.test(path),
  parse(file) {
    if (isDockerToml(file.content)) return parseDockerToml(file, 'maintainers')
    if (RST.test(file.path)) return parseMarkdownRoles(file, 'maintainers', {mode: 'every-line', rst: true})
    return MARKDOWN.test(file.path)
      ? parseMarkdownRoles(file, 'maintainers', {mode: 'every-line'})
      : parseMaintainersText(file, 'maintainers')
  },
}
