/**
 * What reading a JSON report back (`stewards diff`, `--baseline`) relies on. Loose objects: fields added by later
 * 1.x versions are kept, not rejected. The full, documented schema is ./schema.json (generated from the model).
 */
import {z} from 'zod'
import {SEVERITIES} from '../../../core/model.js'
import {DataPart, EvidenceGroup, Listings, MetricValue, ProjectStatus} from '../../../core/measurement-schema.js'

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
  // The risk score; null for a project not collected (schema 1.3.0).
  score: z.number().nullable(),
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
export const MeasuredProject = z.object({
  repo: z.string(),
  status: ProjectStatus,
  reason: z.string().optional(),
  missing: z.array(DataPart).optional(),
  provenance: z.string(),
  confidence: z.enum(['high', 'medium', 'low']),
  components: z.array(z.looseObject({locations: z.array(ReportLocation)})),
  facts: z.looseObject({}).optional(),
  metrics: z.record(z.string(), MetricValue),
  evidence: z.array(EvidenceGroup).optional(),
  listings: Listings.optional(),
  people: z.array(z.looseObject({person: z.string()})),
  roles: z.array(z.looseObject({login: z.string()})),
  automation: z.array(z.looseObject({identity: z.string(), commits: z.number()})).optional(),
  wanted: z.looseObject({}).optional(),
})

/** A waiver as the report recorded it (schema 1.3.0): `stewards evaluate` applies it again. */
export const RecordedWaiver = z.object({
  rule: z.string(),
  repository: z.string(),
  component: z.string().optional(),
  reason: z.string(),
  approvedBy: z.string(),
  expires: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  file: z.string(),
  line: z.number().int(),
  status: z.enum(['active', 'expired', 'stale']),
  findings: z.number().int().nonnegative(),
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
  waivers: z.object({judgedOn: z.string(), entries: z.array(RecordedWaiver)}).optional(),
})
export type MeasuredReport = z.infer<typeof MeasuredReport>
