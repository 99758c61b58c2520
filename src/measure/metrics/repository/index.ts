import type {GovernanceFile, GovernancePlace} from '../../../core/model.js'
import type {MetricFamily} from '../../types.js'

/**
 * Repository facts. Where GitHub looks for each file: the root, `.github/` and `docs/`
 * (https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository,
 * https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners);
 * files the collector copied from another repository of the project live under `external/<owner>__<repo>/`.
 * SECURITY.md and GOVERNANCE.md are community-health files: GitHub shows the ones of the organisation's `.github`
 * repository on every repository that has none
 * (https://docs.github.com/en/communities/setting-up-your-project-for-healthy-contributions/creating-a-default-community-health-file).
 */
const SECURITY = /^security(\.(md|markdown|rst|txt|adoc))?$/i
const GOVERNANCE = /^governance(\.(md|markdown|rst|txt|adoc))?$/i
const MAINTAINERS = /^(maintainers|owners|committers)(\.(md|markdown|rst|txt|adoc|ya?ml))?$/i
const CODEOWNERS = /^codeowners$/i

export const family: MetricFamily = {
  id: 'repository',
  description: 'Archived, fork, security policy, governance file, CODEOWNERS, maintainers file, licence.',
  builtOn: ['facts'],
  keys: [
    {
      key: 'archived',
      type: 'flag',
      description: 'The forge marks the repository archived (read-only); null when not reported.',
    },
    {key: 'fork', type: 'flag', description: 'The repository is a fork; null when not reported.'},
    {
      key: 'has_security_policy',
      type: 'flag',
      description:
        "A SECURITY file in the root, .github/ or docs/ of the repository or the project repository, or the organisation's default in its .github repository.",
      builtOn: ['governance'],
    },
    {
      key: 'security_policy_source',
      type: 'name',
      description:
        "Where the security policy was found: repository, project repository, organisation .github (GitHub's default for repositories without one); null when none.",
      builtOn: ['governance'],
    },
    {
      key: 'has_governance_file',
      type: 'flag',
      description: "A GOVERNANCE file (the organisation's .github default counts).",
      builtOn: ['governance'],
    },
    {
      key: 'has_codeowners',
      type: 'flag',
      description: 'A CODEOWNERS file in the root, .github/ or docs/.',
      builtOn: ['governance'],
    },
    {
      key: 'has_maintainers_file',
      type: 'flag',
      description: 'A MAINTAINERS, OWNERS or COMMITTERS file.',
      builtOn: ['governance'],
    },
    {
      key: 'governance_places_searched',
      type: 'names',
      description:
        'Where governance files were looked for, as `place: github.com/owner/repo` (repository, project, pointer, organisation, foundation), in search order.',
      builtOn: ['governance'],
    },
    {
      key: 'license',
      type: 'name',
      description: "SPDX id of the repository's licence as the forge reports it; null when none or not reported.",
    },
  ],
  measure(base) {
    const project = base.input.project
    const facts = project.facts
    const files = project.governance
    const security = securityPolicySource(files)
    return {
      archived: facts ? facts.archived : null,
      fork: facts ? facts.fork : null,
      has_security_policy: security !== null,
      security_policy_source: security,
      has_governance_file: files.some((f) => (ownFile(f) || healthDefault(f)) && matches(f, GOVERNANCE)),
      has_codeowners: files.some((f) => ownFile(f) && matches(f, CODEOWNERS)),
      has_maintainers_file: files.some((f) => (ownFile(f) || placeOf(f) === 'pointer') && matches(f, MAINTAINERS)),
      governance_places_searched: (project.searched ?? [{place: 'repository', repo: project.repo}]).map(
        (s) => `${s.place}: ${s.repo}${s.unread ? ' (not read)' : ''}`,
      ),
      license: facts?.license ?? null,
    }
  },
}

function securityPolicySource(files: readonly GovernanceFile[]): string | null {
  const found = (test: (f: GovernanceFile) => boolean) => files.some((f) => test(f) && matches(f, SECURITY))
  if (found((f) => placeOf(f) === 'repository')) return 'repository'
  if (found((f) => placeOf(f) === 'project')) return 'project repository'
  if (found(healthDefault)) return 'organisation .github'
  return null
}

function placeOf(file: GovernanceFile): GovernancePlace {
  return file.origin?.place ?? (file.path.startsWith('external/') ? 'project' : 'repository')
}

/** The repository's own file, or one of another repository of the same project. */
function ownFile(file: GovernanceFile): boolean {
  const place = placeOf(file)
  return place === 'repository' || place === 'project'
}

/** A community-health default: a file of the organisation's `.github` repository. */
function healthDefault(file: GovernanceFile): boolean {
  return placeOf(file) === 'organisation' && /\/\.github$/i.test(file.origin?.repo ?? '')
}

/** A file in one of the places GitHub reads, in this repository or a project-level one copied under external/. */
function matches(file: GovernanceFile, name: RegExp): boolean {
  const parts = file.path.split('/')
  const rest = parts[0] === 'external' && parts.length >= 3 ? parts.slice(2) : parts
  const base = rest[rest.length - 1]
  const dir = rest.slice(0, -1).join('/').toLowerCase()
  return name.test(base) && (dir === '' || dir === '.github' || dir === 'docs')
}
