import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverContext, DiscoverOutput} from '../../types.js'
import {discoverer} from './index.js'
import {MAX_GEMSPECS, MAX_LISTINGS} from './local-gems.js'

const discover = (file: string, text: string) =>
  discoverer.discover({file, text}, {readText: () => null}) as Required<DiscoverOutput>
const gemfile = (text: string) => discover('Gemfile', text)
const gemspec = (text: string) => discover('acme.gemspec', text)
const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

/** A scan of the files given (path → text), folders listed as the discover stage lists them; reads counted. */
function tree(files: Record<string, string>): DiscoverContext & {listings: number; reads: number} {
  const context = {
    listings: 0,
    reads: 0,
    readText: (file: string) => {
      context.reads++
      return files[file] ?? null
    },
    exists: (file: string) => file in files,
    listDir: (dir: string) => {
      context.listings++
      const prefix = dir === '.' ? '' : `${dir}/`
      const names = new Set<string>()
      for (const file of Object.keys(files))
        if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0])
      return names.size > 0 ? [...names].sort() : null
    },
  }
  return context
}

/** A scan of a folder of __fixtures__. */
function fixtureTree(dir: string): DiscoverContext {
  const at = (path: string) => new URL(`./__fixtures__/${dir}/${path === '.' ? '' : path}`, import.meta.url)
  return {
    readText: (file) => (existsSync(at(file)) ? readFileSync(at(file), 'utf8') : null),
    exists: (file) => existsSync(at(file)),
    listDir: (path) => {
      try {
        return readdirSync(at(path)).sort()
      } catch {
        return null
      }
    },
  }
}

const scan = (context: DiscoverContext, file: string, text?: string) =>
  discoverer.discover({file, text: text ?? context.readText(file) ?? ''}, context) as Required<DiscoverOutput>

/** `line:column ref version scope [local] purl`, a component a row. */
const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'} ${c.scope}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
  )
const skips = (out: Required<DiscoverOutput>) => out.skipped.map((s) => `${s.line} ${s.reason} ${s.message}`)
const errors = (out: Required<DiscoverOutput>) => out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message}`)

describe('gemfile', () => {
  it('matches Gemfile, gems.rb and *.gemspec at any depth, not vendored or under node_modules', () => {
    expect(discoverer.matches('Gemfile')).toBe(true)
    expect(discoverer.matches('gems.rb')).toBe(true)
    expect(discoverer.matches('acme.gemspec')).toBe(true)
    expect(discoverer.matches('engines/billing/Gemfile')).toBe(true)
    expect(discoverer.matches('engines/billing/billing.gemspec')).toBe(true)
    expect(discoverer.matches('Gemfile.lock')).toBe(false)
    expect(discoverer.matches('gems.locked')).toBe(false)
    expect(discoverer.matches('MyGemfile')).toBe(false)
    expect(discoverer.matches('gemfiles/rails_7.gemfile')).toBe(false)
    expect(discoverer.matches('acme.gemspec.orig')).toBe(false)
    expect(discoverer.matches('vendor/bundle/ruby/3.3.0/gems/rack-3.0.0/rack.gemspec')).toBe(false)
    expect(discoverer.matches('app/vendor/Gemfile')).toBe(false)
    expect(discoverer.matches('node_modules/x/Gemfile')).toBe(false)
  })

  describe('real projects', () => {
    it("reads Rails' Gemfile: groups, platforms blocks, a path gem, a git branch, a computed requirement", () => {
      const out = gemfile(fixture('rails/Gemfile'))
      expect(rows(out)).toEqual([
        '6:6 minitest ~> 6.0 - prod pkg:gem/minitest',
        '7:6 minitest-mock - prod pkg:gem/minitest-mock',
        // `path:`: a gem of the tree itself.
        '9:6 releaser - prod local -',
        '11:6 sprockets-rails >= 2.0.0 - prod pkg:gem/sprockets-rails',
        '12:6 propshaft >= 0.1.7, != 1.0.1 - prod pkg:gem/propshaft',
        '13:6 capybara >= 3.39 - prod pkg:gem/capybara',
        '15:6 json >= 2.0.0, !=2.7.0 - prod pkg:gem/json',
        '17:6 prism - prod pkg:gem/prism',
        '20:8 rubocop 1.79.2 1.79.2 dev pkg:gem/rubocop@1.79.2',
        '21:8 rubocop-minitest - dev pkg:gem/rubocop-minitest',
        '22:8 rubocop-packaging - dev pkg:gem/rubocop-packaging',
        '23:8 rubocop-performance - dev pkg:gem/rubocop-performance',
        '24:8 rubocop-rails - dev pkg:gem/rubocop-rails',
        '25:8 rubocop-md - dev pkg:gem/rubocop-md',
        '26:8 rubocop-rails-omakase - dev pkg:gem/rubocop-rails-omakase',
        '30:8 sdoc ~> 2.6.4 - dev pkg:gem/sdoc',
        '31:8 redcarpet ~> 3.6.1 - dev pkg:gem/redcarpet',
        '32:8 w3c_validators ~> 1.3.6 - dev pkg:gem/w3c_validators',
        // Both branches of `if rack_version != "head"`: either may be installed.
        '38:8 rack - prod pkg:gem/rack',
        '40:8 rack - prod pkg:gem/rack?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Frack%2Frack.git%40main',
        '48:8 minitest-retry - dev pkg:gem/minitest-retry',
        // `platforms :mri do` inside `group :test do`: still the test group's.
        '51:10 stackprof - dev pkg:gem/stackprof',
        '52:10 debug >= 1.1.0 - dev pkg:gem/debug',
        '56:8 brakeman - dev pkg:gem/brakeman',
        '57:8 bundler-audit - dev pkg:gem/bundler-audit',
        '61:8 nokogiri >= 1.8.1, != 1.11.0 - prod pkg:gem/nokogiri',
        '64:8 sqlite3 >= 2.1 - prod pkg:gem/sqlite3',
        // `group :db` is no development group: Bundler installs it (no BUNDLE_WITHOUT in the tree says otherwise).
        '67:10 pg ~> 1.3 - prod pkg:gem/pg',
        '68:10 mysql2 ~> 0.5, < 0.5.7 - prod pkg:gem/mysql2',
        '69:10 trilogy >= 2.7.0 - prod pkg:gem/trilogy',
        '73:6 tzinfo-data - prod pkg:gem/tzinfo-data',
        '74:6 wdm >= 0.1.0 - prod pkg:gem/wdm',
        '76:6 launchy - prod pkg:gem/launchy',
      ])
      expect(skips(out)).toEqual([
        "38 unsupported gem 'rack': a requirement is computed (rack_version), and the file is never run: listed without it",
      ])
      expect(out.errors).toEqual([])
      expect(out.components.every((c) => c.direct === true && c.ecosystem === 'gem' && c.kind === 'package')).toBe(true)
    })

    it("reads rack's Gemfile (gems under if/else and unless inside groups) and its gemspec", () => {
      const out = gemfile(fixture('rack/Gemfile'))
      expect(rows(out)).toEqual([
        '8:8 rubocop - dev pkg:gem/rubocop',
        '9:8 rubocop-packaging - dev pkg:gem/rubocop-packaging',
        '14:10 rdoc < 8 - dev pkg:gem/rdoc',
        '16:10 rdoc - dev pkg:gem/rdoc',
        '21:8 logger - dev pkg:gem/logger',
        '22:8 webrick - dev pkg:gem/webrick',
        '25:10 bake-test-external - dev pkg:gem/bake-test-external',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
      // The gemspec's heredoc, `%w()` list and metadata hash are read past; its development dependencies are dev.
      const spec = discover('rack.gemspec', fixture('rack/rack.gemspec'))
      expect(rows(spec)).toEqual([
        '36:33 minitest > 5 - dev pkg:gem/minitest',
        '37:33 minitest-global_expectations - dev pkg:gem/minitest-global_expectations',
        '39:33 bundler - dev pkg:gem/bundler',
        '40:33 rake - dev pkg:gem/rake',
      ])
      expect(spec.skipped).toEqual([])
      expect(spec.errors).toEqual([])
    })

    it("reads sinatra's gemspec past a heredoc holding a label, a requirement from a variable reported", () => {
      const out = discover('sinatra.gemspec', fixture('sinatra/sinatra.gemspec'))
      expect(rows(out)).toEqual([
        '47:21 logger >= 1.6.0 - prod pkg:gem/logger',
        '48:21 mustermann ~> 3.0 - prod pkg:gem/mustermann',
        '49:21 rack >= 3.0.0, < 4 - prod pkg:gem/rack',
        '50:21 rack-protection - prod pkg:gem/rack-protection',
        '51:21 rack-session >= 2.0.0, < 3 - prod pkg:gem/rack-session',
        '52:21 tilt ~> 2.0 - prod pkg:gem/tilt',
      ])
      expect(skips(out)).toEqual([
        "50 unsupported add_dependency 'rack-protection': a requirement is computed (version), and the file is never run: listed without it",
      ])
      expect(out.errors).toEqual([])
    })
  })

  describe('Gemfile', () => {
    it('keeps one exact requirement as the version, others in ref as written; computed ones reported', () => {
      const out = gemfile(`source 'https://rubygems.org'
