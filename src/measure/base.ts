import {lastDayBefore} from '../core/dates.js'
import type {Base, MeasureInput, MetricFamily, MetricKey} from './types.js'

/** Derives what every family shares. Bots are kept out of people metrics but counted (issue 5). */
export function deriveBase(input: MeasureInput): Base {
  const commits = input.attributed?.commits ?? []
  const human = commits.filter((c) => !c.bot)
  const parsedEnd = Date.parse(input.project.window.until)
  const windowEnd = Number.isNaN(parsedEnd) ? 0 : parsedEnd
  return {
    input,
    human,
    botCommits: commits.length - human.length,
    roles: input.attributed?.roles ?? [],
    windowEnd,
    // The window end is exclusive: facts are taken on its last day (2024-12-31 for a 2024 window).
    asOf: lastDayBefore(new Date(windowEnd).toISOString()) ?? '',
  }
}

/** True when the project's data could not be collected: every figure is unknown, none is zero. */
export function unavailable(base: Base): boolean {
  return base.input.project.status === 'unavailable' || base.input.attributed === null
}

/** False when a part the figure is built on could not be read (`project.missing`): the figure is unknown. */
export function readable(base: Base, family: MetricFamily, key: MetricKey): boolean {
  const missing = base.input.project.missing ?? []
  return !(key.builtOn ?? family.builtOn).some((part) => missing.includes(part))
}
