/**
 * XML with positions, for CycloneDX XML. Built on saxes (the strict, namespace-aware SAX parser jsdom uses):
 * it reports the line and column of every start tag, checks well-formedness, and has no DTD processing at all,
 * so no entity of a document's own (billion laughs) is ever expanded and no external entity is ever fetched.
 * fast-xml-parser, the other maintained choice, gives no element positions. Hostile input is refused early:
 * any DOCTYPE is an error, nesting is capped, and text is kept only up to MAX_TEXT characters per element.
 * The XML generators write is read first by the hand-written ./xml-fast.ts (same elements, several times faster);
 * saxes reads whatever that one gives up on.
 */
import {bareObject} from '../../core/bare-object.js'
import {holdingYoungGeneration} from '../../core/young-generation.js'
import {saxes} from '../xml-library.js'
import {createLineIndex} from '../../core/line-index.js'
import {readXmlFast} from './xml-fast.js'
import {
  MAX_XML_DEPTH,
  NO_ATTRIBUTES,
  type XmlDocument,
  type XmlElement,
  type XmlOptions,
  XmlTreeBuilder,
} from './xml-model.js'

export type {XmlDocument, XmlElement, XmlOptions} from './xml-model.js'

class Stop extends Error {}

export function readXml(text: string, given: XmlOptions = {}): XmlDocument {
  // A document handed over element by element is one long parse: the young generation is held as it goes.
  const options = given.consume ? {...given, consume: holdingYoungGeneration(given.consume)} : given
  const fast = readXmlFast(text, options)
  if (fast) return fast
  options.restart?.()
  return readXmlWithSaxes(text, options)
}

/** The reference reader: every document the fast path gives up on, with saxes' checks and errors. */
export function readXmlWithSaxes(text: string, options: XmlOptions = {}): XmlDocument {
  const parser = new (saxes().SaxesParser)({xmlns: true, position: true})
  const lines = createLineIndex(text)
  const tree = new XmlTreeBuilder(options)
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
    if (tree.depth >= MAX_XML_DEPTH) fail(`XML nested deeper than ${MAX_XML_DEPTH} levels`)
    const attributes = () => {
      let kept = NO_ATTRIBUTES
      for (const attribute of Object.values(tag.attributes)) {
        if (kept === NO_ATTRIBUTES) kept = bareObject<Record<string, string>>()
        const local = attribute.local || attribute.name
        if (attribute.prefix === 'xmlns' || attribute.name === 'xmlns') continue
        kept[local] = attribute.value
      }
      return kept
    }
    tree.open(tag.local ?? tag.name, tag.uri ?? '', attributes, () => ({line: tagLine, column: tagColumn}))
  })
  parser.on('closetag', () => tree.close())
  parser.on('text', (chunk) => tree.text(chunk))
  parser.on('cdata', (chunk) => tree.text(chunk))

  try {
    parser.write(text).close()
  } catch (thrown) {
    if (!(thrown instanceof Stop)) {
      if (thrown instanceof RangeError) return {ok: false, line: 1, column: 1, message: 'invalid XML: nesting too deep'}
      throw thrown
    }
  }
  if (failure) return {ok: false, ...failure}
  if (!tree.root) return {ok: false, line: 1, column: 1, message: 'invalid XML: no root element'}
  return {ok: true, root: tree.root}
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
