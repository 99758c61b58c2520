import {z} from 'zod'

/**
 * Consolidated Screening List records (trade.gov `consolidated.json`/`.csv`), read loosely: the
 * files are third-party, fields come and go, and `""`, `null` and `[]` all mean absent
 * (../shared/entities/CSL-FORMAT.md, section 3). Only the fields the import uses are declared.
 */

const OptionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) =>
    value === null || value === undefined || String(value).trim() === '' ? undefined : String(value).trim(),
  )

const TextList = z
  .union([z.array(z.union([z.string(), z.null()])), z.string(), z.null()])
  .optional()
  .transform((value) => (Array.isArray(value) ? value : value ? [value] : []).filter((item): item is string => !!item))

export const CslJsonRecord = z.looseObject({
  id: OptionalText,
  _id: OptionalText,
  source: OptionalText,
  entity_number: OptionalText,
  type: OptionalText,
  programs: TextList,
  name: OptionalText,
  alt_names: TextList,
  federal_register_notice: OptionalText,
  start_date: OptionalText,
  end_date: OptionalText,
  source_list_url: OptionalText,
})
export type CslJsonRecord = z.infer<typeof CslJsonRecord>

/** The bulk JSON: `{results: [...]}` (the search API adds `total` and `sources_used`). */
export const CslJsonFile = z.looseObject({results: z.array(z.unknown())})

/** One CSL record, as the import uses it. */
export interface CslRecord {
  id: string
  /** The source list's full label, e.g. `Entity List (EL) - Bureau of Industry and Security`. */
  source: string
  /** The `(CODE)` of the label: `EL`, `CMIC`, `SDN`... */
  code?: string
  /** `Entity`, `Individual`, `Vessel`, `Aircraft`; absent for BIS and State records. */
  type?: string
  name: string
  /** Aliases, split on `;` (a `; `-joined element holds several). */
  altNames: string[]
  programs: string[]
  federalRegister?: string
  /** `YYYY-MM-DD` (or `YYYY-MM`, `YYYY`), normalised from the CSL's `start_date` (`dates.ts`). */
  startDate?: string
  endDate?: string
  /** CSL dates that are not dates, as written: the membership is proposed without them, with a note. */
  invalidDates?: {start_date?: string; end_date?: string}
  sourceListUrl?: string
  /** Where the record is: CSV line, or JSON `results` index. */
  position: string
}
