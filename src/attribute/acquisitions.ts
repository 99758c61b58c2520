/**
 * Company renames from cncf/gitdm `companies.yaml` ("acquisitions"): the first matching rule wins, at any date.
 * The rules are Go regular expressions (often with an inline `(?i)`): RE2's syntax, which they are run on
 * (core/linear-regex.ts), so they mean what they mean to gitdm and no rule can backtrack; one RE2 does not read is
 * reported as an error naming the file and rule.
 */
import {usageError} from '../core/errors.js'
import {type LinearRegex, linearRegex} from '../core/linear-regex.js'
import {type EvidenceText, readEvidence} from './evidence-text.js'
import {CompaniesFile} from './sources/gitdm/schema.js'
import {parseYamlFile} from './yaml-file.js'

export interface Acquisition {
  pattern: LinearRegex
  company: string
  citation: string
}

/** Company names are short: longer ones are not renamed. */
const MAX_NAME = 256

export async function loadAcquisitions(input: string | EvidenceText): Promise<Acquisition[]> {
  const {file, text} = await readEvidence(input, 'the companies file')
  return parseAcquisitions(text, file)
}

export function parseAcquisitions(text: string, file: string): Acquisition[] {
  const parsed = parseYamlFile(text, file, CompaniesFile)
  return parsed.data.acquisitions.map(([source, company], i) => {
    const citation = `${file}:${parsed.lineAt(['acquisitions', i])}`
    return {pattern: compileGoRegex(source, citation), company, citation}
  })
}

export function compileGoRegex(source: string, where: string): LinearRegex {
  try {
    return linearRegex(source)
  } catch (error) {
    throw usageError('evidence-invalid', `${where}: ${(error as Error).message}`)
  }
}

/** The renamed company and the rule that renamed it, or the name unchanged. */
export function applyAcquisitions(name: string, rules: readonly Acquisition[]): {name: string; rule?: Acquisition} {
  if (name.length > MAX_NAME) return {name}
  for (const rule of rules) {
    if (rule.pattern.test(name)) return {name: rule.company, rule}
  }
  return {name}
}
