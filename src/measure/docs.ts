import {metricFamilies} from './registry.js'

/** The metric key tables of src/measure/README.md and rules/README.md, generated so they cannot drift. */
export function metricKeysMarkdown(): string {
  const sections = metricFamilies.map((family) => {
    const rows = family.keys.map((k) => `| \`${k.key}\` | ${k.type} | ${k.description.replaceAll('|', '\\|')} |`)
    return [`### \`${family.id}\`: ${family.description}`, '', '| Key | Type | Definition |', '|---|---|---|', ...rows].join('\n')
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
