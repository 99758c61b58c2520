import {z} from 'zod'
import {isCalendarDate} from '../core/dates.js'
import {isCountryCode} from './countries.js'
import {normalizeDomain, normalizeLogin} from './normalize.js'

/**
 * Entity files (`rules/entities/**.yaml` and users' own directories). Every file is one object with
 * any of `organizations`, `lists`, `memberships` and `sources`. Strict: an unknown key is an error,
 * so a typo never silently drops a fact. Every fact carries `source`: one URL or a list of URLs.
 */

const Url = z.url({protocol: /^https?$/, error: 'expected an http(s) URL'})

/** One URL or a list of URLs; always a list after parsing. */
export const Sources = z
  .union([Url, z.array(Url).min(1)], {error: 'expected a URL or a list of URLs (http or https)'})
  .transform((value) => (Array.isArray(value) ? value : [value]))

const Text = z.string().trim().min(1)

export const EntityId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u, {error: 'expected a kebab-case id (a-z, 0-9, single hyphens)'})

/** YYYY, YYYY-MM or YYYY-MM-DD: sources often give only the month or the year. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}(?:-\d{2}(?:-\d{2})?)?$/u, {error: 'expected a date YYYY-MM-DD (or YYYY-MM, YYYY)'})
  .refine(isRealPartialDate, {error: 'not a calendar date'})

/** A month or a year alone stands for its first day. */
function isRealPartialDate(value: string): boolean {
  const [year, month = '01', day = '01'] = value.split('-')
  return isCalendarDate(`${year}-${month}-${day}`)
}

const CountryCode = z
  .string()
  .refine(isCountryCode, {error: (issue) => `'${String(issue.input)}' is not an ISO 3166-1 alpha-2 country code`})

const DomainName = z.string().refine((value) => normalizeDomain(value) === value, {
  error: 'expected a lower-case domain name such as example.com',
})

const Login = z.string().refine((value) => normalizeLogin(value) !== undefined, {
  error: 'expected a GitHub organisation login (letters, digits, hyphens)',
})

export const Alias = z.strictObject({
  name: Text,
  /** BCP 47 script subtag of a native name: `zh-Hans`, `zh-Hant`. */
  script: z.string().optional(),
  note: z.string().optional(),
  source: Sources,
})
export type Alias = z.infer<typeof Alias>

/**
 * Why a domain belongs to the organisation; only e-mail evidence attributes commits by default:
 * `gitdm-domain-map`, `gitdm-observed` (gitdm's records), `commits-observed` (the author e-mail domain of several
 * people's commits in cited public histories, for a domain that is the company's own, never a project's), and
 * `website` (the organisation's web site only: never attributes).
 */
export const DomainBasis = z.enum(['gitdm-domain-map', 'gitdm-observed', 'commits-observed', 'website'])
export type DomainBasis = z.infer<typeof DomainBasis>

export const Domain = z.strictObject({
  domain: DomainName,
  basis: DomainBasis,
  evidence: z.string().optional(),
  source: Sources,
})
export type Domain = z.infer<typeof Domain>

export const GithubOrg = z.strictObject({login: Login, source: Sources})
export type GithubOrg = z.infer<typeof GithubOrg>

/** Ownership: the organisation rolls up to `id`. `name` alone names a parent that has no entry here. */
export const Parent = z
  .strictObject({
    id: EntityId.optional(),
    name: Text.optional(),
    relation: Text,
    since: PartialDate.nullable().optional(),
    note: z.string().optional(),
    source: Sources,
  })
  .refine((parent) => parent.id !== undefined || parent.name !== undefined, {error: 'a parent needs an id or a name'})
export type Parent = z.infer<typeof Parent>

/** Membership of a list; from `since` inclusive to `until` exclusive. */
export const Membership = z.strictObject({
  list: EntityId,
  since: PartialDate.nullable(),
  until: PartialDate.nullable().optional(),
  /** The name under which the list names the party. */
  listed_name: Text,
  latest_edition: PartialDate.optional(),
  federal_register: z.string().optional(),
  /** Record id in the Consolidated Screening List, when imported from it. */
  csl_id: z.string().optional(),
  note: z.string().optional(),
  source: Sources,
})
export type Membership = z.infer<typeof Membership>

export const Identifier = z.strictObject({type: Text, value: Text, source: Sources})
export const Citation = z.strictObject({claim: Text, source: Sources})

export const OrganizationKind = z.enum(['company', 'foundation', 'project', 'community', 'unknown'])

export const OrganizationEntry = z
  .strictObject({
    id: EntityId,
    name: Text,
    kind: OrganizationKind,
    /** Only where notable, e.g. ceased operations. */
    status: z.string().optional(),
    aliases: z.array(Alias).default([]),
    identifiers: z.array(Identifier).optional(),
    domains: z.array(Domain).default([]),
    github_orgs: z.array(GithubOrg).default([]),
    parent: Parent.nullable().optional(),
    /** Headquarters (operational seat), ISO 3166-1 alpha-2. */
    country: CountryCode.nullable().optional(),
    headquarters: z.string().optional(),
    country_source: Sources.optional(),
    incorporated_in: CountryCode.optional(),
    incorporated_in_source: Sources.optional(),
    lists: z.array(Membership).default([]),
    /** Lists checked without finding an entry: not a statement that the organisation is not listed. */
    not_found_in: z.array(EntityId).optional(),
    citations: z.array(Citation).optional(),
    notes: z.string().optional(),
  })
  .superRefine((org, context) => {
    if (org.country && !org.country_source) {
      context.addIssue({code: 'custom', path: ['country'], message: 'a country needs country_source'})
    }
    if (org.incorporated_in && !org.incorporated_in_source) {
      context.addIssue({
        code: 'custom',
        path: ['incorporated_in'],
        message: 'incorporated_in needs incorporated_in_source',
      })
    }
  })
export type OrganizationEntry = z.infer<typeof OrganizationEntry>

/** A list organisations can be on (a government list, or a user's own watch-list). */
export const ListDefinition = z.strictObject({
  id: EntityId,
  name: Text,
  authority: Text,
  url: Url,
  legal_basis: z.string().optional(),
  /** Code of the list in the Consolidated Screening List (`EL`, `CMIC`...), when it is a CSL source. */
  csl_code: z
    .string()
    .regex(/^[A-Z]{2,6}$/u)
    .optional(),
  /** The CSL `source` label, where seen in published files. */
  csl_source: z.string().optional(),
  csl_program: z.string().optional(),
  since_means: z.string().optional(),
  editions_known: z.array(PartialDate).optional(),
  checked_against: z.array(Url).optional(),
  checked_note: z.string().optional(),
  checked_as_of: z.string().optional(),
  note: z.string().optional(),
  source: Sources,
})
export type ListDefinition = z.infer<typeof ListDefinition>

/** A membership kept apart from its organisation: users' watch-lists, `entities import-csl` output. */
export const MembershipEntry = Membership.extend({organization: EntityId})
export type MembershipEntry = z.infer<typeof MembershipEntry>

export const SourceEntry = z.strictObject({
  id: EntityId,
  title: Text,
  url: Url,
  date: z.string().optional(),
  kind: z.enum(['primary', 'dataset', 'secondary']),
  note: z.string().optional(),
})
export type SourceEntry = z.infer<typeof SourceEntry>

export const EntitiesFile = z.strictObject({
  organizations: z.array(OrganizationEntry).optional(),
  lists: z.array(ListDefinition).optional(),
  memberships: z.array(MembershipEntry).optional(),
  sources: z.array(SourceEntry).optional(),
})
export type EntitiesFile = z.infer<typeof EntitiesFile>
