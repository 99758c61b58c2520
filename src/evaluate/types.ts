import type {
  DataPart,
  EvidenceGroup,
  Location,
  Metrics,
  ParamValue,
  ProjectStatus,
  RuleMeta,
  Window,
} from '../core/model.js'
import type {CompiledExpression} from './cel.js'
import type {RuleTests} from './schema.js'
import type {CompiledTemplate} from './template.js'

/** A validated rule with its CEL compiled and its parameters resolved (defaults, pack values, user overrides). */
export interface CompiledRule extends RuleMeta {
  condition: string
  message: string
  /** Parameters as evaluated. */
  params: Record<string, ParamValue>
  /** Parameters as the rule file declares them; embedded tests run with these. */
  defaults: Record<string, ParamValue>
  appliesTo: ProjectStatus[]
  references: string[]
  tags: string[]
  tests: RuleTests
  /** Line of each embedded test case, for reports that point at the failing one. */
  testLines: {pass: number[]; fail: number[]}
  /** Where the rule is defined (as given, or relative to the package for shipped packs) and its line. */
  file: string
  line: number
  /** The pack that contributed the rule, null for a plain rule file. */
  pack: string | null
  compiled: {condition: CompiledExpression; message: CompiledTemplate}
  /** Metric keys the condition and message read: what a finding's evidence shows. */
  metrics: string[]
  /** Metric keys whose people and organisations the finding names (the rule's `evidence`, else `metrics`). */
  evidenceMetrics: string[]
}

export interface RuleSet {
  rules: CompiledRule[]
  /** The specs loaded, as given. */
  sources: string[]
}

/**
 * Everything a rule can see about one project: plain data, as the measure stage produced it or as a saved JSON
 * report holds it (evaluation never calls back into measure).
 */
export interface EvaluationContext {
  repo: string
  status: ProjectStatus
  reason?: string
  /** Parts of the project that could not be read. */
  missing?: DataPart[]
  metrics: Metrics
  window?: Window
  /** Declaring locations of the components that pull the repository in, copied into findings. */
  locations?: Location[]
  /** The people behind the metrics (`Measurement.evidence`): with it, findings name people, commits and sources. */
  evidence?: readonly EvidenceGroup[]
  /** The configured watch-list ids, exposed to rules as `lists`. */
  lists?: string[]
}

/** A rule that could not be evaluated on a project (a data error, reported; never a finding, never a crash). */
export interface RuleEvaluationError {
  file: string
  line: number
  code: 'rule-evaluation'
  message: string
}
