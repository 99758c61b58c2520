import {neutraliseLine} from '../core/neutralise.js'
import {redactSecrets} from '../core/redact.js'

/** Per-stage progress on stderr, only when it is a terminal: machine output and CI logs stay clean. */
export function progressReporter(stream: NodeJS.WriteStream): ((stage: string, detail: string) => void) | undefined {
  if (!stream.isTTY) return undefined
  const started = Date.now()
  return (stage, detail) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    // A pseudo-terminal may report 0 columns: fall back to 80.
    const width = stream.columns || 80
    // Details name paths and repositories: made inert like every other output (src/core/neutralise.ts).
    const line = neutraliseLine(redactSecrets(`[${seconds}s] ${stage}: ${detail}`))
    stream.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`)
    if (stage === 'done') stream.write('\n')
  }
}
