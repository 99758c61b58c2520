import {MAX_MAPPING_FILE_BYTES} from '../../../core/yaml-file.js'
import {readEvidence} from '../../evidence-text.js'
import {parseYamlFile} from '../../yaml-file.js'
import {OverridesFile, type OverrideEntry as OverrideFields} from './schema.js'

/** An override entry with where it was written. */
export type OverrideEntry = OverrideFields & {citation: string; rank: number}

export async function loadOverrides(file: string): Promise<OverrideEntry[]> {
  const read = await readEvidence(file, 'the overrides file', {maxBytes: MAX_MAPPING_FILE_BYTES})
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
