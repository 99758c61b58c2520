/** Attribution's YAML inputs (companies, overrides): the shared reader, errors as usage errors `evidence-invalid`. */
import type {z} from 'zod'
import {parseYamlFile as parseValidated, type YamlPath} from '../core/yaml-file.js'

export interface YamlFile<T> {
  data: T
  /** 1-based line of the node at `path` (or of its nearest existing parent). */
  lineAt(path: YamlPath): number
}

export function parseYamlFile<T>(text: string, file: string, schema: z.ZodType<T>): YamlFile<T> {
  return parseValidated(text, file, schema, 'evidence-invalid')
}
