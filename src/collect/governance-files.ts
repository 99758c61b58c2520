import {parse} from 'yaml'
import type {GovernanceFile} from '../core/model.js'
import {isValidLogin} from './repo-name.js'

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

/**
 * Logins named in governance files, found cheaply (a profile fetch is all they drive): OWNERS lists with
 * OWNERS_ALIASES expanded, `@login` mentions (not `@org/team`, not e-mail addresses), `github.com/login`
 * links and CSV first fields in MAINTAINERS and README files, and SECURITY_CONTACTS lines. Lower-case, sorted, unique.
 */
export function governanceLogins(files: readonly GovernanceFile[]): string[] {
  const found = new Set<string>()
  const aliases = new Map<string, string[]>()
  for (const file of files.filter((f) => baseName(f.path) === 'OWNERS_ALIASES')) {
    const doc = safeYaml(file.content) as {aliases?: Record<string, unknown>} | null
    for (const [alias, members] of Object.entries(doc?.aliases ?? {})) aliases.set(alias.toLowerCase(), strings(members))
  }
  const add = (login: string) => {
    for (const member of aliases.get(login.toLowerCase()) ?? [login]) if (isValidLogin(member)) found.add(member.toLowerCase())
  }
  for (const file of files) {
    const base = baseName(file.path)
    if (base === 'OWNERS') {
      for (const login of ownersEntries(safeYaml(file.content))) add(login)
      continue
    }
    if (base === 'SECURITY_CONTACTS') {
      for (const line of file.content.split('\n')) if (/^\s*[A-Za-z0-9-]+\s*$/.test(line)) add(line.trim())
    }
    for (const match of file.content.matchAll(/(?<![\w.+-])@([A-Za-z0-9][A-Za-z0-9-]{0,38})(?![\w/.-]*[\w/])/g)) add(match[1])
    if (base === 'MAINTAINERS') {
      // containerd's CSV: "login","Name","email","GPG fingerprint"
      for (const match of file.content.matchAll(/^"([^"]+)",/gm)) add(match[1])
    }
    if (/^(MAINTAINERS|README)/.test(base)) {
      for (const match of file.content.matchAll(/github\.com\/([A-Za-z0-9][A-Za-z0-9-]{0,38})(?=[\s)>"'\]]|$)/g)) add(match[1])
    }
  }
  return [...found].sort()
}

function ownersEntries(doc: unknown): string[] {
  const out: string[] = []
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node)) {
      if (/^(approvers|reviewers|emeritus_approvers|emeritus_reviewers)$/.test(key)) out.push(...strings(value))
      else if (typeof value === 'object') visit(value)
    }
  }
  visit(doc)
  return out
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

function safeYaml(text: string): unknown {
  try {
    return parse(text, {maxAliasCount: 100})
  } catch {
    return null
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}
