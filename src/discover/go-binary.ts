/**
 * A YAML `!!binary` scalar as the Go YAML libraries read it into an untyped value (go-yaml v2/v3 and
 * go.yaml.in/yaml/v4 `Constructor.scalar`: `base64.StdEncoding.DecodeString`, then the bytes as a string), which is
 * how Kubernetes (sigs.k8s.io/yaml), Helm and Compose read a key or a value written so. Written by hand: Node's and
 * the `yaml` library's base64 readers accept what Go refuses (a space, missing padding).
 */

/**
 * The text a `!!binary` scalar's content stands for, or why it stands for none (the end of a sentence about it, and
 * whether Go's readers refuse the file for it): Go's
 * standard alphabet, padded to whole groups of four, line breaks (`\r`, `\n`) skipped anywhere, any other character
 * refused; the bytes must be UTF-8 text (Go takes any bytes, but a name or an image is text).
 */
export function goBinaryText(content: string): {text: string} | {problem: string; goRefuses: boolean} {
  const data = content.replace(/[\r\n]/g, '')
  if (data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) return {problem: 'is not base64', goRefuses: true}
  try {
    return {text: new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(Buffer.from(data, 'base64'))}
  } catch {
    // Go would read these bytes; stewards does not take them for a name.
    return {problem: 'decodes to bytes that are not UTF-8 text', goRefuses: false}
  }
}
