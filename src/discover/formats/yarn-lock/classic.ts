/**
 * yarn classic (v1) lockfiles, parsed by hand: @yarnpkg/parsers reads them through a PEG grammar that is ~10x
 * slower than this and gives no line numbers, and the `@yarnpkg/lockfile` package is unmaintained.
 * Grammar (yarnpkg/yarn src/lockfile/parse.js): top-level `descriptor[, descriptor]:` keys, 2-space fields
 * (`version "1.2.3"`), 4-space dependency maps we do not need.
 */
import type {Component, ScanError} from '../../../core/model.js'
import {packageComponent} from '../../lockfile-support/component.js'
import {splitLines} from '../../../core/line-index.js'
import {aliasTarget, isLocalRange, parseDescriptor, sourceQualifiers} from '../../lockfile-support/npm-name.js'
import {isForbiddenKey, lockfileError} from '../../lockfile-support/problems.js'

interface Block {
  key: string
  descriptors: string[]
  line: number
  fields: Map<string, string>
}

/** Splits `"a@^1", b@^2` into descriptors; undefined when quotes do not close. */
export function splitKey(key: string): string[] | undefined {
  const descriptors: string[] = []
  let index = 0
  while (index < key.length) {
    while (key[index] === ' ' || key[index] === ',') index++
    if (index >= key.length) break
    if (key[index] === '"') {
      const close = key.indexOf('"', index + 1)
      if (close === -1) return undefined
      descriptors.push(key.slice(index + 1, close))
      index = close + 1
    } else {
      const comma = key.indexOf(',', index)
      const end = comma === -1 ? key.length : comma
      descriptors.push(key.slice(index, end).trim())
      index = end
    }
  }
  return descriptors
}

function unquote(value: string): string {
  const trimmed = value.trim()
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed
}

function readBlocks(file: string, text: string, errors: ScanError[]): Block[] {
  const blocks: Block[] = []
  let current: Block | undefined
  const lines = splitLines(text)
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue
    const lineNumber = index + 1
    if (!line.startsWith(' ')) {
      current = undefined
      const descriptors = line.endsWith(':') ? splitKey(line.slice(0, -1)) : undefined
      if (descriptors === undefined || descriptors.length === 0) {
        errors.push(lockfileError(file, 'invalid-lockfile', "expected 'descriptor[, descriptor]:'", lineNumber, 1))
        continue
      }
      current = {key: line.slice(0, -1), descriptors, line: lineNumber, fields: new Map()}
      blocks.push(current)
      continue
    }
    // Only the 2-space fields of a block matter; deeper lines are dependency maps.
    if (current === undefined || line.startsWith('   ')) continue
    const field = line.trim()
    if (field.endsWith(':')) continue
    const space = field.indexOf(' ')
    if (space === -1) {
      errors.push(lockfileError(file, 'invalid-lockfile', "expected 'field value'", lineNumber, 3))
      continue
    }
    current.fields.set(unquote(field.slice(0, space)), unquote(field.slice(space + 1)))
  }
  return blocks
}

export function readClassicLockfile(file: string, text: string): {components: Component[]; errors: ScanError[]} {
  const errors: ScanError[] = []
  const components: Component[] = []
  for (const block of readBlocks(file, text, errors)) {
    const first = parseDescriptor(block.descriptors[0])
    if (isForbiddenKey(first.name)) {
      errors.push(lockfileError(file, 'forbidden-key', `forbidden package name '${first.name}' ignored`, block.line, 1))
      continue
    }
    const version = block.fields.get('version')
    if (version === undefined) {
      errors.push(lockfileError(file, 'invalid-entry', `'${block.key}': no version`, block.line, 1))
      continue
    }
    // `string-width-cjs@npm:string-width@^4.2.0` installs string-width under another name.
    const name = aliasTarget(first.range)?.name ?? first.name
    const local = isLocalRange(first.range)
    components.push(
      packageComponent(file, {
        ecosystem: 'npm',
        name,
        version: local ? undefined : version,
        ref: block.key,
        line: block.line,
        column: 1,
        local,
        qualifiers: sourceQualifiers(block.fields.get('resolved')),
      }),
    )
  }
  return {components, errors}
}
