/** Commit signatures GitHub verified, as evidence about addresses (README "Forged evidence"). */

/**
 * Lower-cased address → the first commit (by sha) whose signature GitHub verified and whose committer is its
 * author: the address is then one the signing account verified.
 */
export function signedAddresses(
  commits: ReadonlyArray<{sha: string; author: {email: string}; committer: {email: string}; verified?: boolean}>,
): Map<string, string> {
  const signed = new Map<string, string>()
  for (const commit of commits) {
    if (commit.verified !== true) continue
    const email = commit.author.email.trim().toLowerCase()
    if (!email || email !== commit.committer.email.trim().toLowerCase()) continue
    const seen = signed.get(email)
    if (!seen || commit.sha < seen) signed.set(email, commit.sha)
  }
  return signed
}
