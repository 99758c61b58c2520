/**
 * Signed in-toto attestations: the Statement (./in-toto.ts) as the base64 `payload` of a DSSE envelope
 * (https://github.com/in-toto/attestation/blob/main/spec/v1/envelope.md, payloadType `application/vnd.in-toto+json`),
 * alone in a `.json` file (`cosign download attestation`, one per line), inside a Sigstore bundle's `dsseEnvelope`
 * (`*.sigstore.json`; `gh attestation download` writes one bundle per line), or one per line of an in-toto bundle
 * (JSON Lines, `*.intoto.jsonl`: spec/v1/bundle.md, whose consumers ignore the lines they do not recognise). Signatures
 * are not checked: stewards reads what an attestation says, as it reads any SBOM, and verifying who signed it is
 * cosign's or `gh attestation verify`'s work. Written by hand: a few fields of plain JSON, decoded with Buffer.
 */
import {createLineIndex, type LineIndex} from '../../core/line-index.js'

/** The one payload type of in-toto Statements in DSSE. */
const IN_TOTO_PAYLOAD = 'application/vnd.in-toto+json'

/** A head that may hold an envelope: its two fields, or a Sigstore bundle's. */
const ENVELOPE_SIGN = /"(?:payloadType|dsseEnvelope)"/

/** A `payload` value as far as the head holds it: base64 (standard or URL-safe alphabet, as DSSE allows either). */
const PAYLOAD_START = /"payload"[ \t\r\n]*:[ \t\r\n]*"([A-Za-z0-9+/_-]{16,})/g

export interface EnvelopeStatement {
  /** The Statement's JSON text, decoded from the payload. */
  statement: string
  /** Where the envelope's `payload` key is in the file. */
  line: number
  column: number
}

/**
 * The start of each Statement whose payload begins in `head`, decoded from its base64:
 * each as far as the head holds it (a Statement of many subjects may write its predicate type after them). Empty when
 * the head holds no envelope.
 */
export function envelopeHeads(head: string): string[] {
  if (!ENVELOPE_SIGN.test(head) || !head.includes(IN_TOTO_PAYLOAD)) return []
  const heads: string[] = []
  for (const match of head.matchAll(PAYLOAD_START)) {
    const base64 = match[1]
    heads.push(Buffer.from(base64.slice(0, base64.length - (base64.length % 4)), 'base64').toString('utf8'))
  }
  return heads
}

/**
 * The Statements of a file of envelopes (one envelope or Sigstore bundle as a JSON document, or JSON Lines of them);
 * undefined when the text is none of these. Lines that are not envelopes of in-toto Statements are passed over.
 */
export function envelopeStatements(text: string): EnvelopeStatement[] | undefined {
  if (!ENVELOPE_SIGN.test(text.slice(0, 65_536))) return undefined
  const lines = createLineIndex(text)
  const whole = parsed(text)
  if (whole !== undefined) {
    const statement = statementOf(whole)
    return statement === undefined ? undefined : [{statement, ...payloadAt(text, 0, lines)}]
  }
  const found: EnvelopeStatement[] = []
  let start = 0
  while (start < text.length) {
    const end = text.indexOf('\n', start)
    const stop = end === -1 ? text.length : end
    const record = parsed(text.slice(start, stop))
    const statement = record === undefined ? undefined : statementOf(record)
    if (statement !== undefined) found.push({statement, ...payloadAt(text, start, lines)})
    start = stop + 1
  }
  return found.length > 0 ? found : undefined
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

/** The decoded Statement of a DSSE envelope, or of the one in a Sigstore bundle's `dsseEnvelope`. */
function statementOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const record = value as Record<string, unknown>
  const envelope = (
    typeof record.dsseEnvelope === 'object' && record.dsseEnvelope !== null ? record.dsseEnvelope : record
  ) as Record<string, unknown>
  if (envelope.payloadType !== IN_TOTO_PAYLOAD || typeof envelope.payload !== 'string') return undefined
  return Buffer.from(envelope.payload, 'base64').toString('utf8')
}

/** Where the first `payload` key from `from` on is written (the record's start when it cannot be found). */
function payloadAt(text: string, from: number, lines: LineIndex): {line: number; column: number} {
  const at = text.indexOf('"payload"', from)
  return lines.position(at === -1 ? from : at)
}
