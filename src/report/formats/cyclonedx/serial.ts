/**
 * A name-based UUID (RFC 9562 §5.5, version 5: SHA-1 of a namespace and a name) for the BOM's serialNumber, so
 * the same report gives the same serial number and any change gives another. Written with node:crypto: eight
 * lines, where a dependency would bring a whole UUID library for one call.
 */
import {createHash} from 'node:crypto'

/** Namespace of the serial numbers: uuid5(NAMESPACE_URL, 'https://github.com/stewards#cyclonedx-serial'). */
const NAMESPACE = Buffer.from('b57675854eda544681ae40db2dafb227', 'hex')

export function contentUuid(content: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(content, 'utf8').digest()
  hash[6] = (hash[6] & 0x0f) | 0x50
  hash[8] = (hash[8] & 0x3f) | 0x80
  const hex = hash.subarray(0, 16).toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