gem 'exact', '= 1.2.3'
gem 'bare', '2.0.0.pre1'
gem("parens", "~> 7.1", ">= 7.1.2", require: false)
gem 'array', ['>= 1', '< 2']
gem 'words', %w[>=1.0 <2]
gem 'frozen', '3.1.4'.freeze
gem 'two-exact', '1.0', '1.0'
gem 'spaced', '  =  4.5  '
gem 'not-equal', '!= 1.0'
gem 'latest', 'latest'
gem 'symbol-req', :latest
gem 'computed', RAILS_VERSION
gem 'interpolated', "~> #{major}.0"
gem 'mixed', '>= 1', ENV.fetch('X', '< 2')
`)
      expect(rows(out)).toEqual([
        '2:6 exact = 1.2.3 1.2.3 prod pkg:gem/exact@1.2.3',
        // RubyGems reads a bare version as `= 2.0.0.pre1`.
        '3:6 bare 2.0.0.pre1 2.0.0.pre1 prod pkg:gem/bare@2.0.0.pre1',
        '4:6 parens ~> 7.1, >= 7.1.2 - prod pkg:gem/parens',
        '5:6 array >= 1, < 2 - prod pkg:gem/array',
        '6:6 words >=1.0, <2 - prod pkg:gem/words',
        '7:6 frozen 3.1.4 3.1.4 prod pkg:gem/frozen@3.1.4',
        '8:6 two-exact 1.0, 1.0 - prod pkg:gem/two-exact',
        '9:6 spaced =  4.5 4.5 prod pkg:gem/spaced@4.5',
        '10:6 not-equal != 1.0 - prod pkg:gem/not-equal',
        // Not a requirement: reported, and not in ref.
        '11:6 latest - prod pkg:gem/latest',
        '12:6 symbol-req - prod pkg:gem/symbol-req',
        '13:6 computed - prod pkg:gem/computed',
        '14:6 interpolated - prod pkg:gem/interpolated',
        '15:6 mixed >= 1 - prod pkg:gem/mixed',
      ])
      expect(skips(out)).toEqual([
        "13 unsupported gem 'computed': a requirement is computed (RAILS_VERSION), and the file is never run: listed without it",
        `14 unsupported gem 'interpolated': a requirement is computed ("~> #{major}.0"), and the file is never run: listed without it`,
        "15 unsupported gem 'mixed': a requirement is computed (ENV.fetch('X', '< 2')), and the file is never run: listed without it",
      ])
      expect(errors(out)).toEqual([
        "11:16 invalid-entry gem 'latest': 'latest' is not a requirement (e.g. '~> 1.2', '>= 1.0', '1.2.3')",
        "12:20 invalid-entry gem 'symbol-req': :latest is not a requirement",
      ])
    })

    it('gives scopes by group blocks and options; platforms, install_if and env change nothing', () => {
      const out = gemfile(`gem 'plain'
group :development, :test do
  gem 'rspec'
  group :ci do
    gem 'ci-only'
  end
  gem 'default-too', group: :default
end
gem 'opt-test', group: :test
gem 'opt-groups', groups: [:development, :production]
gem 'opt-words', groups: %w[lint docs]
gem 'opt-string', :group => 'test'
group :production, :staging do
  gem 'pg'
end
group(:test) { gem 'braced' }
group :docs, optional: true do
  platforms :jruby do
    gem 'nested-platform'
  end
  install_if -> { RUBY_PLATFORM =~ /darwin/ } do
    gem 'install-if'
  end
  env 'CI' do
    gem 'in-env'
  end
end
group *GROUPS do
  gem 'computed-group'
end
gem 'after'
`)
      expect(rows(out)).toEqual([
        '1:6 plain - prod pkg:gem/plain',
        '3:8 rspec - dev pkg:gem/rspec',
        '5:10 ci-only - dev pkg:gem/ci-only',
        '7:8 default-too - prod pkg:gem/default-too',
        '9:6 opt-test - dev pkg:gem/opt-test',
        // In production too: installed where the application runs.
        '10:6 opt-groups - prod pkg:gem/opt-groups',
        '11:6 opt-words - dev pkg:gem/opt-words',
        '12:6 opt-string - dev pkg:gem/opt-string',
        '14:8 pg - prod pkg:gem/pg',
        '16:21 braced - dev pkg:gem/braced',
        '19:10 nested-platform - dev pkg:gem/nested-platform',
        '22:10 install-if - dev pkg:gem/install-if',
        '25:10 in-env - dev pkg:gem/in-env',
        '29:8 computed-group - prod pkg:gem/computed-group',
        // Every block closed: the gem after them is in no group.
        '31:6 after - prod pkg:gem/after',
      ])
      expect(skips(out)).toEqual([
        '28 unsupported group *GROUPS is computed, and the file is never run: its gems are listed as prod',
      ])
      expect(out.errors).toEqual([])
    })

    it('gives each gem its source: registries, git and its shorthands, paths; credentials never kept', () => {
      const out = gemfile(`source 'https://rubygems.org'
gem 'public'
gem 'own-source', source: 'https://gems.example-corp.com'
gem 'public-source', source: 'https://rubygems.org'
source 'https://deploy:s3cr3t-pass@gems.example-corp.com/private/' do
  gem 'in-block'
  gem 'block-then-git', git: 'https://git.example-corp.com/acme/x.git'
end
source "https://#{ENV['GEMS_TOKEN']}@gems.acme.example/" do
  gem 'token-interpolated'
end
source ENV.fetch('PRIVATE_GEMS') do
  gem 'computed-block-source'
