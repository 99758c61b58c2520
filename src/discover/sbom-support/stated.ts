/**
 * The upstream repository an SBOM states for an entry. Candidates are tried in the order the format gives them;
 * the first that names a repository wins:
 * - declared source repositories (CycloneDX `externalReferences` of type `vcs`, SPDX 2 `externalRefs` or SPDX 3
 *   `externalRef` of type `vcs`, an SPDX VCS locator such as `git+https://host/o/r.git@v1#dir`): any git host;
 * - web addresses (SPDX `downloadLocation` archives, `homepage`): only on a known forge (github.com, gitlab.com,
 *   bitbucket.org, codeberg.org, gitee.com), as core/repo-url.ts decides for home pages;
 * - a `pkg:github` or `pkg:bitbucket` purl names its repository itself.
 * The URL is kept as written (the resolver normalises it again), less an SPDX locator's revision and sub-path.
 */
import {PackageURL} from 'packageurl-js'
import type {StatedRepository} from '../../core/model.js'
import {isValidOwner, isValidRepoName} from '../../core/repo-name.js'
import {normaliseRepoUrl} from '../../core/repo-url.js'

export interface StatedCandidate {
  url: unknown
  field: string
  /** A declared source repository: any git host is accepted. */
  vcs: boolean
}

/** SPDX's NONE / NOASSERTION, and anything too long to be a URL. */
function usable(url: unknown): url is string {
  return typeof url === 'string' && url.length <= 2048 && !/^(NONE|NOASSERTION)$/i.test(url.trim()) && url.trim() !== ''
}

export function statedRepository(candidates: readonly StatedCandidate[]): StatedRepository | undefined {
  for (const candidate of candidates) {
    if (!usable(candidate.url)) continue
    const url = vcsLocator(candidate.url.trim())
    if (normaliseRepoUrl(url, {vcs: candidate.vcs})) return {url, field: candidate.field}
  }
  return undefined
}

/**
 * SPDX VCS locators (SPDX 2.3 §7.7: `<vcs_tool>+<transport>://<host>[/<path>][@<revision>][#<sub_path>]`): the
 * revision and the sub-path go (the repository is what is collected); a user before the host stays. Other URLs
 * as given.
 */
function vcsLocator(url: string): string {
  // A user before the host (`git+ssh://git@github.com/o/r.git@v2.0`) is part of the repository; the revision is
  // the `@` after the path.
  const match = /^(git\+[a-z+]+:\/\/(?:[^/@#]+@)?[^#@]+?)(?:@[^/#]+)?(?:#.*)?$/i.exec(url)
  return match ? match[1] : url
}

/** `pkg:github/owner/repo@v1` → `https://github.com/owner/repo`; other purls say nothing of a repository. */
export function purlRepository(purl: string | undefined): StatedCandidate | undefined {
  if (!purl || purl.length > 2048) return undefined
  // Most purls name another type: not parsed at all (a type is written as is, or percent-encoded).
  if (!/github|bitbucket|%/i.test(purl)) return undefined
  try {
    const parsed = PackageURL.fromString(purl)
    const host = parsed.type === 'github' ? 'github.com' : parsed.type === 'bitbucket' ? 'bitbucket.org' : undefined
    if (!host || !parsed.namespace) return undefined
    // Decoded, `..%2F..%2Fetc` is a path: a URL made of it would name another repository once normalised.
    if (!isValidOwner(parsed.namespace) || !isValidRepoName(parsed.name)) return undefined
    return {url: `https://${host}/${parsed.namespace}/${parsed.name}`, field: 'purl', vcs: true}
  } catch {
    return undefined
  }
}
