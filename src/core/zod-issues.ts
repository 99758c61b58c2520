/**
 * zod's issues in stewards' words: `no version (a string is expected)`, `version is a number, not a string`, for
 * lockfile entries, chart and kustomization files, settings, entity files and cache bundles alike. zod's own words
 * (`version: Invalid input: expected string, received number`) are kept for any other problem. zod 4 names the type
 * it received only in its message (its English one: the bundle has no other locale), so it is read from there; a
 * message of another shape is kept as it is.
 */
import type {z} from 'zod'
import {typeWords} from './value-kind.js'

/** One line naming the first bad field. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0]
  return issue === undefined ? 'invalid entry' : issueWords(issue)
}

/** One issue, its path first, as firstIssue gives the first (for those that list every issue). */
export function issueWords(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.')
  const kinds = typeIssue(issue)
  if (kinds?.received === typeWords('undefined'))
    return path ? `no ${path} (${kinds.expected} is expected)` : `nothing (${kinds.expected} is expected)`
  if (kinds) return `${path || 'the entry'} is ${kinds.received}, not ${kinds.expected}`
  return path ? `${path}: ${issue.message}` : issue.message
}

/** An issue about a value of the wrong kind, the kinds in words (`a list`, `null`); undefined for any other issue. */
export function typeIssue(issue: z.core.$ZodIssue): {expected: string; received: string} | undefined {
  if (issue.code !== 'invalid_type') return undefined
  const received = /, received (\w+)$/.exec(issue.message)?.[1]
  return received === undefined
    ? undefined
    : {expected: typeWords(String(issue.expected)), received: typeWords(received)}
}
