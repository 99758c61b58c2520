import type {GovernanceFile} from '../../../core/model.js'
import type {MetricFamily} from '../../types.js'

/**
 * Repository facts. Where GitHub looks for each file: the root, `.github/` and `docs/`
 * (https://docs.github.com/en/code-security/getting-started/adding-a-security-policy-to-your-repository,
 * https://docs.github.com/en/repositories/managing-your-repositorys-settings-and-features/customizing-your-repository/about-code-owners);
 * files the collector copied from another repository of the project live under `external/<owner>__<repo>/`.
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
      description: 'A SECURITY file in the root, .github/ or docs/ (or the project repository).',
      builtOn: ['governance'],
    },
    {key: 'has_governance_file', type: 'flag', description: 'A GOVERNANCE file.', builtOn: ['governance']},
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
      key: 'license',
      type: 'name',
      description: "SPDX id of the repository's licence as the forge reports it; null when none or not reported.",
    },
  ],
  measure(base) {
    const facts = base.input.project.facts
    const files = base.input.project.governance
    return {
      archived: facts ? facts.archived : null,
      fork: facts ? facts.fork : null,
      has_security_policy: files.some((f) => matches(f, SECURITY)),
      has_governance_file: files.some((f) => matches(f, GOVERNANCE)),
      has_codeowners: files.some((f) => matches(f, CODEOWNERS)),
      has_maintainers_file: files.some((f) => matches(f, MAINTAINERS)),
      license: facts?.license ?? null,
    }
  },
}

/** A file in one of the places GitHub reads, in this repository or a project-level one copied under external/. */
function matches(file: GovernanceFile, name: RegExp): boolean {
  const parts = file.path.split('/')
  const rest = parts[0] === 'external' && parts.length >= 3 ? parts.slice(2) : parts
  const base = rest[rest.length - 1]
  const dir = rest.slice(0, -1).join('/').toLowerCase()
  return name.test(base) && (dir === '' || dir === '.github' || dir === 'docs')
}
