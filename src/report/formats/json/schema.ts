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
