import {readEvidence} from '../../evidence-text.js'
import {parseYamlFile} from '../../yaml-file.js'
import {OverridesFile, type OverrideEntry as OverrideFields} from './schema.js'

/**
 * The largest overrides file read: parsed by the `yaml` library, which took 7 s and 560 MB for 3.6 MB of a map of
 * the same shape. Room for tens of thousands of entries.
 */
const MAX_OVERRIDES_FILE_BYTES = 4 * 1024 * 1024

/** An override entry with where it was written. */
export type OverrideEntry = OverrideFields & {citation: string; rank: number}

export async function loadOverrides(file: string): Promise<OverrideEntry[]> {
  const read = await readEvidence(file, 'the overrides file', {maxBytes: MAX_OVERRIDES_FILE_BYTES})
  return parseOverrides(read.text, read.file)
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
