/**
 * A small XML document read element by element with saxes, for the formats that keep a few of its elements (Maven
 * POMs, MSBuild projects). Hostile input: a DOCTYPE is refused outright (those files have none; it is where entity
 * expansion attacks live), saxes expands no external or custom entities, nesting is bounded, and the first problem
 * ends the read (read on, 100,000 nested elements past the bound took minutes: each tag joins its path).
 */
import {bareObject} from '../core/bare-object.js'
import {saxes} from './xml-library.js'

export interface XmlOpen {
  /** The element's path from the root, local names (a namespace prefix dropped), joined by `/`. */
  where: string
  name: string
  attributes: Record<string, string>
  /** Where its start tag begins (its `<`). */
  line: number
  column: number
}

export interface XmlClose {
  where: string
  name: string
  /** The path of the element that holds it. */
  parent: string
  /** Its text and CDATA, trimmed (what was written since the last start or end tag). */
  text: string
}

export interface XmlWalker {
  open?(element: XmlOpen): void
  close(element: XmlClose): void
}

export type XmlWalkResult = {ok: true} | {ok: false; message: string; line: number; column: number}

/** Thrown from the parser's handlers to stop it at the first problem. */
const STOP = new Error('stop')

export function walkXml(text: string, walker: XmlWalker, options: {maxDepth: number; doctype: string}): XmlWalkResult {
  const parser = new (saxes().SaxesParser)({position: true})
  const path: string[] = []
  let buffer = ''
  let start = {line: 1, column: 1}
  let failure: {message: string; line: number; column: number} | undefined
  const fail = (message: string): never => {
    failure ??= {message, line: parser.line, column: parser.column}
    throw STOP
  }
  parser.on('error', (error) => fail(error.message.replace(/^\d+:\d+: /, '')))
  parser.on('doctype', () => fail(options.doctype))
  // Once its name is read: before its attributes, which move the parser on.
  parser.on('opentagstart', (tag) => {
    start = {line: parser.line, column: Math.max(1, parser.column - tag.name.length - 1)}
  })
  parser.on('opentag', (tag) => {
    const name = tag.name.replace(/^.*:/, '')
    path.push(name)
    buffer = ''
    if (path.length > options.maxDepth) fail(`nesting deeper than ${options.maxDepth}`)
    // Without a prototype: an attribute named __proto__ is an attribute like any other.
    const attributes = bareObject<Record<string, string>>()
    for (const [key, value] of Object.entries(tag.attributes)) if (typeof value === 'string') attributes[key] = value
    walker.open?.({where: path.join('/'), name, attributes, ...start})
  })
  parser.on('text', (text) => {
    buffer += text
  })
  parser.on('cdata', (text) => {
    buffer += text
  })
  parser.on('closetag', () => {
    const name = path.at(-1)!
    walker.close({where: path.join('/'), name, parent: path.slice(0, -1).join('/'), text: buffer.trim()})
    path.pop()
    buffer = ''
  })
  try {
    parser.write(text).close()
  } catch (error) {
    if (error !== STOP)
      failure ??= {
        message: (error as Error).message.replace(/^\d+:\d+: /, ''),
        line: parser.line,
        column: parser.column,
      }
  }
  return failure ? {ok: false, ...failure} : {ok: true}
}
