/**
 * Governance files fetched per repository (where projects keep their role lists: Kubernetes OWNERS,
 * CNCF MAINTAINERS, GitHub CODEOWNERS in the three places GitHub reads it, security contacts).
 * Parsing them into roles is `src/collect/governance/`'s job; here we only fetch them.
 */
export const GOVERNANCE_PATHS = [
  'OWNERS',
  'OWNERS_ALIASES',
  'MAINTAINERS',
  'MAINTAINERS.md',
  'CODEOWNERS',
  '.github/CODEOWNERS',
  'docs/CODEOWNERS',
  'GOVERNANCE.md',
  'SECURITY.md',
  '.github/SECURITY.md',
  'docs/SECURITY.md',
  'SECURITY_CONTACTS',
  'README.md',
] as const

/**
 * Projects that keep their maintainer files in another repository; those files are stored under
 * `external/<owner>__<repo>/<path>`. containerd: MAINTAINERS, GOVERNANCE.md and SECURITY.md live in
 * containerd/project (https://github.com/containerd/containerd/blob/main/MAINTAINERS points there).
 */
export const EXTERNAL_GOVERNANCE: Readonly<Record<string, readonly string[]>> = {
  'github.com/containerd/containerd': ['github.com/containerd/project'],
}

export function externalPrefix(owner: string, name: string): string {
  return `external/${owner}__${name}/`
}
