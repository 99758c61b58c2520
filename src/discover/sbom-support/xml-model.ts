/**
 * The element tree both XML readers build (./xml.ts with saxes, ./xml-fast.ts by hand), and the one builder they
 * share: skipped subtrees, consumed elements, text kept up to MAX_TEXT per element, the nesting cap.
 */
import type {Position} from '../../core/line-index.js'

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
/** Most elements have no attribute: they share one empty record (fewer objects kept for a large BOM). */
export const NO_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null))
const MAX_TEXT = 4096
const NOT_SPACE = /\S/

export class XmlTreeBuilder {
  root: XmlElement | undefined
  private readonly stack: XmlElement[] = []
  /** Depth inside a skipped subtree (0: not skipping). */
  private skipping = 0

  constructor(private readonly options: XmlOptions) {}

  /** Elements open now, built or skipped. */
  get depth(): number {
    return this.stack.length + this.skipping
  }

  /** A start tag: `attributes` and `position` are asked for only when the element is built. */
  open(name: string, uri: string, attributes: () => Record<string, string>, position: () => Position): void {
    if (this.skipping > 0) {
      this.skipping++
      return
    }
    if (this.options.skip?.({name, uri, depth: this.stack.length})) {
      this.skipping = 1
      return
    }
    const {line, column} = position()
    const element: XmlElement = {name, uri, attributes: attributes(), children: [], text: '', line, column}
    const parent = this.stack[this.stack.length - 1]
    if (parent) parent.children.push(element)
    else this.root = element
    this.stack.push(element)
  }

  close(): void {
    if (this.skipping > 0) {
      this.skipping--
      return
    }
    const element = this.stack.pop()
    const parent = this.stack[this.stack.length - 1]
    if (element && parent && this.options.consume?.(element, parent, this.stack.length)) parent.children.pop()
  }

  /** Character data (a run between markup, or a CDATA section). */
  text(chunk: string): void {
    const element = this.stack[this.stack.length - 1]
    // Whitespace between elements is layout, never a value (readers trim): not kept.
    if (this.skipping > 0 || !element || element.text.length >= MAX_TEXT || !NOT_SPACE.test(chunk)) return
    element.text += chunk.slice(0, MAX_TEXT - element.text.length)
  }
}
