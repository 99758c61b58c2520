#!/usr/bin/env -S node --import tsx --no-warnings
import {execute} from '@oclif/core'
import {redactDebugOutput, rememberStartupSecrets, safeLogger} from '../src/core/debug-log.ts'
import {sourceConfig} from './source-config.js'

// Before oclif starts: its debug log (DEBUG=*) prints argv, and the token must not appear in it.
rememberStartupSecrets(process.argv)
redactDebugOutput()
await execute({development: true, dir: import.meta.url, loadOptions: await sourceConfig({logger: safeLogger()})})
