/**
 * What vouches for a commit address (issue "Evidence that anyone can forge is marked so"):
 * - `commit-signature`: GitHub verified the signature of a commit the address authored and committed itself.
 *   GitHub checks the committer address against the signing key's identities and the account's verified
 *   e-mails (https://docs.github.com/en/authentication/troubleshooting-commit-signature-verification/using-a-verified-email-address-in-your-gpg-key),
 *   so the address belongs to a GitHub account that proved it. A web-flow signature (GitHub signing as
 *   committer) says nothing about the author's address and does not count.
 * - `public-email`: the address is the public profile e-mail of the GitHub account the commit is linked to.
 * - `affiliation-file`: a gitdm file or the user's overrides list the exact address.
 * Local git has no signatures checked by GitHub and no profiles: only affiliation files vouch there.
 */
import type {ClaimVerification, Voucher} from '../../../core/model.js'
import {findProfile} from '../../profiles.js'
import type {AttributionContext, ProjectEvidence, Subject} from '../../types.js'

export function verification(
  subject: Subject,
  context: AttributionContext,
  evidence: ProjectEvidence,
): ClaimVerification {
  const email = subject.email ?? ''
  const vouchedBy: Voucher[] = []
  const signed = evidence.signed.get(email)
  if (signed) vouchedBy.push({kind: 'commit-signature', citation: `commit ${signed} (signature verified by GitHub)`})
  const login = subject.login ?? subject.noreplyLogin
  const profile = login ? findProfile(evidence.project.profiles, login) : undefined
  if (profile?.email && profile.email.trim().toLowerCase() === email)
    vouchedBy.push({kind: 'public-email', citation: `public e-mail of the GitHub profile of ${profile.login}`})
  const block = context.gitdm?.byEmail.get(email)?.[0]
  if (block) vouchedBy.push({kind: 'affiliation-file', citation: `${block.file}:${block.line}`})
  const override = context.overrides.find((entry) => entry.email === email)
  if (override) vouchedBy.push({kind: 'affiliation-file', citation: override.citation})
  return vouchedBy.length > 0 ? {status: 'verified', vouchedBy} : {status: 'unverified'}
}
