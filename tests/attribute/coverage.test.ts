/**
 * Issue 5: with email domains and the organisation data added to gitdm, coverage rises; this lists which
 * commits changed and why. What should change is counted here from the raw files, not through stewards: author
 * emails from commits.json, domains from ../shared/entities/organizations.yaml (read with the yaml library),
 * webmail from the literal list below; the gitdm-only run (checked against EXPECTED.json in acceptance.test.ts)
 * only says which commits were unknown before. The result is pinned as reviewed per-project counts.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {parse} from 'yaml'
import {loadEntities} from '../../src/entities/load.js'
import {attributeProject, loadAttributionContext} from '../../src/attribute/index.js'
import {summarizeCommits} from '../../src/attribute/summary.js'
import {type AttributionChange, diffAttributions} from '../support/attribution-summary.js'
import type {AttributedProject} from '../../src/core/model.js'
import {repoRoot, sharedDir} from '../support/cli.js'
import {
  companiesFile,
  expectedProjects,
  gitdmFile,
  hasShared,
  loadSharedProject,
  projectDir,
} from './shared-projects.js'

/** Webmail domains (sub-domains included) seen in the ten projects' author emails: never an employer. */
const WEBMAIL = [
  '126.com',
  '163.com',
  'foxmail.com',
  'gmail.com',
  'hotmail.com',
  'outlook.com',
  'protonmail.ch',
  'qq.com',
  'noreply.github.com',
]

/** Reviewed: per project, commits unknown under gitdm alone that the author email domain newly attributes. */
const NEWLY_ATTRIBUTED: Record<string, Record<string, number>> = {
  'karmada-io/karmada': {
    'alibaba-inc.com': 2,
    'bloomberg.net': 11,
    'daocloud.io': 3,
    'huawei.com': 2,
    'zendesk.com': 10,
  },
  'volcano-sh/volcano': {'baidu.com': 1, 'bytedance.com': 3, 'huawei.com': 12},
  'openkruise/kruise': {'alibaba-inc.com': 50},
  'etcd-io/etcd': {'amazon.com': 3, 'broadcom.com': 2, 'google.com': 3, 'jd.com': 5, 'redhat.com': 1, 'vmware.com': 2},
  'prometheus/prometheus': {
    'alibaba-inc.com': 1,
    'amazon.com': 20,
    'apple.com': 1,
    'cloudflare.com': 4,
    'grafana.com': 169,
    'redhat.com': 28,
    'shopify.com': 1,
  },
  'cert-manager/cert-manager': {'cloudflare.com': 2, 'jetstack.io': 12, 'splunk.com': 5},
  'argoproj/argo-cd': {'canva.com': 1, 'daocloud.io': 10, 'intuit.com': 3, 'redhat.com': 15},
  'containerd/containerd': {
    'alibaba-inc.com': 1,
    'amazon.com': 2,
    'apple.com': 1,
    'canonical.com': 1,
    'daocloud.io': 1,
    'docker.com': 2,
    'google.com': 2,
    'ibm.com': 3,
    'intel.com': 1,
    'microsoft.com': 32,
    'netflix.com': 1,
    'nvidia.com': 6,
    'suse.com': 1,
    'us.ibm.com': 1,
  },
  'open-telemetry/opentelemetry-collector': {
    'datadoghq.com': 126,
    'dynatrace.com': 3,
    'elastic.co': 1,
    'lightstep.com': 20,
    'splunk.com': 54,
  },
  'istio/istio': {
    'alibaba-inc.com': 2,
    'daocloud.io': 12,
    'didiglobal.com': 4,
    'dynatrace.com': 2,
    'google.com': 6,
    'microsoft.com': 25,
    'redhat.com': 11,
    'solo.io': 3,
    'tetrate.io': 3,
    'us.ibm.com': 7,
  },
}

interface OrganizationsFile {
  organizations: Array<{
    name: string
    aliases?: Array<{name: string}>
    domains?: Array<{domain: string; basis: string}>
  }>
}

interface RawCommit {
  sha: string
  author: {email: string}
}

/** `a.b.example.com` → itself, `b.example.com`, `example.com`, `com`. */
function suffixes(domain: string): string[] {
  const labels = domain.split('.')
  return labels.map((_, i) => labels.slice(i).join('.'))
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase()
}

function isWebmail(domain: string): boolean {
  return suffixes(domain).some((suffix) => WEBMAIL.includes(suffix))
}

function count(domains: string[]): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const domain of domains) counts[domain] = (counts[domain] ?? 0) + 1
  return counts
}

