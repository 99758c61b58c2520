/**
 * What a Ruby application or gem declares: Bundler's `Gemfile` (or `gems.rb`, its other name: ./gemfile.ts) and a
 * gem's `*.gemspec` (./gemspec.ts). Gems (libraries) usually commit no Gemfile.lock (gemfile-lock reads those that
 * do) and declare their dependencies in the gemspec; both files are listed when both are there. Ruby is code, and no
 * JS library reads it: both are read by a tolerant scanner of Ruby's literals (./lexer.ts) and of the calls that
 * declare gems (./calls.ts), never run.
 */
import {createLineIndex} from '../../lockfile-support/line-index.js'
import type {Discoverer, DiscoverOutput} from '../../types.js'
import {readGemfile} from './gemfile.js'
import {readGemspec} from './gemspec.js'
import type {Out} from './gems.js'
import {lexRuby} from './lexer.js'

export const discoverer: Discoverer = {
  id: 'gemfile',
  description: 'Ruby Gemfile, gems.rb and *.gemspec: declared gems, groups, sources, git and path gems',
  matches(file) {
    return /(^|\/)(Gemfile|gems\.rb|[^/]+\.gemspec)$/.test(file) && !/(^|\/)(vendor|node_modules)\//.test(file)
  },
  discover: ({file, text}) => discoverGemfile(file, text),
}

export function discoverGemfile(file: string, text: string): DiscoverOutput {
  const out: Out = {file, text, lines: createLineIndex(text), components: [], skipped: [], errors: []}
  const lexed = lexRuby(text)
  if (file.endsWith('.gemspec')) readGemspec(out, lexed)
  else readGemfile(out, lexed)
  return {components: out.components, skipped: out.skipped, errors: out.errors}
}
