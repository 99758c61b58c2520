/**
 * What a Ruby application or gem declares: Bundler's `Gemfile` (or `gems.rb`, its other name: ./gemfile.ts) and a
 * gem's `*.gemspec` (./gemspec.ts). Gems (libraries) usually commit no Gemfile.lock (gemfile-lock reads those that
 * do) and declare their dependencies in the gemspec; both files are listed when both are there. Ruby is code, and no
 * JS library reads it: both are read by a tolerant scanner of Ruby's literals (./lexer.ts) and of the calls that
 * declare gems (./calls.ts), never run. The gems of the tree itself, which Bundler serves from its folders, are
 * found through DiscoverContext (./local-gems.ts).
 */
import {elide} from '../../../core/elide.js'
import {createLineIndex} from '../../../core/line-index.js'
import type {DiscoverContext, Discoverer, DiscoverOutput} from '../../types.js'
import {readGemfile} from './gemfile.js'
import {readGemspec} from './gemspec.js'
import {type Out, skip} from './gems.js'
import {lexRuby} from './lexer.js'
import {servedBy, servedForGemspec} from './local-gems.js'

export const discoverer: Discoverer = {
  id: 'gemfile',
  description: 'Ruby Gemfile, gems.rb and *.gemspec: declared gems, groups, sources, git and path gems',
  matches(file) {
    return /(^|\/)(Gemfile|gems\.rb|[^/]+\.gemspec)$/.test(file) && !/(^|\/)(vendor|node_modules)\//.test(file)
  },
  discover: ({file, text}, context) => discoverGemfile(file, text, context),
}

export function discoverGemfile(file: string, text: string, context?: DiscoverContext): DiscoverOutput {
  const out: Out = {file, text, lines: createLineIndex(text), components: [], skipped: [], errors: []}
  const lexed = lexRuby(text)
  if (file.endsWith('.gemspec')) {
    const found = context?.listDir === undefined ? undefined : servedForGemspec(file, context)
    // A Gemfile's problems are reported with it; those of the folder beside a gemspec without one, here.
    if (found?.own) for (const problem of found.served.problems) skip(out, 0, problem.message)
    readGemspec(out, lexed, new Set(found?.served.names.keys()))
  } else {
    const facts = readGemfile(out, lexed, context)
    if (context?.listDir !== undefined) {
      const served = servedBy(file, facts.sources, context)
      for (const problem of served.problems) skip(out, problem.offset, problem.message)
      for (const gem of facts.defaulted) {
        const gemspec = served.names.get(gem.name)
        if (gemspec !== undefined)
          skip(
            out,
            gem.offset,
            `gem '${gem.name}': ${elide(gemspec, 200)} in the tree declares it, but Bundler takes a gem the Gemfile names without a source of its own from the default source, not from the folder: listed as that source's`,
          )
      }
    }
  }
  return {components: out.components, skipped: out.skipped, errors: out.errors}
}
