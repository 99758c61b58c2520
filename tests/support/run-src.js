// Runs the CLI from src/ through tsx (no build needed), without dev mode's debug stack traces.
import {flush, handle, run} from '@oclif/core'

process.env.NODE_ENV = 'development'
await run(process.argv.slice(2), new URL('../../bin/run.js', import.meta.url).href)
  .then(() => flush())
  .catch((error) => handle(error))
