/**
 * cncf/gitdm affiliation files (`--affiliations FILE`, repeatable). A commit author is matched by exact email
 * (case-insensitive), else by the login of a GitHub noreply address, else by a known login; a role holder by
 * login. Each period of each matching block is one claim; the earliest block in gitdm order wins, and within a
 * block the last period covering the day (see ../../README.md).
 */
import type {Claim} from '../../../core/model.js'
import type {AttributionContext, EvidenceSourcePlugin, Subject} from '../../types.js'
import type {GitdmBlock} from './parse.js'

/** Periods per block stay far below this; it keeps block order first and line order second in one number. */
const LINES_PER_BLOCK = 100_000

export const source: EvidenceSourcePlugin = {
  id: 'gitdm',
  description: 'cncf/gitdm developers_affiliations files: dated employer periods per login and email',
  claims(subject, context) {
    const match = matchBlocks(subject, context)
    if (!match) return []
    const claims: Claim[] = []
    for (const block of match.blocks) {
      block.periods.forEach((period, position) => {
        const claim: Claim = {
          person: block.login.toLowerCase(),
          organization: period.company,
          source: 'gitdm',
          confidence: 'high',
          citation: `${block.file}:${period.line}`,
          method: match.method,
          rank: block.index * LINES_PER_BLOCK + (LINES_PER_BLOCK - 1 - position),
        }
        if (period.from) claim.from = period.from
        if (period.until) claim.until = period.until
        claims.push(claim)
      })
    }
    return claims
  },
  login(subject, context) {
    const first = matchBlocks(subject, context)?.blocks[0]
    return first?.login.toLowerCase()
  },
}

function matchBlocks(
  subject: Subject,
  context: AttributionContext,
): {blocks: GitdmBlock[]; method: string} | undefined {
  const index = context.gitdm
  if (!index) return undefined
  const byEmail = subject.email ? index.byEmail.get(subject.email) : undefined
  if (byEmail) return {blocks: byEmail, method: 'email'}
  const byNoreply = subject.noreplyLogin ? index.byLogin.get(subject.noreplyLogin) : undefined
  if (byNoreply) return {blocks: byNoreply, method: 'noreply-login'}
  const byLogin = subject.login ? index.byLogin.get(subject.login) : undefined
  if (byLogin) return {blocks: byLogin, method: 'login'}
  return undefined
}
