/**
 * JSON with object keys sorted by code unit at every level, 2-space indent and a trailing newline, so equal
 * values give equal bytes whatever order the producer built them in. Hand-written because JSON.stringify puts
 * integer-like keys (HTTP statuses such as "200") first whatever the order, and a replacer cannot change that.
 */
import {compare} from '../../../core/compare.js'

function serialize(value: unknown, indent: string): string | undefined {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      // JSON has no NaN or Infinity; -0 prints as 0.
      return Number.isFinite(value) ? JSON.stringify(value === 0 ? 0 : value) : 'null'
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined
    case 'bigint':
      throw new TypeError('stable JSON: a bigint cannot be written as JSON')
  }
  const inner = `${indent}  `
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const items = value.map((item) => `${inner}${serialize(item, inner) ?? 'null'}`)
    return `[\n${items.join(',\n')}\n${indent}]`
  }
  const record = value as Record<string, unknown>
  const entries: string[] = []
  for (const key of Object.keys(record).sort(compare)) {
    const text = serialize(record[key], inner)
    if (text !== undefined) entries.push(`${inner}${JSON.stringify(key)}: ${text}`)
  }
  if (entries.length === 0) return '{}'
  return `{\n${entries.join(',\n')}\n${indent}}`
}

export function stableJson(value: unknown): string {
  return `${serialize(value, '') ?? 'null'}\n`
}
