/** Rules: loading and validation (YAML + zod + CEL), evaluation into findings, scores. See ./README.md. */
export {
  type Band,
  band,
  collected,
  portfolioScore,
  SEVERITY_WEIGHTS,
  scoreProject,
} from './score.js'
export {bindingsFor, evaluateProjectDetailed, evaluateRule, ruleMetas} from './engine.js'
export {
  applyOverrides,
  collectRules,
  DEFAULT_PACK,
  loadRules,
  PACKS_ROOT,
  RulesError,
  shippedPacks,
} from './load.js'
export {ParamOverrides} from './schema.js'
export {type RuleTestResult, runRuleTests} from './tester.js'
export type {CompiledRule, EvaluationContext, RuleEvaluationError, RuleSet} from './types.js'
export type {RuleProblem} from './yaml-source.js'
export {explainRule, formatTestFailure, ruleTable, ruleView, testFailureProblem} from './describe.js'
export {rulesFlags} from './flags.js'
export {
  applyWaivers,
  isExpired,
  judgingDay,
  placeWaivers,
  recordedWaivers,
  WaiverEntry,
  WaiversFile,
  WaiversSetting,
  waiverRepoKey,
} from './waivers.js'