end
gem 'computed-option', source: private_source
gem 'git', git: 'https://ci:t0ken-value@git.example-corp.com/acme/git.git', branch: 'main', tag: 'v1', ref: 'abc1234'
gem 'git-ssh', git: 'git@github.com:acme/ssh.git', tag: 'v2'
gem 'git-branch', git: 'https://github.com/acme/branch/', branch: 'stable'
gem 'git-version', '1.4.0', git: 'https://github.com/acme/versioned.git'
gem 'hub', github: 'acme/hub'
gem 'rails', github: 'rails', ref: 'a9752dcfd15bcddfe7b6f7126f3a6e0ba5927c56'
gem 'pull', github: 'https://github.com/acme/pull/pull/42'
gem 'lab', gitlab: 'acme-group/sub/lab'
gem 'merge', gitlab: 'https://gitlab.com/acme/merge/-/merge_requests/7'
gem 'bucket', bitbucket: 'acme/bucket'
gem 'bucket-short', bitbucket: 'acme'
gem 'gist', gist: 'a1b2c3'
gem 'computed-git', git: REPO
gem 'local', path: '../local'
gem 'local-versioned', '1.0', path: 'vendored/x'
gem 'path-over-git', path: 'x', git: 'https://github.com/acme/x.git'
gem 'options', **opts
git 'https://github.com/acme/monorepo.git', branch: '2-0-stable' do
  gem 'mono-a'
  gem 'mono-own', github: 'acme/own'
end
github 'acme/hubmono', tag: 'v3' do
  gem 'hubmono-a'
end
path 'engines' do
  gem 'engine'
end
`)
      expect(rows(out)).toEqual([
        '2:6 public - prod pkg:gem/public',
        // Another registry, as Bundler writes it in Gemfile.lock (ending with `/`).
        '3:6 own-source - prod pkg:gem/own-source?repository_url=https%3A%2F%2Fgems.example-corp.com%2F',
        '4:6 public-source - prod pkg:gem/public-source',
        '6:8 in-block - prod pkg:gem/in-block?repository_url=https%3A%2F%2Fgems.example-corp.com%2Fprivate%2F',
        // A gem's own git option wins over the block's source.
        '7:8 block-then-git - prod pkg:gem/block-then-git?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-corp.com%2Facme%2Fx.git',
        // The interpolation is only the userinfo: the registry is known.
        '10:8 token-interpolated - prod pkg:gem/token-interpolated?repository_url=https%3A%2F%2Fgems.acme.example%2F',
        // `ref` wins over `branch` and `tag`, as in Bundler::Source::Git.
        '16:6 git - prod pkg:gem/git?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-corp.com%2Facme%2Fgit.git%40abc1234',
        '17:6 git-ssh - prod pkg:gem/git-ssh?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Facme%2Fssh.git%40v2',
        '18:6 git-branch - prod pkg:gem/git-branch?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fbranch%40stable',
        '19:6 git-version 1.4.0 1.4.0 prod pkg:gem/git-version@1.4.0?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fversioned.git',
        '20:6 hub - prod pkg:gem/hub?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fhub.git',
        '21:6 rails - prod pkg:gem/rails?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Frails%2Frails.git%40a9752dcfd15bcddfe7b6f7126f3a6e0ba5927c56',
        '22:6 pull - prod pkg:gem/pull?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fpull.git%40refs%2Fpull%2F42%2Fhead',
        '23:6 lab - prod pkg:gem/lab?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.com%2Facme-group%2Fsub%2Flab.git',
        '24:6 merge - prod pkg:gem/merge?vcs_url=git%2Bhttps%3A%2F%2Fgitlab.com%2Facme%2Fmerge.git%40refs%2Fmerge-requests%2F7%2Fhead',
        '25:6 bucket - prod pkg:gem/bucket?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Facme%2Fbucket.git',
        '26:6 bucket-short - prod pkg:gem/bucket-short?vcs_url=git%2Bhttps%3A%2F%2Fbitbucket.org%2Facme%2Facme.git',
        '27:6 gist - prod pkg:gem/gist?vcs_url=git%2Bhttps%3A%2F%2Fgist.github.com%2Fa1b2c3.git',
        '29:6 local - prod local -',
        '30:6 local-versioned 1.0 1.0 prod local -',
        '31:6 path-over-git - prod local -',
        '34:8 mono-a - prod pkg:gem/mono-a?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fmonorepo.git%402-0-stable',
        '35:8 mono-own - prod pkg:gem/mono-own?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fown.git',
        '38:8 hubmono-a - prod pkg:gem/hubmono-a?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fhubmono.git%40v3',
        '41:8 engine - prod local -',
      ])
      expect(skips(out)).toEqual([
        "13 unsupported gem 'computed-block-source': its source is computed (ENV.fetch('PRIVATE_GEMS')), and the file is never run: not listed, as where it comes from is not known",
        "15 unsupported gem 'computed-option': its source is computed (private_source), and the file is never run: not listed, as where it comes from is not known",
        "28 unsupported gem 'computed-git': its git repository is computed (git: REPO), and the file is never run: not listed, as where it comes from is not known",
        "32 unsupported gem 'options': its options are computed (**opts): not listed, as where it comes from is not known",
      ])
      expect(out.errors).toEqual([])
      const written = JSON.stringify(out)
      for (const secret of ['s3cr3t-pass', 'deploy', 't0ken-value', 'ci:', 'GEMS_TOKEN'])
        expect(written).not.toContain(secret)
    })

    it("expands the file's git_source templates, replacing Bundler's own; another block is computed", () => {
      const out = gemfile(`git_source(:github) { |repo| "https://github.com/#{repo}.git" }
git_source(:acme) do |repo_name|
  repo_name = "#{repo_name}/#{repo_name}" unless repo_name.include?("/")
  "https://git.example-corp.com/#{repo_name}.git"
end
git_source(:weird) { |repo| Resolver.url_for(repo) }
gem 'hub', github: 'acme/hub'
gem 'pull', github: 'https://github.com/acme/x/pull/1'
gem 'acme-one', acme: 'tools'
gem 'acme-two', acme: 'team/tools', branch: 'dev'
gem 'weird', weird: 'x'
`)
      expect(rows(out)).toEqual([
        '7:6 hub - prod pkg:gem/hub?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Facme%2Fhub.git',
        // The file's own github source knows no pull requests: the URL is what Bundler would make of it.
        '8:6 pull - prod pkg:gem/pull?vcs_url=git%2Bhttps%3A%2F%2Fgithub.com%2Fhttps%3A%2F%2Fgithub.com%2Facme%2Fx%2Fpull%2F1.git',
        '9:6 acme-one - prod pkg:gem/acme-one?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-corp.com%2Ftools%2Ftools.git',
        '10:6 acme-two - prod pkg:gem/acme-two?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-corp.com%2Fteam%2Ftools.git%40dev',
      ])
      expect(skips(out)).toEqual([
        "11 unsupported gem 'weird': its git repository is computed by git_source(:weird) at line 6, and the file is never run: not listed, as where it comes from is not known",
      ])
      expect(out.errors).toEqual([])
    })

    it('reports several top-level sources at the second, and takes the last private one for gems without one', () => {
      const out = gemfile(`source 'https://rubygems.org'
source 'https://ops:hunter2@gems.example-corp.com'
source 'https://rubygems.org/'
gem 'ambiguous'
gem 'own', source: 'https://rubygems.org'
`)
      expect(rows(out)).toEqual([
        '4:6 ambiguous - prod pkg:gem/ambiguous?repository_url=https%3A%2F%2Fgems.example-corp.com%2F',
        '5:6 own - prod pkg:gem/own',
      ])
      expect(errors(out)).toEqual([
        '2:1 invalid-entry Gemfile: more than one top-level source (https://rubygems.org/, https://gems.example-corp.com/): Bundler refuses such a Gemfile (each source after the first must be a block); gems without a source of their own are listed as from https://gems.example-corp.com/',
      ])
      expect(JSON.stringify(out)).not.toContain('hunter2')
      // One private source alone is every gem's; the same source twice is one.
      const single = gemfile(
        `source 'https://gems.example-corp.com'\nsource "https://gems.example-corp.com/"\ngem 'x'\n`,
      )
      expect(rows(single)).toEqual(['3:6 x - prod pkg:gem/x?repository_url=https%3A%2F%2Fgems.example-corp.com%2F'])
      expect(single.errors).toEqual([])
      const computed = gemfile(`source ENV['GEM_SOURCE'] || 'https://rubygems.org'\ngem 'x'\n`)
      expect(rows(computed)).toEqual(['2:6 x - prod pkg:gem/x'])
      expect(skips(computed)).toEqual([
        "1 unsupported source ENV['GEM_SOURCE'] || 'https://rubygems.org' is computed, and the file is never run: not read; gems without a source of their own are taken as rubygems.org's",
      ])
    })

    it('follows eval_gemfile as Bundler evaluates it: in the blocks around the call, its gems located in the evaluated file', () => {
      const files = {
        'app/Gemfile': `source 'https://gems.example-org.test'
