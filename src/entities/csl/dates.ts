/**
 * CSL dates as entity-file dates. `start_date`/`end_date` are `YYYY-MM-DD` in the published files
 * (CSL-FORMAT.md section 3), but the CSV is third-party text and older copies and hand-edited files vary:
 * the shapes below are the unambiguous ones. Slashed dates with the year last are read in US order
 * (month first), as the US Federal Register notices in the same records are written (`08/08/2023`).
 * Two-digit years and free text are not guessed. Hand-written: a handful of fixed shapes, where a general
 * date parser would guess at locales; the result is checked with the entity schema's own date rule, so
 * whatever is returned loads with `--entities`.
 */
import {PartialDate} from '../schema.js'

const SHAPES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  // 2023-07-19, 2023-07-19T00:00:00Z, 2023-07-19 00:00:00
  [
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/u,
    (m) => `${m[1]}-${m[2]}-${m[3]}`,
  ],
  // 2023/7/19, 2023.07.19
  [/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/u, (m) => `${m[1]}-${pad(m[2])}-${pad(m[3])}`],
  // 7/19/2023 (US order)
  [/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/u, (m) => `${m[3]}-${pad(m[1])}-${pad(m[2])}`],
  // 20230719
  [/^(\d{4})(\d{2})(\d{2})$/u, (m) => `${m[1]}-${m[2]}-${m[3]}`],
  // 2023-07, 2023: partial dates the entity files accept as they are
  [/^(\d{4}(?:-\d{2})?)$/u, (m) => m[1]],
]

/** `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`) for a CSL date; undefined when it is not a date in a known shape. */
export function cslDate(text: string): string | undefined {
  const value = text.trim()
  for (const [shape, format] of SHAPES) {
    const match = shape.exec(value)
    if (!match) continue
    const date = format(match)
    return PartialDate.safeParse(date).success ? date : undefined
  }
  return undefined
}

function pad(part: string): string {
  return part.padStart(2, '0')
}
