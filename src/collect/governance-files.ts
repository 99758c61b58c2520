/**
 * Governance files fetched per repository: every path a repository governance source reads
 * (src/collect/governance/sources/, e.g. Kubernetes OWNERS, CNCF MAINTAINERS, GitHub CODEOWNERS in the three
 * places GitHub reads it, GOVERNANCE.md, README role lists) and the community-health files (SECURITY.md).
 * Parsing them into roles is `src/collect/governance/`'s job; here we only say what to fetch.
 */
import {externalPrefix, repositoryPaths} from './governance/index.js'

export const GOVERNANCE_PATHS: readonly string[] = repositoryPaths().sort()

/**
 * Projects that keep their maintainer files in another repository; those files are stored under
 * `external/<owner>__<repo>/<path>`. containerd: MAINTAINERS, GOVERNANCE.md and SECURITY.md live in
 * containerd/project (https://github.com/containerd/containerd/blob/main/MAINTAINERS points there).
 */
export const EXTERNAL_GOVERNANCE: Readonly<Record<string, readonly string[]>> = {
  'github.com/containerd/containerd': ['github.com/containerd/project'],
}

export {externalPrefix}
