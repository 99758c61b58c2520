#!/usr/bin/env -S node --import tsx --no-warnings
import {execute} from '@oclif/core'
import {rememberStartupSecrets, safeLogger} from '../src/core/debug-log.ts'

// Before oclif starts: its debug log (DEBUG=*) prints argv, and the token must not appear in it.
rememberStartupSecrets(process.argv)
await execute({development: true, loadOptions: {root: import.meta.dirname, logger: safeLogger()}})