describe.skipIf(!hasShared)('email domains and organisation data raise coverage', async () => {
  // The body loads ../shared: without it, skipIf alone would still run this collector and fail.
  if (!hasShared) return
  // The shared compilation, plus the ecosystem employers stewards ships beside it (rules/entities/ecosystems/),
  // each read here with the yaml library, not through stewards.
  const ecosystems = join(repoRoot, 'rules', 'entities', 'ecosystems')
  const organizations = [
    ...(parse(readFileSync(join(sharedDir, 'entities', 'organizations.yaml'), 'utf8')) as OrganizationsFile)
      .organizations,
    ...readdirSync(ecosystems)
      .filter((f) => f !== 'sources.yaml')
      .flatMap((f) => (parse(readFileSync(join(ecosystems, f), 'utf8')) as OrganizationsFile).organizations),
  ]
  // A `company website` domain says where the company is on the web, not that its staff use it for email
  // (entities/README.md), so only gitdm-backed domains count.
  const employerOf = new Map(
    organizations.flatMap((o) =>
      (o.domains ?? [])
        .filter((d) => d.basis !== 'company website')
        .map((d) => [d.domain.toLowerCase(), o.name] as const),
    ),
  )
  /** The organisation the raw data lists for an author email domain (or a parent domain), webmail never. */
  function listedEmployer(domain: string): string | undefined {
    if (isWebmail(domain)) return undefined
    for (const suffix of suffixes(domain)) if (employerOf.has(suffix)) return employerOf.get(suffix)
    return undefined
  }

  const entities = await loadEntities()
  const files = {affiliations: [gitdmFile], companies: companiesFile}
  const gitdmOnly = await loadAttributionContext({...files, sources: ['gitdm']})
  const withDomains = await loadAttributionContext({...files, sources: ['gitdm', 'email-domain'], entities})
  const runs: Array<{
    repo: string
    raw: RawCommit[]
    before: AttributedProject
    after: AttributedProject
    changes: AttributionChange[]
  }> = []
  for (const repo of Object.keys(expectedProjects())) {
    const project = await loadSharedProject(repo)
    const raw = JSON.parse(readFileSync(join(projectDir(repo), 'commits.json'), 'utf8')) as RawCommit[]
    const before = attributeProject(project, [], gitdmOnly)
    const after = attributeProject(project, [], withDomains)
    runs.push({repo, raw, before, after, changes: diffAttributions(before, after)})
  }
  const emailOf = (run: (typeof runs)[number]) => new Map(run.raw.map((c) => [c.sha, c.author.email]))
  const unknownBefore = (run: (typeof runs)[number]) =>
    new Set(run.before.commits.filter((c) => !c.bot && !c.attribution.organization).map((c) => c.sha))
  const newly = (run: (typeof runs)[number]) => run.changes.filter((c) => c.kind === 'newly-attributed')

  it('never loses an attribution; gitdm still decides wherever it did unless its claim was stale (names may become the entity name)', () => {
    const aliasesOf = new Map(organizations.map((o) => [o.name, (o.aliases ?? []).map((a) => a.name)]))
    const sameOrganisation = (before: string | null, after: string | null) =>
      before === after || (aliasesOf.get(after as string) ?? []).includes(before as string)
    const outranked: Record<string, number> = {}
    for (const {repo, changes, before} of runs) {
      expect(
        changes.filter((c) => c.kind === 'lost'),
        repo,
      ).toEqual([])
      const bySha = new Map(before.commits.map((c) => [c.sha, c]))
      for (const change of changes.filter((c) => c.kind === 'changed')) {
        // A gitdm period with no end that began more than 5 years before the commit ranks below the commit's own
        // listed domain: every such case here is the same organisation, now from fresher evidence.
        const was = bySha.get(change.sha)?.attribution
        expect([change.sha, was?.claim?.source, was?.stale, change.source], repo).toEqual([
          change.sha,
          'gitdm',
          true,
          'email-domain',
        ])
        expect(sameOrganisation(change.before, change.after), `${repo} ${change.sha}`).toBe(true)
        outranked[repo] = (outranked[repo] ?? 0) + 1
      }
      for (const change of changes.filter((c) => c.kind === 'renamed')) {
        expect(change.source, `${repo} ${change.sha}`).toBe('gitdm')
        expect(
          aliasesOf.get(change.after as string),
          `${repo} ${change.sha}: ${change.before} is an alias of ${change.after}`,
        ).toContain(change.before)
      }
    }
    // Reviewed: serathius (Google from 2017-11-01) writes 102 etcd commits from google.com, and so on.
    expect(outranked).toEqual({
      'containerd/containerd': 8,
      'etcd-io/etcd': 104,
      'istio/istio': 5,
      'open-telemetry/opentelemetry-collector': 5,
      'prometheus/prometheus': 42,
    })
  })

  it('attributes newly only from a listed, non-webmail author email domain, to the organisation listing it, and says so', () => {
    for (const run of runs) {
      const emails = emailOf(run)
      for (const change of newly(run)) {
        const domain = domainOf(emails.get(change.sha) as string)
        expect(isWebmail(domain), `${run.repo} ${change.sha} ${domain}`).toBe(false)
        expect(change.after, `${run.repo} ${change.sha} ${domain}`).toBe(listedEmployer(domain))
        expect(change.source).toBe('email-domain')
        expect(change.citation).toContain(`author email domain ${domain}:`)
      }
    }
  })

  it('raises coverage by exactly the reviewed counts, which the raw data gives too', () => {
    const fromRawData: Record<string, Record<string, number>> = {}
    const ours: Record<string, Record<string, number>> = {}
    for (const run of runs) {
      const unknown = unknownBefore(run)
      const emails = emailOf(run)
      const candidates = run.raw.filter((c) => unknown.has(c.sha) && listedEmployer(domainOf(c.author.email)))
      fromRawData[run.repo] = count(candidates.map((c) => domainOf(c.author.email)))
      ours[run.repo] = count(newly(run).map((c) => domainOf(emails.get(c.sha) as string)))
      const [b, a] = [summarizeCommits(run.before), summarizeCommits(run.after)]
      expect(a.attributed_commits - b.attributed_commits, run.repo).toBe(newly(run).length)
      expect(a.unknown_commits, run.repo).toBe(b.unknown_commits - newly(run).length)
    }
    expect(fromRawData).toEqual(NEWLY_ATTRIBUTED)
    expect(ours).toEqual(NEWLY_ATTRIBUTED)
  })

  it('for example: grafana.com, alibaba-inc.com and datadoghq.com authors gitdm does not know', () => {
    const spotChecks = [
      {repo: 'prometheus/prometheus', domain: 'grafana.com', organization: 'Grafana Labs', commits: 169},
      {
        repo: 'openkruise/kruise',
        domain: 'alibaba-inc.com',
        organization: 'Alibaba Group Holding Limited',
        commits: 50,
      },
      {
        repo: 'open-telemetry/opentelemetry-collector',
        domain: 'datadoghq.com',
        organization: 'Datadog Inc',
        commits: 126,
      },
    ]
    for (const {repo, domain, organization, commits} of spotChecks) {
      const run = runs.find((r) => r.repo === repo) as (typeof runs)[number]
      const unknown = unknownBefore(run)
      const shas = run.raw.filter((c) => unknown.has(c.sha) && domainOf(c.author.email) === domain).map((c) => c.sha)
      const toOrg = newly(run).filter((c) => c.citation?.startsWith(`author email domain ${domain}:`))
      expect(shas.length, `${repo} ${domain}`).toBe(commits)
      expect(toOrg.map((c) => c.sha).sort(), `${repo} ${domain}`).toEqual(shas.sort())
      expect(new Set(toOrg.map((c) => c.after)), `${repo} ${domain}`).toEqual(new Set([organization]))
    }
  })

  it('a domain the data gives only as a company website does not attribute: venafi.com, antgroup.com stay unknown', () => {
    const websites = new Set(
      organizations.flatMap((o) => (o.domains ?? []).filter((d) => d.basis === 'company website').map((d) => d.domain)),
    )
    const stayUnknown: Record<string, Record<string, number>> = {}
    for (const run of runs) {
      const unknownAfter = new Set(
        run.after.commits.filter((c) => !c.bot && !c.attribution.organization).map((c) => c.sha),
      )
      const unknown = unknownBefore(run)
      const website = run.raw.filter(
        (c) => unknown.has(c.sha) && suffixes(domainOf(c.author.email)).some((d) => websites.has(d)),
      )
      expect(
        website.filter((c) => !unknownAfter.has(c.sha)).map((c) => c.sha),
        run.repo,
      ).toEqual([])
      if (website.length) stayUnknown[run.repo] = count(website.map((c) => domainOf(c.author.email)))
    }
    expect(stayUnknown).toEqual({
      'cert-manager/cert-manager': {'venafi.com': 157},
      'containerd/containerd': {'antgroup.com': 1},
    })
  })
})
