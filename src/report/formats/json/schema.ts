/**
 * What reading a JSON report back (`stewards diff`, `--baseline`) relies on. Loose objects: fields added by later
 * 1.x versions are kept, not rejected. The full, documented schema is ./schema.json (generated from the model).
 */
import {z} from 'zod'
import {SEVERITIES} from '../../../core/model.js'

export const ReportLocation = z.looseObject({
  file: z.string(),
  line: z.number().int(),
  column: z.number().int(),
})

export const ReportFinding = z.looseObject({
  ruleId: z.string(),
  severity: z.enum(SEVERITIES),
  repo: z.string(),
  message: z.string(),
  evidence: z.looseObject({metrics: z.record(z.string(), z.unknown())}),
  locations: z.array(ReportLocation),
})

export const ReportProject = z.looseObject({
  repo: z.string(),
  status: z.string(),
  score: z.number(),
  metrics: z.record(z.string(), z.unknown()),
  findings: z.array(ReportFinding),
})

export const ScanReport = z.looseObject({
  schemaVersion: z.string().regex(/^\d+\.\d+\.\d+$/),
  tool: z.looseObject({name: z.literal('stewards'), version: z.string()}),
  projects: z.array(ReportProject),
  findings: z.array(ReportFinding),
  rules: z.array(z.looseObject({id: z.string(), title: z.string(), severity: z.enum(SEVERITIES)})),
  summary: z.looseObject({incomplete: z.boolean()}),
})
export type ScanReport = z.infer<typeof ScanReport>

/*
 * What judging a report again (`stewards evaluate`) reads: the measured data of every project, checked field by
 * field, since rules and findings are built from it. Unknown fields are dropped; findings and scores are the rules'
 * and are made again.
 */
const MetricValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.record(z.string(), z.number()),
])

const Person = z.object({
  person: z.string(),
  organization: z.string().nullable(),
  source: z.string().optional(),
  citation: z.string().optional(),
  role: z.string().optional(),
  roleSource: z.string().optional(),
  commits: z.number().int().nonnegative().optional(),
  shas: z.array(z.string()).optional(),
})

const EvidenceGroup = z.object({id: z.string(), keys: z.array(z.string()), people: z.array(Person)})

const Listings = z.object({
  organizations: z.record(z.string(), z.array(z.string())),
  authors: z.array(
    z.object({
      person: z.string(),
      organization: z.string().nullable(),
      entityId: z.string(),
      commits: z.number().int().nonnegative(),
      recent: z.array(z.object({sha: z.string(), date: z.string()})),
      source: z.string().optional(),
      citation: z.string().optional(),
    }),
  ),
  stewards: z.array(Person.extend({entityId: z.string()})),
  roleHolders: z.array(Person.extend({entityId: z.string()})),
})

const DATA_PARTS = ['facts', 'commits', 'governance', 'profiles'] as const

export const MeasuredProject = z.object({
  repo: z.string(),
  status: z.enum(['ok', 'empty', 'unavailable', 'partial']),
  reason: z.string().optional(),
  missing: z.array(z.enum(DATA_PARTS)).optional(),
  provenance: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
  components: z.array(z.looseObject({locations: z.array(ReportLocation)})),
  facts: z.looseObject({}).optional(),
  metrics: z.record(z.string(), MetricValue),
  evidence: z.array(EvidenceGroup).optional(),
  listings: Listings.optional(),
  people: z.array(z.looseObject({person: z.string()})),
  roles: z.array(z.looseObject({login: z.string()})),
})

export const MeasuredReport = z.object({
  schemaVersion: z.string(),
  window: z.object({since: z.string(), until: z.string()}),
  inputs: z.array(z.string()),
  projects: z.array(MeasuredProject),
  unresolved: z.array(z.looseObject({})),
  lists: z.object({known: z.array(z.string()), selected: z.array(z.string())}).optional(),
  summary: z.looseObject({
    components: z.number().int().nonnegative(),
    incomplete: z.boolean(),
    inputsIncomplete: z.boolean().optional(),
  }),
  skipped: z.array(z.looseObject({})),
  errors: z.array(z.looseObject({file: z.string(), code: z.string(), message: z.string()})),
  requests: z.looseObject({}).optional(),
})
export type MeasuredReport = z.infer<typeof MeasuredReport>
