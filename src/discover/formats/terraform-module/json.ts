/**
 * Terraform's JSON configuration syntax (`*.tf.json`, OpenTofu's `*.tofu.json`;
 * https://developer.hashicorp.com/terraform/language/syntax/json), written by tools rather than people (CDK for
 * Terraform's `cdk.tf.json`, generators): the same module calls and required providers as a `.tf` file, as JSON. A
 * block type's value is an object of labels, or an array of such objects (several blocks); a `"//"` property is a
 * comment. Read with the shared JSON reader (positions, forbidden keys); a module call is located at its label, a
 * provider at its name (JSON holds no position for a string value that this reader keeps).
 */
import type {ScanError} from '../../../core/model.js'
import {isJsonObject, type JsonObject, type JsonValue, readLockfileJson} from '../../lockfile-support/json-reader.js'
import type {Position} from '../../../core/line-index.js'

export interface JsonModuleCall {
  name: string
  line: number
  source?: {value: string; line: number; column: number}
  version?: string
  versionAt?: {line: number; column: number}
}

export interface JsonProviderRequirement {
  name: string
  line: number
  column: number
  source?: string
  version?: string
}

export interface JsonConfiguration {
  calls: JsonModuleCall[]
  providers: JsonProviderRequirement[]
  errors: ScanError[]
}

/** The module calls and required providers of a JSON configuration. */
export function readJsonConfiguration(file: string, text: string): JsonConfiguration {
  const out: JsonConfiguration = {calls: [], providers: [], errors: []}
  const read = readLockfileJson(file, text)
  if (!read.ok) return {...out, errors: read.errors}
  out.errors.push(...read.errors)
  const at = (value: JsonObject): Position => read.document.positionOf(value)
  for (const modules of blocks(read.root.module))
    for (const [name, body] of labelled(modules)) {
      const position = at(body)
      const source = typeof body.source === 'string' ? body.source : undefined
      out.calls.push({
        name,
        line: position.line,
        ...(source === undefined ? {} : {source: {value: source, line: position.line, column: position.column}}),
        ...(typeof body.version === 'string'
          ? {version: body.version, versionAt: {line: position.line, column: position.column}}
          : {}),
      })
    }
  for (const terraform of blocks(read.root.terraform))
    for (const required of blocks(terraform.required_providers))
      for (const [name, entry] of Object.entries(required)) {
        if (name === '//') continue
        // A legacy requirement is its version constraint alone (`"aws": "~> 5.0"`), placed at the block's key.
        const position = isJsonObject(entry) ? at(entry) : at(required)
        const source = isJsonObject(entry) && typeof entry.source === 'string' ? entry.source : undefined
        const version = isJsonObject(entry) ? entry.version : entry
        out.providers.push({
          name,
          line: position.line,
          column: position.column,
          ...(source === undefined ? {} : {source}),
          ...(typeof version === 'string' ? {version} : {}),
        })
      }
  return out
}

/** A block type's value: one object, or an array of objects (several blocks of the type). */
function blocks(value: JsonValue | undefined): JsonObject[] {
  if (isJsonObject(value)) return [value]
  return Array.isArray(value) ? value.filter(isJsonObject) : []
}

/** A labelled block type's labels and bodies (a label's value may be an array of bodies too), comments left out. */
function labelled(value: JsonObject): Array<[string, JsonObject]> {
  const out: Array<[string, JsonObject]> = []
  for (const [label, body] of Object.entries(value)) {
    if (label === '//') continue
    for (const one of blocks(body)) out.push([label, one])
  }
  return out
}
