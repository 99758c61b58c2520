/** Per-stage progress on stderr, only when it is a terminal: machine output and CI logs stay clean. */
export function progressReporter(stream: NodeJS.WriteStream): ((stage: string, detail: string) => void) | undefined {
  if (!stream.isTTY) return undefined
  const started = Date.now()
  return (stage, detail) => {
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    stream.write(`\r\x1b[2K[${seconds}s] ${stage}: ${detail.slice(0, (stream.columns ?? 80) - 20)}`)
    if (stage === 'evaluate') stream.write('\n')
  }
}
