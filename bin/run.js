#!/usr/bin/env node
import {redactDebugOutput, rememberStartupSecrets, safeLogger} from '../dist/core/debug-log.js'

// Before oclif starts: its debug log (DEBUG=*) prints argv, and the token must not appear in it.
rememberStartupSecrets(process.argv)
redactDebugOutput()
// @oclif/core checks the running Node against its own engines (>= 18) with semver on import, which is a tenth of
// every start; stewards needs Node 20.11+ for its own code (package.json engines), so that check can never fail.
process.env.OCLIF_DISABLE_ENGINE_WARNING ??= '1'
const {execute} = await import('@oclif/core')
await execute({loadOptions: {root: import.meta.dirname, logger: safeLogger()}})
