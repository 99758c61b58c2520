#!/usr/bin/env node
import {execute} from '@oclif/core'
import {redactDebugOutput, rememberStartupSecrets, safeLogger} from '../dist/core/debug-log.js'

// Before oclif starts: its debug log (DEBUG=*) prints argv, and the token must not appear in it.
rememberStartupSecrets(process.argv)
redactDebugOutput()
await execute({loadOptions: {root: import.meta.dirname, logger: safeLogger()}})
