import {metricFamilies} from './registry.js'

/**
 * The metric key tables of src/measure/README.md and rules/README.md, generated so they cannot drift. "Built on"
 * names the collected parts a figure needs: when one could not be read (`project.missing`) the figure is null.
 */
export function metricKeysMarkdown(): string {
  const sections = metricFamilies.map((family) => {
    const rows = family.keys.map((k) => {
      const parts = (k.builtOn ?? family.builtOn).join(', ') || '-'
      return `| \`${k.key}\` | ${k.type} | ${parts} | ${k.description.replaceAll('|', '\\|')} |`
    })
    const header = ['| Key | Type | Built on | Definition |', '|---|---|---|---|']
    return [`### \`${family.id}\`: ${family.description}`, '', ...header, ...rows].join('\n')
  })
  return `${sections.join('\n\n')}\n`
}

export const KEYS_START = '<!-- metric-keys:start (generated from src/measure/metrics/*; do not edit by hand) -->'
export const KEYS_END = '<!-- metric-keys:end -->'

/** `text` with the generated tables between the markers. */
export function withMetricKeys(text: string): string {
  const start = text.indexOf(KEYS_START)
  const end = text.indexOf(KEYS_END)
  if (start < 0 || end < start) throw new Error('metric key markers not found')
  return `${text.slice(0, start + KEYS_START.length)}\n\n${metricKeysMarkdown()}\n${text.slice(end)}`
}

export const KEYS_MODULE = 'src/core/metric-keys.ts'

/**
 * The source of src/core/metric-keys.ts: the metric vocabulary rules are written in, for the stages that must not
 * import measure (evaluate checks and binds rule names with it).
 */
export function metricKeysModule(): string {
  const keys = metricFamilies.flatMap((family) => family.keys.map((k) => `  '${k.key}',`))
  return `/**
 * Every metric key the measure stage documents, in registry order: the vocabulary rules are written in. Generated
 * from src/measure/metrics/* by src/measure/docs.ts, so evaluate never imports measure; tests/measure/docs.test.ts
 * fails when it is stale (\`STEWARDS_UPDATE_DOCS=1 npx vitest run tests/measure/docs.test.ts\` rewrites it).
 */
export const METRIC_KEYS: readonly string[] = [
${keys.join('\n')}
]
`
}
