/** `tool.driver.rules`: one reportingDescriptor per rule, help text (Markdown) from the rule metadata. */
import type {ReportingDescriptor} from 'sarif'
import type {Finding, RuleMeta, Severity} from '../../../core/model.js'
import {compare} from '../../../core/compare.js'
import {LEVEL, PROBLEM_SEVERITY, SECURITY_SEVERITY} from './severity.js'

/** `single-vendor` -> `SingleVendor` (GitHub shows `name` beside the id). */
function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('')
}

function descriptor(rule: RuleMeta): ReportingDescriptor {
  const severity: Severity = rule.severity
  const markdown = [
    `**${rule.title}**`,
    '',
    rule.rationale,
    '',
    `**Remediation:** ${rule.remediation}`,
    '',
    `Default severity: ${severity} (security-severity ${SECURITY_SEVERITY[severity]}). Rule id: \`${rule.id}\`.`,
  ].join('\n')
  return {
    id: rule.id,
    name: pascalCase(rule.id) || rule.id,
    shortDescription: {text: rule.title},
    fullDescription: {text: rule.rationale},
    help: {text: `${rule.rationale}\n\nRemediation: ${rule.remediation}`, markdown},
    defaultConfiguration: {level: LEVEL[severity]},
    properties: {
      tags: ['security', 'supply-chain', 'governance'],
      precision: 'high',
      'problem.severity': PROBLEM_SEVERITY[severity],
      'security-severity': SECURITY_SEVERITY[severity],
    },
  }
}

/**
 * Descriptors sorted by id, with the index of each. A finding whose rule has no metadata (a rule file removed
 * between evaluation and report) still gets a minimal descriptor so every result points at a rule.
 */
export function ruleDescriptors(
  rules: readonly RuleMeta[],
  findings: readonly Finding[],
): {descriptors: ReportingDescriptor[]; index: Map<string, number>} {
  const byId = new Map<string, RuleMeta>()
  for (const rule of rules) byId.set(rule.id, rule)
  for (const finding of findings) {
    if (!byId.has(finding.ruleId)) {
      byId.set(finding.ruleId, {
        id: finding.ruleId,
        title: finding.ruleId,
        severity: finding.severity,
        rationale: `Findings of rule ${finding.ruleId} (no rule metadata was recorded in the scan).`,
        remediation: 'See the rule definition.',
      })
    }
  }
  const ids = [...byId.keys()].sort(compare)
  return {descriptors: ids.map((id) => descriptor(byId.get(id)!)), index: new Map(ids.map((id, i) => [id, i]))}
}
