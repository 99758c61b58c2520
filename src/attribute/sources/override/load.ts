import {readFile} from 'node:fs/promises'
import {usageError} from '../../../core/errors.js'
import {parseYamlFile} from '../../yaml-file.js'
import {OverridesFile, type OverrideEntry as OverrideFields} from './schema.js'

/** An override entry with where it was written. */
export type OverrideEntry = OverrideFields & {citation: string; rank: number}

export async function loadOverrides(file: string): Promise<OverrideEntry[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw usageError('unreadable-file', `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  return parseOverrides(text, file)
}

export function parseOverrides(text: string, file: string): OverrideEntry[] {
  const parsed = parseYamlFile(text, file, OverridesFile)
  return parsed.data.affiliations.map((entry, i) => ({
    ...entry,
    login: entry.login?.toLowerCase(),
    email: entry.email?.toLowerCase(),
    citation: `${file}:${parsed.lineAt(['affiliations', i])}`,
    rank: i,
  }))
}
