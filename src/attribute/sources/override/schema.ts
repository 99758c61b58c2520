import {z} from 'zod'
import {isCalendarDate} from '../../../core/dates.js'

const Day = z.string().refine(isCalendarDate, 'expected a date YYYY-MM-DD')

/** One user statement: a login or an email worked for an organisation, optionally between two dates. */
export const OverrideEntry = z
  .strictObject({
    login: z.string().min(1).optional(),
    email: z.string().includes('@').optional(),
    organization: z.string().min(1),
    /** Inclusive. */
    from: Day.optional(),
    /** Exclusive. */
    until: Day.optional(),
    /** Why this is known (a link, a ticket): shown as the evidence. */
    note: z.string().optional(),
  })
  .refine((e) => (e.login === undefined) !== (e.email === undefined), 'give exactly one of login or email')
  .refine((e) => !e.from || !e.until || e.from < e.until, '`from` must be before `until`')
export type OverrideEntry = z.infer<typeof OverrideEntry>

/** `affiliations.yaml`: the user's own corrections, highest precedence. */
export const OverridesFile = z.strictObject({
  affiliations: z.array(OverrideEntry),
})
export type OverridesFile = z.infer<typeof OverridesFile>
