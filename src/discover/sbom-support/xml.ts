/**
 * XML with positions, for CycloneDX XML. Built on saxes (the strict, namespace-aware SAX parser jsdom uses):
 * it reports the line and column of every start tag, checks well-formedness, and has no DTD processing at all,
 * so no entity of a document's own (billion laughs) is ever expanded and no external entity is ever fetched.
 * fast-xml-parser, the other maintained choice, gives no element positions. Hostile input is refused early:
 * any DOCTYPE is an error, nesting is capped, and text is kept only up to MAX_TEXT characters per element.
 * The XML generators write is read first by the hand-written ./xml-fast.ts (same elements, several times faster);
 * saxes reads whatever that one gives up on.
 */
import {SaxesParser} from 'saxes'
import {createLineIndex} from '../lockfile-support/line-index.js'
import {readXmlFast} from './xml-fast.js'

export interface XmlElement {
  /** Local name (no prefix). */
  name: string
  /** Namespace URI ('' for none). */
  uri: string
  /** Attributes by local name (null prototype). */
  attributes: Record<string, string>
  children: XmlElement[]
  /** Character data directly inside the element (CDATA included), trimmed by the consumer. */
  text: string
  line: number
  column: number
}

export type XmlDocument = {ok: true; root: XmlElement} | {ok: false; line: number; column: number; message: string}

export interface XmlOptions {
  /** Elements whose whole subtree is left unbuilt (descriptions, licences, hashes). */
  skip?(element: {name: string; uri: string; depth: number}): boolean
  /**
   * Called when an element below the root is complete, with its parent and depth (the root's children are at 1);
   * true means the caller took it and it is not kept in the tree. Lets a large BOM be read component by component.
   */
  consume?(element: XmlElement, parent: XmlElement, depth: number): boolean
  /**
   * Called when the fast reader (./xml-fast.ts) gave up part way and saxes reads the text again from the start:
   * whatever `consume` took so far must be dropped.
   */
  restart?(): void
}

export const MAX_XML_DEPTH = 256
const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null))
const MAX_TEXT = 4096

class Stop extends Error {}

export function readXml(text: string, options: XmlOptions = {}): XmlDocument {
  const fast = readXmlFast(text, options, MAX_XML_DEPTH, MAX_TEXT, NO_ATTRIBUTES)
  if (fast) return fast
  options.restart?.()
  return readXmlWithSaxes(text, options)
}

/** The reference reader: every document the fast path gives up on, with saxes' checks and errors. */
export function readXmlWithSaxes(text: string, options: XmlOptions = {}): XmlDocument {
  const parser = new SaxesParser({xmlns: true, position: true})
  const lines = createLineIndex(text)
  const stack: XmlElement[] = []
  let root: XmlElement | undefined
  /** Depth inside a skipped subtree (0: not skipping). */
  let skipping = 0
  let failure: {line: number; column: number; message: string} | undefined
  let tagLine = 1
  let tagColumn = 1

  const fail = (message: string, line = parser.line, column = parser.column + 1): never => {
    failure ??= {line, column, message}
    throw new Stop()
  }

  parser.on('error', (error) => fail(`invalid XML: ${error.message.replace(/^(?:[^:]*:)?\d+:\d+: /, '')}`))
  parser.on('doctype', () => {
    const at = lines.position(Math.max(0, text.lastIndexOf('<!DOCTYPE', parser.position)))
    fail('DOCTYPE declarations are refused (no entity expansion, no external entities in SBOMs)', at.line, at.column)
  })
  parser.on('opentagstart', (tag) => {
    // The parser stands past the name and the character after it (a space, a line break, `>` or `/`).
    const at = text.lastIndexOf(`<${tag.name}`, parser.position)
    const position = lines.position(at === -1 ? parser.position : at)
    tagLine = position.line
    tagColumn = position.column
  })
  parser.on('opentag', (tag) => {
    if (stack.length + skipping >= MAX_XML_DEPTH) fail(`XML nested deeper than ${MAX_XML_DEPTH} levels`)
    if (skipping > 0) {
      skipping++
      return
    }
    const name = tag.local ?? tag.name
    const uri = tag.uri ?? ''
    if (options.skip?.({name, uri, depth: stack.length})) {
      skipping = 1
      return
    }
    // Most elements have no attribute: they share one empty record (fewer objects kept for a large BOM).
    let attributes = NO_ATTRIBUTES
    for (const attribute of Object.values(tag.attributes)) {
      if (attributes === NO_ATTRIBUTES) attributes = Object.create(null) as Record<string, string>
      const local = attribute.local || attribute.name
      if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue
      attributes[local] = attribute.value
    }
    const element: XmlElement = {name, uri, attributes, children: [], text: '', line: tagLine, column: tagColumn}
    const parent = stack[stack.length - 1]
    if (parent) parent.children.push(element)
    else root = element
    stack.push(element)
  })
  parser.on('closetag', () => {
    if (skipping > 0) {
      skipping--
      return
    }
    const element = stack.pop()
    const parent = stack[stack.length - 1]
    if (element && parent && options.consume?.(element, parent, stack.length)) parent.children.pop()
  })
  const addText = (chunk: string) => {
    const element = stack[stack.length - 1]
    // Whitespace between elements is layout, never a value (readers trim): not kept.
    if (skipping > 0 || !element || element.text.length >= MAX_TEXT || !/\S/.test(chunk)) return
    element.text += chunk.slice(0, MAX_TEXT - element.text.length)
  }
  parser.on('text', addText)
  parser.on('cdata', addText)

  try {
    parser.write(text).close()
  } catch (thrown) {
    if (!(thrown instanceof Stop)) {
      if (thrown instanceof RangeError) return {ok: false, line: 1, column: 1, message: 'invalid XML: nesting too deep'}
      throw thrown
    }
  }
  if (failure) return {ok: false, ...failure}
  if (!root) return {ok: false, line: 1, column: 1, message: 'invalid XML: no root element'}
  return {ok: true, root}
}

/** The first child element with this local name (in the parent's namespace). */
export function child(element: XmlElement, name: string): XmlElement | undefined {
  return element.children.find((c) => c.name === name && c.uri === element.uri)
}

export function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name && c.uri === element.uri)
}

/** Trimmed text of a child element, or undefined when absent or empty. */
export function childText(element: XmlElement, name: string): string | undefined {
  const text = child(element, name)?.text.trim()
  return text ? text : undefined
}
