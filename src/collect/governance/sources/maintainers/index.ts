/**
 * MAINTAINERS files, any case (`MAINTAINERS`, `maintainers.md`...), Flux's CORE-MAINTAINERS, and Markdown OWNERS.md
 * (Envoy, Rook, Crossplane): every line counts, people default to maintainers, headings and labels give roles.
 * Docker/Moby TOML MAINTAINERS (`[Org.<group>]` people, `[people.<key>]` GitHub logins) have their own reader.
 */
import {isDockerToml, parseDockerToml} from '../../parsers/docker-toml.js'
import {parseMarkdownRoles} from '../../parsers/markdown.js'
import {parseMaintainersText} from '../../parsers/text.js'
import {caseVariants} from '../../paths.js'
import type {GovernanceSource} from '../../types.js'

const NAME = /^(maintainers|core-maintainers|committers)(\.(md|markdown|txt))?$/i
const MARKDOWN = /\.(md|markdown)$/i

export const source: GovernanceSource = {
  id: 'maintainers',
  description: 'MAINTAINERS (plain, CSV rows, Markdown tables and lists), CORE-MAINTAINERS, OWNERS.md',
  place: 'repository',
  paths: caseVariants(['MAINTAINERS', 'MAINTAINERS.md', 'CORE-MAINTAINERS', 'OWNERS.md']),
  matches: (path) => NAME.test(path) || /^owners\.(md|markdown)$/i.test(path),
  parse(file) {
    if (isDockerToml(file.content)) return parseDockerToml(file, 'maintainers')
    return MARKDOWN.test(file.path)
      ? parseMarkdownRoles(file, 'maintainers', {mode: 'every-line'})
      : parseMaintainersText(file, 'maintainers')
  },
}
