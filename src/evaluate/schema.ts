import {z} from 'zod'
import {SEVERITIES} from '../core/model.js'
import {DataPart, MetricValue, ProjectStatus} from '../core/measurement-schema.js'

/** Rule files are ours: strict objects, so a misspelt key is an error, not a silently ignored setting. */

export const ParamValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.string()), z.array(z.number())])
export type ParamValue = z.infer<typeof ParamValue>

export const Params = z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'parameter names are snake_case'), ParamValue)

/** One embedded test: metrics (unlisted keys are null, as for a real project) and what the rule must do. */
export const RuleTestCase = z.strictObject({
  name: z.string().min(1),
  metrics: z.record(z.string(), MetricValue).default({}),
  project: z
    .strictObject({
      status: ProjectStatus.optional(),
      reason: z.string().optional(),
      /** Parts that could not be read (`project.missing`). */
      missing: z.array(DataPart).optional(),
    })
    .default({}),
  params: Params.optional(),
  lists: z.array(z.string()).optional(),
  /** Expected message, for cases where the rule fires. */
  message: z.string().optional(),
})
export type RuleTestCase = z.infer<typeof RuleTestCase>

export const RuleTests = z.strictObject({
  /** Inputs on which the rule must not fire. */
  pass: z.array(RuleTestCase).min(1, 'at least one pass case'),
  /** Inputs on which the rule must fire. */
  fail: z.array(RuleTestCase).min(1, 'at least one fail case'),
})
export type RuleTests = z.infer<typeof RuleTests>

export const Rule = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'rule ids are kebab-case'),
  title: z.string().min(1).max(120),
  severity: z.enum(SEVERITIES),
  rationale: z.string().min(1),
  remediation: z.string().min(1),
  /** CEL expression over `m`, `p`, `project`, `lists`; true means the finding applies. */
  condition: z.string().min(1),
  /** Text with `{{ CEL }}` placeholders. */
  message: z.string().min(1),
  params: Params.default({}),
  /** Project statuses the rule is evaluated on; other projects are skipped. */
  applies_to: z.array(ProjectStatus).min(1).default(['ok', 'empty', 'partial']),
  /** Where the idea or threshold comes from (CHAOSS metric, regulation, list). */
  references: z.array(z.string()).default([]),
  tags: z.array(z.string()).default([]),
  /**
   * Metric keys whose people a finding names (default: every metric the rule reads). A rule that reads a
   * guard such as `commit_coverage` names the company's authors, not the largest unattributed ones.
   */
  evidence: z.array(z.string()).min(1).optional(),
  tests: RuleTests,
})
export type Rule = z.infer<typeof Rule>

/** A pack manifest (`pack.yaml` in a pack folder) or a single pack file holding its rules inline. */
export const Pack = z.strictObject({
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  description: z.string().default(''),
  /** Packs whose rules this pack includes first. */
  extends: z.array(z.string()).default([]),
  /** Rule ids of extended packs to leave out. */
  exclude: z.array(z.string()).default([]),
  /** Parameter values for rules of this pack or the packs it extends. */
  params: z.record(z.string(), Params).default({}),
  /** Severity changes for rules of this pack or the packs it extends. */
  severity: z.record(z.string(), z.enum(SEVERITIES)).default({}),
  rules: z.array(z.unknown()).default([]),
})
export type Pack = z.infer<typeof Pack>

/** User overrides: `{ruleId: {param: value}}`, from the config file or the command line. */
export const ParamOverrides = z.record(z.string(), Params)
export type ParamOverrides = z.infer<typeof ParamOverrides>
