/**
 * Kubernetes-style OWNERS at the top of a repository, with the OWNERS_ALIASES beside it
 * (https://www.kubernetes.dev/docs/guide/owners/). The names are the ones Prow reads: exact spelling.
 */
import {parseOwners, parseOwnersAliases} from '../../parsers/owners.js'
import type {GovernanceSource} from '../../types.js'

export const source: GovernanceSource = {
  id: 'owners',
  description:
    'OWNERS (+ OWNERS_ALIASES): owners, approvers, reviewers, emeritus, the maintainers and triage of Helm; anchors and aliases resolved',
  place: 'repository',
  paths: ['OWNERS', 'OWNERS_ALIASES'],
  matches: (path) => path === 'OWNERS',
  parse(file, context) {
    const problems: ReturnType<typeof parseOwners>['problems'] = []
    const aliasesPath = file.path.replace(/OWNERS$/, 'OWNERS_ALIASES')
    const aliasesFile = context.files.find((f) => f.path === aliasesPath)
    const aliases = aliasesFile ? parseOwnersAliases(aliasesFile, problems) : new Map()
    const parsed = parseOwners(file, aliases, 'owners')
    return {...parsed, problems: [...problems, ...parsed.problems]}
  },
}
