// Runs the CLI from src/ through tsx (no build needed), without dev mode's debug stack traces. The config ignores
// oclif.manifest.json, which points into dist/ (bin/source-config.js).
import {flush, handle, run} from '@oclif/core'
import {sourceConfig} from '../../bin/source-config.js'

await run(process.argv.slice(2), await sourceConfig())
  .then(() => flush())
  .catch((error) => handle(error))
