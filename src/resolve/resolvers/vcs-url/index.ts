import {PackageURL} from 'packageurl-js'
import {vcsUrlRepository} from '../../../core/repo-url.js'
import type {Component} from '../../../core/model.js'
import type {Outcome, Resolver} from '../../types.js'

/**
 * A package (or a Helm chart: helmfile's `git::` charts) installed straight from a repository says which: its purl's
 * `vcs_url` qualifier (https://github.com/package-url/purl-spec, `vcs_url=git+https://github.com/o/r.git@ref`), written by the
 * formats for pip VCS requirements, Cargo git sources, pnpm git dependencies and pubspec git packages. On a
 * known forge (GitHub, GitLab, Bitbucket, Codeberg, Gitee) that repository is the answer, with no request, ranked
 * with what inputs state, before any registry: a registry's package of the same name may be another project (the
 * fork is what is installed). Other hosts stay unresolved: the registries are not asked either (../../support.ts
 * otherSource), as their package of that name is not what is installed.
 */
export const resolver: Resolver = {
  id: 'vcs-url',
  description: 'Packages installed from a repository (purl vcs_url on a known forge)',
  provenance: 'vcs-url',
  kind: 'stated',
  handles: (c) => (c.kind === 'package' || c.kind === 'chart') && c.purl?.includes('vcs_url=') === true,
  resolve: async (components) => components.map(resolveOne),
}

function resolveOne(component: Component): Outcome {
  const url = vcsUrl(component.purl)
  const repo = url === undefined ? undefined : vcsUrlRepository(url)
  if (!repo)
    return {status: 'miss', reason: 'no-repository', detail: `${component.name}: vcs_url is not on a known forge`}
  return {
    status: 'resolved',
    repo: repo.repo,
    ...(repo.directory ? {directory: repo.directory} : {}),
    confidence: 'high',
    evidence: `installed from ${url}`,
  }
}

function vcsUrl(purl: string | undefined): string | undefined {
  if (!purl) return undefined
  try {
    return PackageURL.fromString(purl).qualifiers?.vcs_url ?? undefined
  } catch {
    return undefined
  }
}
