import {z} from 'zod'

/** cncf/gitdm `src/companies.yaml`: `acquisitions` pairs of [Go regular expression, company]; other keys ignored. */
export const CompaniesFile = z.object({
  acquisitions: z.array(z.tuple([z.string().min(1), z.string().min(1)])).default([]),
})
export type CompaniesFile = z.infer<typeof CompaniesFile>
