#!/usr/bin/env -S node --import tsx --no-warnings
import {execute} from '@oclif/core'
import {sourceConfig} from './source-config.js'

await execute({development: true, dir: import.meta.url, loadOptions: await sourceConfig()})
