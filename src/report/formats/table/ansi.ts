/** The five SGR colour codes the table uses; a colour library would add nothing for fixed codes. */
import type {Severity} from '../../../core/model.js'

export type Style = 'bold' | 'dim' | 'red' | 'yellow' | 'green' | 'cyan' | 'magenta'

const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  magenta: [35, 39],
  cyan: [36, 39],
}

export type Paint = (text: string, ...styles: Style[]) => string

export function painter(color: boolean): Paint {
  if (!color) return (text) => text
  return (text, ...styles) =>
    styles.reduce((out, style) => `\u001b[${CODES[style][0]}m${out}\u001b[${CODES[style][1]}m`, text)
}

export const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['magenta', 'bold'],
  high: ['red', 'bold'],
  medium: ['yellow'],
  low: ['cyan'],
  info: ['dim'],
}