eval_gemfile '../shared/common.rb'
gem 'rails', '~> 7.1'
group :test do
  eval_gemfile File.expand_path('test.rb', __dir__)
end
eval_gemfile File.join(__dir__, 'Gemfile.local') if File.exist?('Gemfile.local')
eval_gemfile ENV['EXTRA']
eval_gemfile 'Gemfile'
`,
        'shared/common.rb': "gem 'pg', '1.5.4'\neval_gemfile 'nested.rb'\n",
        'shared/nested.rb':
          "git_source(:acme) { |repo| \"https://git.example-org.test/#{repo}.git\" }\ngem 'sidekiq', '>= 7'\neval_gemfile '../app/Gemfile'\n",
        'app/test.rb': "gem 'rspec-rails'\ngroup :production do\n  gem 'lograge', acme: 'ops/lograge'\nend\n",
      }
      const out = discoverer.discover(
        {file: 'app/Gemfile', text: files['app/Gemfile']},
        tree(files),
      ) as Required<DiscoverOutput>
      expect(
        out.components.map((c) => `${c.locations[0].file}:${c.locations[0].line} ${c.name} ${c.scope} ${c.purl}`),
      ).toEqual([
        // The evaluating Gemfile's default source is the evaluated files' too.
        'shared/common.rb:1 pg prod pkg:gem/pg@1.5.4?repository_url=https%3A%2F%2Fgems.example-org.test%2F',
        'shared/nested.rb:2 sidekiq prod pkg:gem/sidekiq?repository_url=https%3A%2F%2Fgems.example-org.test%2F',
        'app/Gemfile:3 rails prod pkg:gem/rails?repository_url=https%3A%2F%2Fgems.example-org.test%2F',
        'app/test.rb:1 rspec-rails dev pkg:gem/rspec-rails?repository_url=https%3A%2F%2Fgems.example-org.test%2F',
        // Groups add up across files (test, then production: installed), and a git_source of another file is known.
        'app/test.rb:3 lograge prod pkg:gem/lograge?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-org.test%2Fops%2Flograge.git',
      ])
      expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.message}`)).toEqual([
        "shared/nested.rb:3 eval_gemfile '../app/Gemfile': app/Gemfile is already being evaluated (a cycle); its gems are not listed",
        "app/Gemfile:7 eval_gemfile File.join(__dir__, 'Gemfile.local'): app/Gemfile.local is not a readable file of the tree; its gems are not listed",
        "app/Gemfile:8 eval_gemfile ENV['EXTRA']: the path is computed, and the file is never run; its gems are not listed",
        "app/Gemfile:9 eval_gemfile 'Gemfile': app/Gemfile is already being evaluated (a cycle); its gems are not listed",
      ])
      expect(out.errors).toEqual([])
    })

    it('evaluates at most 64 Gemfiles from one, and says where it stopped', () => {
      const files: Record<string, string> = {Gemfile: "eval_gemfile 'g0.rb'\n"}
      for (let i = 0; i < 70; i++) files[`g${i}.rb`] = `gem 'gem${i}'\neval_gemfile 'g${i + 1}.rb'\n`
      const out = discoverer.discover({file: 'Gemfile', text: files.Gemfile}, tree(files)) as Required<DiscoverOutput>
      expect(out.components).toHaveLength(64)
      expect(out.skipped.map((s) => `${s.file}:${s.line} ${s.message}`)).toEqual([
        "g63.rb:2 eval_gemfile 'g64.rb': more than 64 Gemfiles evaluated from one; its gems are not listed",
      ])
    })

    it('lists nothing for gemspec, ruby and plugin; reports eval_gemfile, computed names and bad ones', () => {
      const out = gemfile(`source 'https://rubygems.org'
ruby '3.3.0'
gemspec
gemspec path: 'engines/core', name: 'core'
eval_gemfile 'Gemfile.common'
eval_gemfile File.expand_path('../Gemfile.shared', __dir__)
plugin 'bundler-graph'
gem
gem :symbol
gem 42
gem '__proto__'
gem 'white space'
gem 'ünïcode'
gem "rails-#{edge}"
gem name
%w[a b].each { |g| gem g }
gem = 'not a call'
gem.foo
gem 'last'
`)
      expect(rows(out)).toEqual(['19:6 last - prod pkg:gem/last'])
      expect(skips(out)).toEqual([
        "5 unsupported eval_gemfile 'Gemfile.common': Gemfile.common is not a readable file of the tree; its gems are not listed",
        "6 unsupported eval_gemfile File.expand_path('../Gemfile.shared', __dir__): ../Gemfile.shared is not a readable file of the tree; its gems are not listed",
        `14 unsupported gem: the gem's name is computed ("rails-#{edge}"), and the file is never run: not read`,
        "15 unsupported gem: the gem's name is computed (name), and the file is never run: not read",
        "16 unsupported gem: the gem's name is computed (g), and the file is never run: not read",
      ])
      expect(errors(out)).toEqual([
        '8:1 invalid-entry gem without a gem name',
        "9:6 invalid-entry gem: a gem's name is a string, not :symbol",
        "10:5 invalid-entry gem: a gem's name is a string, not 42",
        "11:6 forbidden-key forbidden gem name '__proto__' ignored",
        "12:6 invalid-entry gem: 'white space' is not a gem name (letters, digits, '.', '-', '_')",
        "13:6 invalid-entry gem: 'ünïcode' is not a gem name (letters, digits, '.', '-', '_')",
      ])
    })

    it("reads past Ruby's literals, comments and blocks, finding gems wherever a statement starts", () => {
      const out = gemfile(fixture('acme/Gemfile'))
      expect(rows(out)).toEqual([
        // Nothing from =begin comments, heredocs, escaped quotes, percent literals, regular expressions, commands.
        '13:6 after-heredocs - prod pkg:gem/after-heredocs',
        '25:6 after-literals - prod pkg:gem/after-literals',
        '26:36 if-then - prod pkg:gem/if-then',
        '28:8 unless-block - prod pkg:gem/unless-block',
        '32:8 jruby-only - prod pkg:gem/jruby-only',
        '34:8 case-else - prod pkg:gem/case-else',
        '37:8 in-loop - prod pkg:gem/in-loop',
        // `while … do`: one block, one `end`.
        '39:21 in-while - prod pkg:gem/in-while',
        // `def helper = 1` needs no `end`: the blocks after it close where they do.
        '42:8 in-def - prod pkg:gem/in-def',
        '45:8 in-begin - prod pkg:gem/in-begin',
        '47:8 in-rescue - prod pkg:gem/in-rescue',
        '49:6 a - prod pkg:gem/a',
        '49:15 b - prod pkg:gem/b',
        '50:6 modified - prod pkg:gem/modified',
        '51:6 multi-line >= 1 - prod pkg:gem/multi-line',
        '56:4 parens-multi ~> 2.0 - prod pkg:gem/parens-multi',
        '60:6 after-method-keyword - prod pkg:gem/after-method-keyword',
      ])
      expect(out.skipped).toEqual([])
      expect(out.errors).toEqual([])
    })

    it('takes a regular expression or heredoc only where Ruby surely reads one', () => {
      const out = gemfile(`x = y /2
gem 'after-divide'
list <<item
gem 'after-append'
s = "a" "b"
gem 'concat', '1' '.0'
gem 'syms', :require => false, :group => :test
gem 'strkey', "group": :test
z = a ? b : c
gem 'after-ternary'
w = [?a, ?b, ?', ?"]
gem 'after-chars'
h = {"a":"b"}
gem 'after-json-hash'
v = $' + $"
gem 'after-globals'
`)
      expect(rows(out)).toEqual([
        '2:6 after-divide - prod pkg:gem/after-divide',
        '4:6 after-append - prod pkg:gem/after-append',
        // Adjacent literals are one string, as Ruby joins them.
        '6:6 concat 1.0 1.0 prod pkg:gem/concat@1.0',
        '7:6 syms - dev pkg:gem/syms',
        '8:6 strkey - dev pkg:gem/strkey',
        '10:6 after-ternary - prod pkg:gem/after-ternary',
        '12:6 after-chars - prod pkg:gem/after-chars',
        '14:6 after-json-hash - prod pkg:gem/after-json-hash',
        '16:6 after-globals - prod pkg:gem/after-globals',
      ])
      expect(out.errors).toEqual([])
    })
  })

  describe('gemspec', () => {
    it('reads runtime and development dependencies on any receiver, generated gemspecs too', () => {
      const out = discover('acme-widget.gemspec', fixture('acme/acme-widget.gemspec'))
      expect(rows(out)).toEqual([
        // `%q<rack>.freeze` with an array of frozen requirements, as `gem build` writes it.
        '11:33 rack >= 2.0, < 4 - prod pkg:gem/rack',
        '12:37 rspec = 3.12.0 3.12.0 dev pkg:gem/rspec@3.12.0',
        // Line 14, the `else` of `if s.respond_to? :add_runtime_dependency`, runs on no RubyGems since 1.2: not read.
        '19:24 json - prod pkg:gem/json',
        '20:24 multi >= 1, < 2 - prod pkg:gem/multi',
        '23:32 exact 1.4.2 1.4.2 prod pkg:gem/exact@1.4.2',
        '24:36 rake ~> 13.0 - dev pkg:gem/rake',
        '25:24 platform-specific - prod pkg:gem/platform-specific',
        '26:24 version-var - prod pkg:gem/version-var',
        '28:24 splat - prod pkg:gem/splat',
      ])
      expect(skips(out)).toEqual([
        "26 unsupported add_dependency 'version-var': a requirement is computed (Acme::VERSION), and the file is never run: listed without it",
        "27 unsupported add_dependency: the gem's name is computed (name), and the file is never run: not read",
        "28 unsupported add_dependency 'splat': a requirement is computed (*REQUIREMENTS), and the file is never run: listed without it",
      ])
      expect(errors(out)).toEqual([
        "29:24 forbidden-key forbidden gem name '__proto__' ignored",
        '30:8 invalid-entry add_dependency without a gem name',
      ])
    })

    it('reads no gem line of a gemspec, nor a dependency call of a Gemfile', () => {
      expect(gemspec(`gem 'not-in-a-gemspec'\nspec.add_dependency 'x'\n`).components.map((c) => c.name)).toEqual(['x'])
      expect(gemfile(`spec.add_dependency 'x'\n`).components).toEqual([])
    })
  })

  describe('syntax errors', () => {
    it('keeps what was read before an unterminated string, heredoc, regexp or =begin, at its line', () => {
      const cases = {
        // The string opened at line 2 closes at line 3's first quote; the one after `never` never does.
        string: `gem 'before'\ngem 'cut', '~> 1.0\ngem 'never'\n`,
        heredoc: `gem 'before'\ntext = <<~EOS\n  never closed\ngem 'never'\n`,
        heredocAtEnd: `gem 'before'\ntext = <<~EOS`,
        regexp: `gem 'before'\nx = /never closed\ngem 'never'\n`,
        comment: `gem 'before'\n=begin\ngem 'never'\n`,
        wrongBracket: `gem 'before'\nx = foo(1, [2)\ngem 'never'\n`,
        interpolations: `gem 'before'\nx = "${'#{ "'.repeat(17)}1${' }"'.repeat(17)}\ngem 'never'\n`,
        // A call the error cuts is not read: its source is not known.
        cutCall: `gem 'before'\ngem 'cut', source: 'https://gems.example-corp.com\n`,
      }
      const summary = Object.fromEntries(
        Object.entries(cases).map(([name, text]) => {
          const out = gemfile(text)
          return [name, [...out.components.map((c) => c.name), ...errors(out)]]
        }),
      )
      expect(summary).toEqual({
        string: ['before', '3:11 invalid-lockfile Gemfile: a string is never closed; the rest of the file is not read'],
        heredoc: [
          'before',
          '2:8 invalid-lockfile Gemfile: the heredoc <<~EOS is never closed; the rest of the file is not read',
        ],
        heredocAtEnd: [
          'before',
          '2:8 invalid-lockfile Gemfile: the heredoc <<~EOS is never closed; the rest of the file is not read',
        ],
        regexp: [
          'before',
          '2:5 invalid-lockfile Gemfile: a regular expression is never closed; the rest of the file is not read',
        ],
        comment: [
          'before',
          '2:1 invalid-lockfile Gemfile: an =begin comment is never closed by =end; the rest of the file is not read',
        ],
        wrongBracket: [
          'before',
          "2:14 invalid-lockfile Gemfile: ')' does not close the '[' before it; the rest of the file is not read",
        ],
        interpolations: [
          'before',
          '2:70 invalid-lockfile Gemfile: interpolations nested deeper than 16; the rest of the file is not read',
        ],
        cutCall: [
          'before',
          '2:20 invalid-lockfile Gemfile: a string is never closed; the rest of the file is not read',
        ],
      })
    })

    it('reads on past a block never closed, a bracket never closed, and an end that closes nothing', () => {
      const unclosed = gemfile(`group :test do\n  gem 'in-group'\ngem 'still-dev'\n`)
      expect(rows(unclosed)).toEqual(['2:8 in-group - dev pkg:gem/in-group', '3:6 still-dev - dev pkg:gem/still-dev'])
      expect(errors(unclosed)).toEqual(["1:13 invalid-lockfile Gemfile: 'do' is never closed by 'end'"])
      const stray = gemfile(`gem 'a'\nend\ngem 'b'\nend\ngroup :test do\n  gem 'c'\nend\n`)
      expect(rows(stray)).toEqual(['1:6 a - prod pkg:gem/a', '3:6 b - prod pkg:gem/b', '6:8 c - dev pkg:gem/c'])
      // Reported once.
      expect(errors(stray)).toEqual([
        "2:1 invalid-lockfile Gemfile: 'end' closes no block; the blocks around it are read as if it were not there",
      ])
      const bracket = gemfile(`gem 'before'\nx = [1,\ngem 'inside-the-bracket'\n`)
      expect(bracket.components.map((c) => c.name)).toEqual(['before'])
      expect(errors(bracket)).toEqual(["2:5 invalid-lockfile Gemfile: '[' is never closed"])
    })
  })

  describe('gems of the tree', () => {
    it("reads Rails' gemspecs: the components the root `gemspec` serves are local, the others rubygems.org's", () => {
      const context = fixtureTree('rails')
      const rails = scan(context, 'rails.gemspec')
      expect(rows(rails)).toEqual([
        // activesupport/activesupport.gemspec is under the Gemfile's `gemspec` (`{,*,*/*}.gemspec` under `.`).
        '10:21 activesupport - prod local -',
        // The extract holds no actionpack/ and the others: as a tree without them, they are rubygems.org's.
        '11:21 actionpack - prod pkg:gem/actionpack',
        '12:21 actionview - prod pkg:gem/actionview',
        '13:21 activemodel - prod pkg:gem/activemodel',
        '14:21 activerecord - prod pkg:gem/activerecord',
        '15:21 actionmailer - prod pkg:gem/actionmailer',
        '16:21 activejob - prod pkg:gem/activejob',
        '17:21 actioncable - prod pkg:gem/actioncable',
        '18:21 activestorage - prod pkg:gem/activestorage',
        '19:21 actionmailbox - prod pkg:gem/actionmailbox',
        '20:21 actiontext - prod pkg:gem/actiontext',
        '21:21 railties - prod pkg:gem/railties',
        '23:21 bundler >= 1.15.0 - prod pkg:gem/bundler',
      ])
      expect(skips(rails)).toEqual([
        ...[10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21].map(
          (line) =>
            `${line} unsupported add_dependency '${rails.components[line - 10].name}': a requirement is computed (version), and the file is never run: listed without it`,
        ),
      ])
      // A component's gemspec: the root Gemfile governs it too. Its dependencies are other projects'.
      const activesupport = scan(context, 'activesupport/activesupport.gemspec')
      expect(rows(activesupport).slice(0, 3)).toEqual([
        '9:21 i18n >= 1.6, < 2 - prod pkg:gem/i18n',
        '10:21 tzinfo ~> 2.0, >= 2.0.5 - prod pkg:gem/tzinfo',
        '11:21 concurrent-ruby ~> 1.0, >= 1.3.1 - prod pkg:gem/concurrent-ruby',
      ])
      expect(activesupport.components.filter((c) => c.local)).toEqual([])
      // tools/releaser is served by `gem "releaser", path: "tools/releaser"`: not a gem rails.gemspec names.
      const gemfileOut = scan(context, 'Gemfile')
      expect(rows(gemfileOut)[2]).toBe('9:6 releaser - prod local -')
      // Nothing more than without the tree: no gem of it is named without a source.
      expect(skips(gemfileOut)).toEqual([
        "38 unsupported gem 'rack': a requirement is computed (rack_version), and the file is never run: listed without it",
      ])
    })

    it('makes a dependency on a sibling gemspec local (rails-like: `gemspec` at the root), and says when a Gemfile gem is not', () => {
      const context = tree({
        Gemfile: 'source "https://rubygems.org"\ngemspec\ngem "acme_core"\ngem "rack"\n',
        'acme.gemspec': `Gem::Specification.new do |s|
  s.name = "acme"
  s.add_dependency "acme_core", "1.0.0"
  s.add_development_dependency "acme_testkit"
  s.add_dependency "rack"
  s.add_dependency "acme"
  s.add_dependency "deep_gem"
  s.add_dependency "hidden_gem"
end
`,
        'core/acme_core.gemspec': 'Gem::Specification.new do |s|\n  s.name = "acme_core"\nend\n',
        'testkit/testkit.gemspec': 'Gem::Specification.new { |s| s.name = %q{acme_testkit}.freeze }\n',
        'lib/deep/deep_gem.gemspec': 'Gem::Specification.new { |s| s.name = "deep_gem" }\n',
        '.hidden/hidden_gem.gemspec': 'Gem::Specification.new { |s| s.name = "hidden_gem" }\n',
      })
      expect(rows(scan(context, 'acme.gemspec'))).toEqual([
        '3:21 acme_core 1.0.0 1.0.0 prod local -',
        '4:33 acme_testkit - dev local -',
        '5:21 rack - prod pkg:gem/rack',
        // The gem itself (Bundler serves it from `.` too).
        '6:21 acme - prod local -',
        // Two folders down and in a hidden folder: Bundler's glob does not reach them.
        '7:21 deep_gem - prod pkg:gem/deep_gem',
        '8:21 hidden_gem - prod pkg:gem/hidden_gem',
      ])
      const out = scan(context, 'Gemfile')
      // Bundler::SourceMap pins a Gemfile gem without a source of its own to the default source.
      expect(rows(out)).toEqual(['3:6 acme_core - prod pkg:gem/acme_core', '4:6 rack - prod pkg:gem/rack'])
      expect(skips(out)).toEqual([
        "3 unsupported gem 'acme_core': core/acme_core.gemspec in the tree declares it, but Bundler takes a gem the Gemfile names without a source of its own from the default source, not from the folder: listed as that source's",
      ])
      // The Gemfile and its gemspecs are read once for the run, whatever reads them first.
      const reads = context.reads
      scan(context, 'core/acme_core.gemspec')
      scan(context, 'testkit/testkit.gemspec')
      expect(context.reads - reads).toBe(2)
    })

    it('reads `gemspec path:`, `path` blocks and `path:` gems of a Gemfile in a folder, and their globs', () => {
      const context = tree({
        'app/Gemfile': `source "https://rubygems.org"
gemspec path: "../gems/billing"
path "engines" do
  gem "auth"
end
gem "ui", path: "vendor_engines/ui"
path "../../outside-tree" do
  gem "far"
end
gem "globbed", path: "globbed", glob: "**/*.gemspec"
gem "computed", path: ENGINE_DIR
`,
        'gems/billing/billing.gemspec': `Gem::Specification.new do |s|
  s.name = "billing"
  s.add_dependency "auth"
  s.add_dependency "ui"
  s.add_dependency "payments"
  s.add_dependency "widgets"
  s.add_dependency "stranger"
end
`,
        'gems/billing/payments/payments.gemspec': 'Gem::Specification.new { |s| s.name = "payments" }\n',
        'app/engines/auth/auth.gemspec': 'Gem::Specification.new { |s| s.name = "auth" }\n',
        'app/vendor_engines/ui/ui.gemspec': 'Gem::Specification.new { |s| s.name = "ui" }\n',
        // The name is computed: the file's name is taken.
        'app/vendor_engines/ui/widgets.gemspec': 'Gem::Specification.new { |s| s.name = NAME }\n',
        'stranger/stranger.gemspec': 'Gem::Specification.new { |s| s.name = "stranger" }\n',
      })
      const app = scan(context, 'app/Gemfile')
      expect(rows(app)).toEqual([
        '4:8 auth - prod local -',
        '6:6 ui - prod local -',
        '8:8 far - prod local -',
        '10:6 globbed - prod local -',
        '11:6 computed - prod local -',
      ])
      expect(skips(app)).toEqual([
        "7 unsupported path '../../outside-tree': '../../outside-tree' is outside the tree: the gems it serves are not known (a dependency on one is looked up by its name)",
        "10 unsupported gem 'globbed', path: 'globbed': glob '**/*.gemspec' is not read: the gemspecs Bundler's default glob ({,*,*/*}.gemspec) finds there are taken as the gems it serves",
        "11 unsupported gem 'computed', path: ENGINE_DIR: its folder is computed, and the file is never run: the gems it serves are not known (a dependency on one is looked up by its name)",
      ])
      // billing.gemspec has no Gemfile above it: those `{,*,*/*}.gemspec` beside it serve (a `gemspec` line there).
      expect(rows(scan(context, 'gems/billing/billing.gemspec'))).toEqual([
        '3:21 auth - prod pkg:gem/auth',
        '4:21 ui - prod pkg:gem/ui',
        '5:21 payments - prod local -',
        '6:21 widgets - prod pkg:gem/widgets',
        '7:21 stranger - prod pkg:gem/stranger',
      ])
      // A gemspec under app/ is governed by app/Gemfile: all its path sources serve it.
      const inApp = tree({
        'app/Gemfile': 'gemspec\npath "engines" do\nend\ngem "ui", path: "../ui"\n',
        'app/app.gemspec':
          'Gem::Specification.new "app", "1.0" do |s|\n  s.add_dependency "auth"\n  s.add_dependency "ui"\n  s.add_dependency "widgets"\nend\n',
        'app/engines/auth.gemspec': 'Gem::Specification.new { |s| s.name = "auth" }\n',
        'ui/ui.gemspec': 'Gem::Specification.new { |s| s.name = "ui" }\n',
        'ui/widgets.gemspec': 'Gem::Specification.new { |s| s.name = File.basename(__FILE__, ".gemspec") }\n',
      })
      expect(rows(scan(inApp, 'app/app.gemspec'))).toEqual([
        '2:21 auth - prod local -',
        '3:21 ui - prod local -',
        '4:21 widgets - prod local -',
      ])
    })

    it('takes the gems.rb of a folder first, and reads no folder when none can be listed', () => {
      const files = {
        'gems.rb': 'gemspec path: "a"\n',
        Gemfile: 'gemspec path: "b"\n',
        'a/a.gemspec': 'Gem::Specification.new { |s| s.name = "a"; s.add_dependency "b" }\n',
        'b/b.gemspec': 'Gem::Specification.new { |s| s.name = "b"; s.add_dependency "a" }\n',
      }
      expect(rows(scan(tree(files), 'a/a.gemspec'))).toEqual(['1:62 b - prod pkg:gem/b'])
      expect(rows(scan(tree(files), 'b/b.gemspec'))).toEqual(['1:62 a - prod local -'])
      const unlisted = {...tree(files), listDir: undefined}
      expect(rows(scan(unlisted, 'b/b.gemspec'))).toEqual(['1:62 a - prod pkg:gem/a'])
    })

    it('reports path sources outside the tree, and reads a broken or hostile gemspec by its file name', () => {
      const context = tree({
        'app/Gemfile': `gemspec path: "/etc"
path "~/gems" do
end
gemspec path: "lib/../../.."
gemspec path: "."
`,
        'app/app.gemspec': `Gem::Specification.new do |s|
  s.add_dependency "broken"
  s.add_dependency "constructor"
  s.add_dependency "toString"
end
`,
        'app/broken.gemspec': 'Gem::Specification.new do |s|\n  s.name = "never closed\n',
        'app/x/constructor.gemspec': 'Gem::Specification.new { |s| s.name = "constructor" }\n',
        'app/x/odd.gemspec': 'Gem::Specification.new { |s| s.name = "toString"; s.name = "second" }\n',
      })
      expect(skips(scan(context, 'app/Gemfile'))).toEqual([
        "1 unsupported gemspec path: '/etc': '/etc' is outside the tree: the gems it serves are not known (a dependency on one is looked up by its name)",
        "2 unsupported path '~/gems': '~/gems' is outside the tree: the gems it serves are not known (a dependency on one is looked up by its name)",
        "4 unsupported gemspec path: 'lib/../../..': 'lib/../../..' is outside the tree: the gems it serves are not known (a dependency on one is looked up by its name)",
      ])
      // Names are kept in a Map: `constructor` and `toString` are names like any other; the first `name =` counts.
      expect(rows(scan(context, 'app/app.gemspec'))).toEqual([
        '2:21 broken - prod local -',
        '3:21 constructor - prod local -',
        '4:21 toString - prod local -',
      ])
    })

    it('stops at MAX_LISTINGS folders and MAX_GEMSPECS gemspecs, and says so', () => {
      const files: Record<string, string> = {Gemfile: 'gemspec\n'}
      for (let index = 0; index < MAX_LISTINGS + 10; index++) files[`d${index}/x`] = ''
      const wide = tree(files)
      const out = scan(wide, 'Gemfile')
      expect(wide.listings).toBe(MAX_LISTINGS)
      expect(skips(out)).toEqual([
        `1 unsupported more than ${MAX_LISTINGS} folders or ${MAX_GEMSPECS} gemspecs under the Gemfile's path sources: the gems of the rest are not known (a dependency on one is looked up by its name)`,
      ])
      const many: Record<string, string> = {Gemfile: 'gemspec\n'}
      for (let index = 0; index < MAX_GEMSPECS + 10; index++)
        many[`g${index}.gemspec`] = `Gem::Specification.new { |s| s.name = "g${index}" }\n`
      const context = tree(many)
      expect(skips(scan(context, 'Gemfile', many.Gemfile))).toHaveLength(1)
      expect(context.reads).toBe(MAX_GEMSPECS)
    })
  })

  describe('groups', () => {
    it("reads Redmine's Gemfile: its custom groups are installed, development and test are not", () => {
      const out = gemfile(fixture('redmine/Gemfile'))
      expect(rows(out)).toEqual([
        '5:6 rails 8.1.3.1 8.1.3.1 prod pkg:gem/rails@8.1.3.1',
        '6:6 rouge ~> 5.0 - prod pkg:gem/rouge',
        '7:6 mini_mime ~> 1.1.0 - prod pkg:gem/mini_mime',
        '8:6 actionpack-xml_parser - prod pkg:gem/actionpack-xml_parser',
        '9:6 roadie-rails ~> 3.4.0 - prod pkg:gem/roadie-rails',
        '10:6 marcel - prod pkg:gem/marcel',
        // `group :ldap` and `group :minimagick`: Redmine's install guide leaves out only development and test.
        '13:8 net-ldap ~> 0.20.0 - prod pkg:gem/net-ldap',
        '18:8 mini_magick ~> 5.2.0 - prod pkg:gem/mini_magick',
        '21:8 debug - dev pkg:gem/debug',
        '25:8 listen ~> 3.3 - dev pkg:gem/listen',
        '26:8 yard - dev pkg:gem/yard',
        '27:8 svg_sprite - dev pkg:gem/svg_sprite',
        '28:8 bullet - dev pkg:gem/bullet',
        '31:8 rails-dom-testing >= 2.3.0 - dev pkg:gem/rails-dom-testing',
        '32:8 mocha >= 2.0.1 - dev pkg:gem/mocha',
        '33:8 simplecov ~> 1.1.1 - dev pkg:gem/simplecov',
      ])
    })

    it('makes dev only development groups and optional ones; a gem in several groups takes the installed one', () => {
      const out = gemfile(`gem 'pg', group: :postgres
group :unicorn do
  gem 'unicorn'
end
group :development, :metrics do
  gem 'both'
end
group :test do
  group :ed25519 do
    gem 'nested'
  end
end
gem 'later-optional', group: :pam
group :pam, optional: true do
  gem 'pam'
end
group :opentelemetry, :optional => true do
  gem 'otel'
end
group :computed, optional: ENV['X'] do
  gem 'not-optional'
end
gem 'lint-and-docs', groups: [:lint, :doc, :rubocop, :ci, :benchmark, :coverage]
gem 'optional-and-test', groups: [:pam, :test]
gem 'default-group', group: :default
group :production do
  gem 'lograge'
end
`)
      expect(rows(out)).toEqual([
        '1:6 pg - prod pkg:gem/pg',
        '3:8 unicorn - prod pkg:gem/unicorn',
        '6:8 both - prod pkg:gem/both',
        '10:10 nested - prod pkg:gem/nested',
        // `optional: true` makes the group optional wherever it is named, before the line too.
        '13:6 later-optional - dev pkg:gem/later-optional',
        '15:8 pam - dev pkg:gem/pam',
        '18:8 otel - dev pkg:gem/otel',
        '21:8 not-optional - prod pkg:gem/not-optional',
        '23:6 lint-and-docs - dev pkg:gem/lint-and-docs',
        '24:6 optional-and-test - dev pkg:gem/optional-and-test',
        '25:6 default-group - prod pkg:gem/default-group',
        '27:8 lograge - prod pkg:gem/lograge',
      ])
      expect(out.skipped).toEqual([])
    })
  })

  describe('generated gemspecs', () => {
    it('reads the first branch of the RubyGems < 1.2 checks, not their dead `else` (jeweler, to_ruby)', () => {
      const out = gemspec(`Gem::Specification.new do |s|
  s.name = %q{brdinheiro}
  if s.respond_to? :specification_version then
    s.specification_version = 3

    if Gem::Version.new(Gem::VERSION) >= Gem::Version.new('1.2.0') then
      s.add_runtime_dependency(%q<actionpack>, [">= 3.0.0"])
      s.add_development_dependency(%q<rake>, [">= 0"])
    else
      s.add_dependency(%q<actionpack>, [">= 3.0.0"])
      s.add_dependency(%q<rake>, [">= 0"])
    end
  else
    s.add_dependency(%q<actionpack>, [">= 3.0.0"])
    s.add_dependency(%q<rake>, [">= 0"])
  end
  if spec.respond_to?(:specification_version)
    if Gem::Version.new(Gem::RubyGems::VERSION) >= Gem::Version.new("1.2.0")
      spec.add_development_dependency "old-dev"
    else
      spec.add_dependency "old-dev"
    end
  end
  if s.respond_to? :add_runtime_dependency then
    s.add_development_dependency(%q<rspec>.freeze, [">= 0"])
  else
    s.add_dependency(%q<rspec>.freeze, [">= 0"])
  end
  if RUBY_VERSION >= '3.0'
    s.add_dependency 'then-branch'
  else
    s.add_dependency 'else-branch'
  end
  if Gem::Version.new(Gem::VERSION) >= Gem::Version.new('3.0.0')
    s.add_dependency 'other-version-check'
  else
    s.add_dependency 'other-version-else'
  end
  while x do
    if s.respond_to? :specification_version
      s.add_dependency 'in-loop'
    else
      s.add_dependency 'in-loop-else'
    end
  end
  s.add_dependency 'after'
end
`)
      expect(rows(out)).toEqual([
        '7:35 actionpack >= 3.0.0 - prod pkg:gem/actionpack',
        '8:39 rake >= 0 - dev pkg:gem/rake',
        '19:40 old-dev - dev pkg:gem/old-dev',
        '25:37 rspec >= 0 - dev pkg:gem/rspec',
        // Any other condition: both branches may run.
        '30:23 then-branch - prod pkg:gem/then-branch',
        '32:23 else-branch - prod pkg:gem/else-branch',
        '35:23 other-version-check - prod pkg:gem/other-version-check',
        '37:23 other-version-else - prod pkg:gem/other-version-else',
        // A loop's `do` opens no block of its own: the check inside is still read as one.
        '41:25 in-loop - prod pkg:gem/in-loop',
        '46:21 after - prod pkg:gem/after',
      ])
    })
  })

  describe('hostile input', () => {
    it('reads 10,000 gem lines, each at its line', () => {
      const out = gemfile(Array.from({length: 10_000}, (_, i) => `gem 'acme-${i}', '~> ${i}.0'`).join('\n'))
      expect(out.components).toHaveLength(10_000)
      expect(rows({...out, components: [out.components[0], out.components[9_999]]})).toEqual([
        '1:6 acme-0 ~> 0.0 - prod pkg:gem/acme-0',
        '10000:6 acme-9999 ~> 9999.0 - prod pkg:gem/acme-9999',
      ])
      expect(out.errors).toEqual([])
    })

    it('keeps the group of a gem 100,000 blocks deep, and closes them all', () => {
      const depth = 100_000
      const out = gemfile(
        `group :test do\n${'if x\n'.repeat(depth)}gem 'deep'\n${'end\n'.repeat(depth)}end\ngem 'after'\n`,
      )
      expect(rows(out)).toEqual([
        `${depth + 2}:6 deep - dev pkg:gem/deep`,
        `${2 * depth + 4}:6 after - prod pkg:gem/after`,
      ])
      expect(out.errors).toEqual([])
    })

    it('reads a line of 1 MB, a name of 1 MB, and runs of what makes a lexer look ahead', () => {
      const mega = 'a'.repeat(1_000_000)
      const cases = {
        longName: `gem '${mega}'\ngem 'after'\n`,
        longComment: `# ${mega}\ngem 'after'\n`,
        longRequirement: `gem 'x', '>= 1${' '.repeat(1_000_000)}x'\ngem 'after'\n`,
        brackets: `x = ${'('.repeat(200_000)}`,
        interpolationBraces: `x = "#{${'{'.repeat(200_000)}`,
        defs: 'def a(\n'.repeat(50_000),
        gitSources: 'git_source(:x) { |r| '.repeat(50_000),
        colons: `x = ${':'.repeat(500_000)}a\ngem 'after'\n`,
        questions: `x = ${'?'.repeat(500_000)}\ngem 'after'\n`,
        slashes: `x = y ${'/2 '.repeat(200_000)}\ngem 'after'\n`,
        heredocs: `x(${'<<A, '.repeat(50_000)})\n${'A\n'.repeat(50_000)}gem 'after'\n`,
        arguments: `gem 'x', ${"'>= 1', ".repeat(100_000)}'< 2'\ngem 'after'\n`,
        labels: `gem 'x', ${'a: 1, '.repeat(100_000)}b: 2\ngem 'after'\n`,
      }
      const summary = Object.fromEntries(
        Object.entries(cases).map(([name, text]) => {
          const out = gemfile(text)
          return [
            name,
            [
              ...out.components.map((c) => `${c.locations[0].line} ${c.name.slice(0, 20)} ${c.ref.length}`),
              ...out.errors.map((e) => `${e.line}:${e.column} ${e.code} ${e.message.slice(0, 80)}`),
            ],
          ]
        }),
      )
      expect(summary).toEqual({
        longName: ['1 aaaaaaaaaaaaaaaaaaaa 1000000', '2 after 5'],
        longComment: ['2 after 5'],
        longRequirement: [
          '1 x 1',
          '2 after 5',
          "1:11 invalid-entry gem 'x': '>= 1                                                                  ",
        ],
        brackets: ["1:200004 invalid-lockfile Gemfile: '(' is never closed"],
        interpolationBraces: [
          '1:8 invalid-lockfile Gemfile: a string is never closed; the rest of the file is not read',
        ],
        defs: [
          "50000:1 invalid-lockfile Gemfile: 'def' is never closed by 'end'",
          "50000:6 invalid-lockfile Gemfile: '(' is never closed",
        ],
        gitSources: ["1:1049995 invalid-lockfile Gemfile: '{' is never closed"],
        colons: ['2 after 5'],
        questions: ['2 after 5'],
        slashes: ['2 after 5'],
        heredocs: ['50002 after 5'],
        arguments: ['1 x 600005', '2 after 5'],
        labels: ['1 x 1', '2 after 5'],
      })
      // The invalid requirement is quoted by its start and end, not whole.
      expect(gemfile(cases.longRequirement).errors[0].message.length).toBeLessThan(300)
    })

    it('never echoes credentials: not in purls, refs or messages', () => {
      const out = gemfile(`source 'https://user:hunter2@gems.example-corp.com'
source 'https://rubygems.org'
gem 'a', git: 'https://x-token:hunter2@github.com/acme/a.git'
gem 'b', source: ENV['X'] ? 'https://u:hunter2@gems.example-corp.com' : 'https://rubygems.org'
gem 'c', 'https://u:hunter2@gems.example-corp.com'
eval_gemfile 'https://u:hunter2@gems.example-corp.com/Gemfile'
`)
      expect(out.components.map((c) => c.name)).toEqual(['a', 'c'])
      expect(out.skipped).toHaveLength(2)
      expect(out.errors).toHaveLength(2)
      expect(JSON.stringify(out)).not.toContain('hunter2')
    })
  })
})
