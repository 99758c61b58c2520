import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import type {DiscoverOutput} from '../../types.js'
import {exactVersion, isComposerName, isPlatformPackage, wildcardMatch} from './constraint.js'
import {discoverer} from './index.js'
import {MAX_PATH_FOLDERS, MAX_PATTERNS} from './repositories.js'

/** Files of the tree by path, and folders as listDir gives them. */
function discover(
  text: string,
  file = 'composer.json',
  files: Record<string, string> = {},
  dirs: Record<string, string[]> = {},
) {
  return discoverer.discover(
    {file, text},
    {readText: (f) => files[f] ?? null, listDir: (d) => dirs[d] ?? null},
  ) as Required<DiscoverOutput>
}

const rows = (out: Required<DiscoverOutput>) =>
  out.components.map(
    (c) =>
      `${c.locations[0].line}:${c.locations[0].column} ${c.ref} ${c.version ?? '-'} ${c.scope}${c.local ? ' local' : ''} ${c.purl ?? '-'}`,
  )
const problems = (list: Array<{line?: number; message: string; code?: string; reason?: string}>) =>
  list.map((p) => `${p.line} ${p.code ?? p.reason} ${p.message}`)

const fixture = (path: string) => readFileSync(new URL(`./__fixtures__/${path}`, import.meta.url), 'utf8')

describe('composer-json', () => {
  it('matches composer.json at any depth, not under vendor/ or node_modules/', () => {
    expect(discoverer.matches('composer.json')).toBe(true)
    expect(discoverer.matches('packages/api/composer.json')).toBe(true)
    expect(discoverer.matches('vendor/acme/log/composer.json')).toBe(false)
    expect(discoverer.matches('web/node_modules/x/composer.json')).toBe(false)
    expect(discoverer.matches('composer.lock')).toBe(false)
    expect(discoverer.matches('my-composer.json')).toBe(false)
  })

  it("lists an application's require and require-dev at their keys, without PHP itself (laravel/laravel)", () => {
    const out = discover(fixture('laravel/composer.json'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '10:9 laravel/framework ^12.0 - prod pkg:composer/laravel/framework',
      '11:9 laravel/tinker ^2.10.1 - prod pkg:composer/laravel/tinker',
      '14:9 fakerphp/faker ^1.23 - dev pkg:composer/fakerphp/faker',
      '15:9 laravel/pail ^1.2.2 - dev pkg:composer/laravel/pail',
      '16:9 laravel/pint ^1.24 - dev pkg:composer/laravel/pint',
      '17:9 laravel/sail ^1.41 - dev pkg:composer/laravel/sail',
      '18:9 mockery/mockery ^1.6 - dev pkg:composer/mockery/mockery',
      '19:9 nunomaduro/collision ^8.6 - dev pkg:composer/nunomaduro/collision',
      '20:9 phpunit/phpunit ^11.5.50 - dev pkg:composer/phpunit/phpunit',
    ])
    expect(out.components.every((c) => c.direct === true && c.ecosystem === 'composer' && c.kind === 'package')).toBe(
      true,
    )
  })

  it("reads a library's alternatives and inline alias as constraints; platform, provide and suggest are not listed (guzzle)", () => {
    const out = discover(fixture('guzzle/composer.json'))
    expect(out.errors).toEqual([])
    expect(out.skipped).toEqual([])
    expect(rows(out)).toEqual([
      '8:9 guzzlehttp/promises ^1.5.3 || ^2.0.1 - prod pkg:composer/guzzlehttp/promises',
      '9:9 guzzlehttp/psr7 ^1.9.1 || ^2.5.1 - prod pkg:composer/guzzlehttp/psr7',
      '10:9 psr/http-client ^1.0 - prod pkg:composer/psr/http-client',
      '11:9 symfony/deprecation-contracts ^2.2 || ^3.0 - prod pkg:composer/symfony/deprecation-contracts',
      '18:9 bamarni/composer-bin-plugin ^1.8.2 - dev pkg:composer/bamarni/composer-bin-plugin',
      '19:9 php-http/client-integration-tests dev-master#2c025848417c1135031fdf9c728ee53d0a7ceaee as 3.0.999 - dev pkg:composer/php-http/client-integration-tests',
      '20:9 php-http/message-factory ^1.1 - dev pkg:composer/php-http/message-factory',
      '21:9 phpunit/phpunit ^8.5.36 || ^9.6.15 - dev pkg:composer/phpunit/phpunit',
      '22:9 psr/log ^1.1 || ^2.0 || ^3.0 - dev pkg:composer/psr/log',
    ])
  })

  it("takes the packages of path repositories for the tree's own, and names a registry declared beside Packagist (drupal)", () => {
    const files = {
      'core/composer.json': fixture('drupal/core/composer.json'),
      'composer/Plugin/ProjectMessage/composer.json': fixture('drupal/composer/Plugin/ProjectMessage/composer.json'),
      'composer/Plugin/VendorHardening/composer.json': fixture('drupal/composer/Plugin/VendorHardening/composer.json'),
    }
    const out = discover(fixture('drupal/composer.json'), 'composer.json', files)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual([
      '7:9 composer/installers ^2.0 - prod pkg:composer/composer/installers',
      '8:9 drupal/core self.version - prod local -',
      '9:9 drupal/core-project-message self.version - prod local -',
      '10:9 drupal/core-vendor-hardening self.version - prod local -',
      '13:9 behat/mink ^1.11 - dev pkg:composer/behat/mink',
      '14:9 behat/mink-browserkit-driver ^2.2 - dev pkg:composer/behat/mink-browserkit-driver',
      '15:9 colinodell/psr-testlogger ^1.2 - dev pkg:composer/colinodell/psr-testlogger',
      '16:9 composer/composer ^2.8.1 - dev pkg:composer/composer/composer',
      '17:9 drupal/coder ^8.3.10 - dev pkg:composer/drupal/coder',
    ])
    expect(problems(out.skipped)).toEqual([
      '38 unsupported Composer repository https://packages.drupal.org/8 is declared beside Packagist and may serve any package: which packages of this file it serves is not told (they are listed without a repository)',
    ])
    // The member itself: its ext-* (any case) and PHP are the platform's.
    const core = discover(files['core/composer.json'], 'core/composer.json')
    expect(core.errors).toEqual([])
    expect(rows(core)).toEqual([
      '11:9 symfony/class-loader ~3.4.0 - prod pkg:composer/symfony/class-loader',
      '12:9 symfony/console ~3.4.0 - prod pkg:composer/symfony/console',
      '13:9 guzzlehttp/guzzle ^6.2.1 - prod pkg:composer/guzzlehttp/guzzle',
      '14:9 pear/archive_tar ^1.4 - prod pkg:composer/pear/archive_tar',
    ])
  })

  it('gives a version to exact constraints only', () => {
    const exact: Array<[string, string]> = [
      ['1.2.3', '1.2.3'],
      ['v1.2.3', 'v1.2.3'],
      ['=1.2.3', '1.2.3'],
      ['== 1.2.3', '1.2.3'],
      ['1.2.3.4', '1.2.3.4'],
      ['1.0', '1.0'],
      ['2.0.0-beta2', '2.0.0-beta2'],
      ['1.0.0-RC1', '1.0.0-RC1'],
      ['1.2.3+build.7', '1.2.3+build.7'],
      ['1.2.3@beta', '1.2.3'],
      [' 1.2.3 ', '1.2.3'],
    ]
    for (const [constraint, version] of exact) expect(exactVersion(constraint), constraint).toBe(version)
    const ranges = [
      '^1.2',
      '~1.2',
      '>=1 <2',
      '>=1.0,<2.0',
      '1.2.*',
      '*',
      'dev-main',
      'dev-main#abc123',
      '1.0.x-dev',
      '1.2.3-dev',
      '^1.0 || ^2.0',
      '1.2.3 | 1.2.4',
      '@stable',
      '^1.2@dev',
      '1.0 as 2.0',
      '1.0 - 2.0',
      '!=1.2.3',
      '<1.2.3',
      'self.version',
      'x',
      '1.2.3.4.5',
      // Hostile: long enough to be matched, and to hang a pattern that backtracks.
      `1.2.3-beta${'1'.repeat(400)}x`,
      `1.2.3-beta${'1'.repeat(10_000)}`,
    ]
    for (const constraint of ranges) expect(exactVersion(constraint), constraint).toBeUndefined()
    const out = discover('{"require": {\n  "acme/pinned": "v2.0.1",\n  "acme/range": "^2.0"\n}}')
    expect(rows(out)).toEqual([
      '2:3 acme/pinned v2.0.1 v2.0.1 prod pkg:composer/acme/pinned@v2.0.1',
      '3:3 acme/range ^2.0 - prod pkg:composer/acme/range',
    ])
  })

  it('leaves out platform packages and the package itself; lower-cases names as Composer compares them', () => {
    for (const name of [
      'php',
      'PHP',
      'php-64bit',
      'php-ipv6',
      'hhvm',
      'ext-json',
      'ext-PDO',
      'lib-icu',
      'lib-curl-openssl',
    ])
      expect(isPlatformPackage(name), name).toBe(true)
    for (const name of ['composer', 'composer-plugin-api', 'composer-runtime-api'])
      expect(isPlatformPackage(name)).toBe(true)
    for (const name of ['composer/composer', 'ext-', 'ext-a..b', 'phpx', `ext-${'a'.repeat(40)}!`])
      expect(isPlatformPackage(name), name).toBe(false)
    // Names by Composer's rule, and hostile ones that make its pattern, copied as it is, backtrack for hours.
    for (const name of ['acme/log', 'a.b-c_d/e--f', 'acme/x.y_z']) expect(isComposerName(name), name).toBe(true)
    for (const name of [
      'acme',
      'acme/',
      '/log',
      'acme/-log',
      'acme/log-',
      'ac--me/log',
      'acme/a---b',
      `${'a'.repeat(400)}!`,
    ])
      expect(isComposerName(name), name).toBe(false)
    expect(isComposerName(`acme/${'a'.repeat(400)}!`)).toBe(false)
    const out = discover(`{
  "name": "Example-Corp/Billing",
  "require": {
    "php": "^8.2",
    "ext-intl": "*",
    "lib-icu": ">=60",
    "composer-runtime-api": "^2.2",
    "example-corp/billing": "*",
    "Example-Corp/Ledger": "^3.1"
  }
}`)
    expect(out.errors).toEqual([])
    expect(rows(out)).toEqual(['9:5 Example-Corp/Ledger ^3.1 - prod pkg:composer/example-corp/ledger'])
    expect(out.components[0].name).toBe('example-corp/ledger')
  })

  it('reports a bad name or constraint at its line and reads the rest', () => {
    const long = `a${'a'.repeat(100_000)}!`
    const out = discover(`{
  "require": {
    "acme/ok": "1.0.0",
    "not-a-vendor-package": "^1.0",
    "acme/number": 2,
    "acme/empty": " ",
    "Acme/Bad Name": "^1",
    "${long}": "1",
    "acme/also-ok": "^1"
  },
  "require-dev": "acme/tools",
  "suggest": {"acme/extra": "for more"},
  "conflict": {"acme/old": "<1"},
  "replace": {"acme/legacy": "*"},
  "provide": {"psr/log-implementation": "1.0"}
}`)
    expect(rows(out)).toEqual([
      '3:5 acme/ok 1.0.0 1.0.0 prod pkg:composer/acme/ok@1.0.0',
      '9:5 acme/also-ok ^1 - prod pkg:composer/acme/also-ok',
    ])
    expect(problems(out.errors)).toEqual([
      '4 invalid-entry require.not-a-vendor-package: not a Composer package name (vendor/package)',
      '5 invalid-entry require.acme/number: the version constraint must be a non-empty string',
      '6 invalid-entry require.acme/empty: the version constraint must be a non-empty string',
      '7 invalid-entry require.Acme/Bad Name: not a Composer package name (vendor/package)',
      // Quoted elided, never whole.
      `8 invalid-entry require.${'a'.repeat(120)}… (99802 characters left out) …${'a'.repeat(79)}!: not a Composer package name (vendor/package)`,
      "11 invalid-entry 'require-dev' must be an object",
    ])
    expect(out.errors.every((e) => e.column !== undefined)).toBe(true)
  })

  it('takes an empty list for an empty object (as PHP writes one), and refuses a list of names', () => {
    expect(discover('{"require": [], "require-dev": []}')).toEqual({components: [], skipped: [], errors: []})
    expect(problems(discover('{\n"require": ["acme/log"]}').errors)).toEqual([
      "2 invalid-entry 'require' must be an object",
    ])
  })

  it('reports invalid JSON at its line and column, and a root that is not an object', () => {
    const broken = discover('{\n  "require": {\n    "acme/log": "^1.0",\n  }\n}')
    expect(broken.components).toEqual([])
    expect(broken.errors.map((e) => `${e.code} ${e.line}:${e.column}`)).toEqual(['invalid-json 4:3'])
    expect(discover('["acme/log"]').errors.map((e) => `${e.code} ${e.message}`)).toEqual([
      'invalid-lockfile expected a JSON object',
    ])
    expect(discover('').errors.map((e) => e.code)).toEqual(['invalid-json'])
  })

  it('drops a __proto__ key with an error, reads duplicate and escaped keys where they are written', () => {
    const out = discover(
      '{\r\n "require": {\r\n  "__proto__": "1.0.0",\r\n  "acme\\/escaped": "1.0.0",\r\n  "acme/twice": "^1",\r\n  "acme/twice": "^2"\r\n }\r\n}\r\n',
    )
    expect(rows(out)).toEqual([
      '4:3 acme/escaped 1.0.0 1.0.0 prod pkg:composer/acme/escaped@1.0.0',
      '6:3 acme/twice ^2 - prod pkg:composer/acme/twice',
    ])
    expect(out.errors.map((e) => `${e.line} ${e.code}`)).toEqual(['3 forbidden-key', '6 duplicate-key'])
  })

  it("reports a key written twice only where it changes what is listed, as Composer's last-wins reading does", () => {
    // symfony/phpunit-bridge writes `php` three times on purpose (src/Symfony/Bridge/PhpUnit/composer.json at
    // symfony/symfony 5feb7493, MIT); Composer reads the last and `composer validate` only warns.
    const out = discover(`{
  "name": "symfony/phpunit-bridge",
  "require": {
    "php": ">=7.2.5 EVEN ON LATEST SYMFONY VERSIONS TO ALLOW USING",
    "php": "THIS BRIDGE WHEN TESTING LOWEST SYMFONY VERSIONS.",
    "php": ">=7.2.5"
  },
  "scripts": {"test": "a"},
  "scripts": {"test": "b"},
  "require-dev": {"symfony/deprecation-contracts": "^2.5|^3.0"},
  "require-dev": {"symfony/error-handler": "^5.4|^6.4|^7.0"}
}
`)
    expect(rows(out)).toEqual(['11:19 symfony/error-handler ^5.4|^6.4|^7.0 - dev pkg:composer/symfony/error-handler'])
    // The second require-dev hides the first (its package is not installed): that changes what is listed.
    expect(out.errors.map((e) => `${e.line}:${e.column} ${e.code}`)).toEqual(['11:3 duplicate-key'])
  })

  it('reads 10,000 requirements, each at its line', () => {
    const entries = Array.from({length: 10_000}, (_, i) => `    "acme/package-${i}": "^${i}.0"`)
    const out = discover(`{\n  "require": {\n${entries.join(',\n')}\n  }\n}\n`)
    expect(out.errors).toEqual([])
    expect(out.components).toHaveLength(10_000)
    expect(rows(out)[9_999]).toBe('10002:5 acme/package-9999 ^9999.0 - prod pkg:composer/acme/package-9999')
  })

  describe('repositories', () => {
    it('with Packagist disabled and one Composer repository, gives every package its URL, never its credentials', () => {
      const out = discover(`{
  "repositories": [
    {"type": "composer", "url": "https://deploy:s3cr3t-pass@repo.example-corp.test/composer/?token=abc123"},
    {"packagist.org": false}
  ],
  "require": {
    "example-corp/ledger": "2.4.0",
    "monolog/monolog": "^3.0"
  }
}`)
      expect(out.errors).toEqual([])
      expect(out.skipped).toEqual([])
      expect(rows(out)).toEqual([
        '7:5 example-corp/ledger 2.4.0 2.4.0 prod pkg:composer/example-corp/ledger@2.4.0?repository_url=https%3A%2F%2Frepo.example-corp.test%2Fcomposer%2F%3Ftoken%3D***',
        '8:5 monolog/monolog ^3.0 - prod pkg:composer/monolog/monolog?repository_url=https%3A%2F%2Frepo.example-corp.test%2Fcomposer%2F%3Ftoken%3D***',
      ])
      const written = JSON.stringify(out)
      expect(written).not.toContain('s3cr3t')
      expect(written).not.toContain('deploy')
      expect(written).not.toContain('abc123')
    })

    it('with Packagist disabled and several repositories, names the first that may serve each package, and says so where it is disabled', () => {
      const out = discover(`{
  "repositories": {
    "first": {"type": "composer", "url": "https://user:hunter2@one.example-corp.test"},
    "second": {"type": "composer", "url": "https://two.example-corp.test"},
    "packagist.org": false
  },
  "require": {"example-corp/ledger": "^2", "example-corp/audit": "^1"}
}`)
      expect(out.errors).toEqual([])
      expect(rows(out)).toEqual([
        // Never looked up on Packagist by name: Composer asks the first repository first.
        '7:15 example-corp/ledger ^2 - prod pkg:composer/example-corp/ledger?repository_url=https%3A%2F%2Fone.example-corp.test%2F',
        '7:44 example-corp/audit ^1 - prod pkg:composer/example-corp/audit?repository_url=https%3A%2F%2Fone.example-corp.test%2F',
      ])
      expect(problems(out.skipped)).toEqual([
        "5 unsupported Packagist is disabled: a package not placed otherwise is named with the first of the Composer repositories that may serve it (https://one.example-corp.test/, https://two.example-corp.test), where Composer looks first; which one serves it is not told, and none is Packagist's",
      ])
      expect(JSON.stringify(out)).not.toContain('hunter2')
    })

    it('with Packagist disabled and VCS repositories only, says so and names each repository', () => {
      const out = discover(`{
  "repositories": [
    {"packagist": false},
    {"type": "vcs", "url": "https://git.example-corp.test/php/ledger.git"},
    {"type": "artifact", "url": "artifacts/"}
  ],
  "require": {"example-corp/ledger": "dev-main"}
}`)
      expect(rows(out)).toEqual(['7:15 example-corp/ledger dev-main - prod pkg:composer/example-corp/ledger'])
      expect(problems(out.skipped)).toEqual([
        "3 unsupported Packagist is disabled: 1 package of this file comes from the repositories it declares, which one is not told: listed without a repository, and none is Packagist's",
        "4 unsupported vcs repository https://git.example-corp.test/php/ledger.git: the packages it holds are named in it, not in the tree: one of this file's packages may come from it (listed without a repository)",
        "5 unsupported artifact folder artifacts/: the packages it holds are named in it, not in the tree: one of this file's packages may come from it (listed without a repository)",
      ])
    })

    it('gives the packages an `only` list names to that registry, and names an unfiltered one beside Packagist', () => {
      const filtered = discover(`{
  "repositories": [
    {"type": "composer", "url": "https://php.example-corp.test", "only": ["example-corp/*", "acme/tool"], "exclude": ["example-corp/public-*"]}
  ],
  "require": {"example-corp/ledger": "^2", "Example-Corp/Public-SDK": "^1", "acme/tool": "1.0.0", "psr/log": "^3"}
}`)
      expect(filtered.skipped).toEqual([])
      expect(rows(filtered)).toEqual([
        '5:15 example-corp/ledger ^2 - prod pkg:composer/example-corp/ledger?repository_url=https%3A%2F%2Fphp.example-corp.test',
        '5:44 Example-Corp/Public-SDK ^1 - prod pkg:composer/example-corp/public-sdk',
        '5:77 acme/tool 1.0.0 1.0.0 prod pkg:composer/acme/tool@1.0.0?repository_url=https%3A%2F%2Fphp.example-corp.test',
        '5:99 psr/log ^3 - prod pkg:composer/psr/log',
      ])
      const unfiltered = discover(`{
  "repositories": [{"type": "composer", "url": "https://php.example-corp.test", "exclude": ["psr/*"]}],
  "require": {"example-corp/ledger": "^2"}
}`)
      expect(rows(unfiltered)).toEqual(['3:15 example-corp/ledger ^2 - prod pkg:composer/example-corp/ledger'])
      // Hostile lists: names as they are in a set, and no more than MAX_PATTERNS names with '*' matched.
      const many = Array.from({length: 10_000}, (_, i) => `"example-corp/p${i}*"`).join(', ')
      const requires = Array.from({length: 2_000}, (_, i) => `"example-corp/q${i}": "^1"`).join(', ')
      const hostile = discover(`{
  "repositories": [{"type": "composer", "url": "https://php.example-corp.test", "only": [${many}, "example-corp/q7"]}],
  "require": {${requires}}
}`)
      expect(hostile.components.filter((c) => c.purl?.includes('repository_url'))).toHaveLength(1)
      expect(problems(hostile.skipped)).toEqual([
        `2 unsupported repositories.0.only: only the first ${MAX_PATTERNS} names with '*' are read`,
      ])
      expect(problems(unfiltered.skipped)).toEqual([
        '2 unsupported Composer repository https://php.example-corp.test is declared beside Packagist and may serve any package: which packages of this file it serves is not told (they are listed without a repository)',
      ])
    })

    it("takes a repository with Packagist's URL for Packagist, even when the default one is disabled", () => {
      const out = discover(`{
  "repositories": [{"packagist.org": false}, {"type": "composer", "url": "https://repo.packagist.org"}],
  "require": {"psr/log": "^3"}
}`)
      expect(out.skipped).toEqual([])
      expect(rows(out)).toEqual(['3:15 psr/log ^3 - prod pkg:composer/psr/log'])
      // A repository named packagist.org replaces the default one: a mirror is a registry like any other.
      const mirror = discover(`{
  "repositories": {"packagist.org": {"type": "composer", "url": "https://mirror.example-corp.test/packagist"}},
  "require": {"psr/log": "^3"}
}`)
      expect(mirror.skipped).toEqual([])
      expect(rows(mirror)).toEqual([
        '3:15 psr/log ^3 - prod pkg:composer/psr/log?repository_url=https%3A%2F%2Fmirror.example-corp.test%2Fpackagist',
      ])
    })

    it('gives an inline package its git source or archive', () => {
      const out = discover(`{
  "repositories": [
    {"type": "package", "package": {
      "name": "acme/widget", "version": "1.4.0",
      "source": {"type": "git", "url": "https://ci:tok3n@git.example-corp.test/widget.git", "reference": "0a1b2c3d"}
    }},
    {"type": "package", "package": {"name": "acme/zipped", "version": "3.1.7", "dist": {"type": "zip", "url": "https://files.example-corp.test/zipped-3.1.7.zip"}}},
    {"type": "package", "package": [
      {"name": "acme/multi", "version": "1.0.0", "source": {"type": "git", "url": "https://git.example-corp.test/multi.git", "reference": "v1"}},
      {"name": "acme/multi", "version": "2.0.0", "source": {"type": "git", "url": "https://git.example-corp.test/multi.git", "reference": "v2"}}
    ]},
    {"type": "package", "package": {"name": "acme/old", "version": "1.0", "source": {"type": "svn", "url": "https://svn.example-corp.test/old/", "reference": "tags/1.0"}}}
  ],
  "require": {
    "acme/widget": "1.4.0",
    "acme/zipped": "3.1.*",
    "acme/multi": "2.0.0",
    "acme/old": "*"
  },
  "require-dev": {"acme/multi": "^1 || ^2"}
}`)
      expect(out.errors).toEqual([])
      expect(out.skipped).toEqual([])
      expect(rows(out)).toEqual([
        '15:5 acme/widget 1.4.0 1.4.0 prod pkg:composer/acme/widget@1.4.0?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-corp.test%2Fwidget.git%400a1b2c3d',
        '16:5 acme/zipped 3.1.* - prod pkg:composer/acme/zipped?download_url=https%3A%2F%2Ffiles.example-corp.test%2Fzipped-3.1.7.zip',
        '17:5 acme/multi 2.0.0 2.0.0 prod pkg:composer/acme/multi@2.0.0?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-corp.test%2Fmulti.git%40v2',
        '18:5 acme/old * - prod pkg:composer/acme/old?vcs_url=svn%2Bhttps%3A%2F%2Fsvn.example-corp.test%2Fold%2F',
        '20:19 acme/multi ^1 || ^2 - dev pkg:composer/acme/multi?vcs_url=git%2Bhttps%3A%2F%2Fgit.example-corp.test%2Fmulti.git',
      ])
      expect(JSON.stringify(out)).not.toContain('tok3n')
    })

    it('reads the names of path repositories, globs through listDir, relative to the file', () => {
      const files = {
        'packages/billing/composer.json': '{"name": "Example-Corp/Billing", "require": {"php": "^8.2"}}',
        'packages/search/composer.json': '{"name": "example-corp/search"}',
        'packages/.hidden/composer.json': '{"name": "example-corp/hidden"}',
        'libs/shared/composer.json': '{"name": "example-corp/shared"}',
        'apps/web/composer.json': '{"name": "example-corp/web"}',
      }
      const dirs = {packages: ['.hidden', 'billing', 'search', 'README.md']}
      const out = discover(
        `{
  "name": "example-corp/web",
  "repositories": [
    {"type": "path", "url": "../../packages/*", "options": {"symlink": true}},
    {"type": "path", "url": "../../libs/shared/"},
    {"type": "path", "url": "../../libs/missing"}
  ],
  "require": {
    "example-corp/billing": "@dev",
    "example-corp/search": "*",
    "example-corp/shared": "1.0.0",
    "example-corp/hidden": "*"
  }
}`,
        'apps/web/composer.json',
        files,
        dirs,
      )
      expect(out.errors).toEqual([])
      expect(rows(out)).toEqual([
        '9:5 example-corp/billing @dev - prod local -',
        '10:5 example-corp/search * - prod local -',
        '11:5 example-corp/shared 1.0.0 1.0.0 prod local -',
        '12:5 example-corp/hidden * - prod pkg:composer/example-corp/hidden',
      ])
      expect(problems(out.skipped)).toEqual([
        '6 unsupported path repository ../../libs/missing: no composer.json with a name at libs/missing in the tree: the package it holds is not known',
      ])
    })

    it('says which path repositories it cannot read: outside the tree, absolute, variables, classes', () => {
      const out = discover(
        `{
  "repositories": [
    {"type": "path", "url": "../outside"},
    {"type": "path", "url": "/srv/php/lib"},
    {"type": "path", "url": "~/src/lib"},
    {"type": "path", "url": "$HOME/lib"},
    {"type": "path", "url": "packages/{a,b}"},
    {"type": "path", "url": "packages/*"}
  ]
}`,
        'composer.json',
        {},
        {},
      )
      expect(out.components).toEqual([])
      expect(problems(out.skipped)).toEqual([
        '3 unsupported path repository ../outside: outside the tree: its packages are not known',
        '4 unsupported path repository /srv/php/lib: outside the tree (an absolute path, the home folder or an environment variable): its packages are not known',
        '5 unsupported path repository ~/src/lib: outside the tree (an absolute path, the home folder or an environment variable): its packages are not known',
        '6 unsupported path repository $HOME/lib: outside the tree (an absolute path, the home folder or an environment variable): its packages are not known',
        '7 unsupported path repository packages/{a,b}: a glob with classes or braces is not read: its packages are not known',
      ])
      // Without listDir (standard input), a glob cannot be expanded.
      const blind = discoverer.discover(
        {file: 'composer.json', text: '{"repositories": [{"type": "path", "url": "packages/*"}]}'},
        {readText: () => null},
      )
      expect(problems(blind.skipped ?? [])).toEqual([
        '1 unsupported path repository packages/*: a glob, and folders cannot be listed here: its packages are not known',
      ])
    })

    it(`reads at most ${MAX_PATH_FOLDERS} folders of path globs, and says so`, () => {
      const names = Array.from({length: 10_000}, (_, i) => `pkg-${i}`)
      const read: string[] = []
      const out = discoverer.discover(
        {
          file: 'composer.json',
          text: '{"repositories": [{"type": "path", "url": "packages/*"}, {"type": "path", "url": "more/*/*"}], "require": {"example-corp/pkg-1": "*"}}',
        },
        {
          readText(file) {
            read.push(file)
            return `{"name": "example-corp/${file.split('/')[1]}"}`
          },
          listDir: (dir) => (dir === 'packages' || dir === 'more' ? names : null),
        },
      )
      expect(read).toHaveLength(MAX_PATH_FOLDERS)
      expect(read[0]).toBe('packages/pkg-0/composer.json')
      expect(out.components.map((c) => c.local)).toEqual([true])
      expect(problems(out.skipped ?? [])).toEqual([
        `1 unsupported path repository packages/*: matches more than ${MAX_PATH_FOLDERS} folders: the packages of the rest are not known`,
        `1 unsupported path repository more/*/*: matches more than ${MAX_PATH_FOLDERS} folders: the packages of the rest are not known`,
      ])
    })

    it('reports entries of the wrong shape and names a type it does not read', () => {
      const out = discover(`{
  "repositories": [
    42,
    {"url": "https://x.example-corp.test"},
    {"type": "composer"},
    {"type": "composer", "url": "https://y.example-corp.test", "only": "example-corp/*"},
    {"type": "package", "package": {"version": "1.0.0"}},
    {"type": "package", "package": {"name": "acme/nothing", "version": "1.0.0"}},
    {"type": "path", "url": 7},
    {"type": "pear", "url": "https://pear.example-corp.test"}
  ]
}`)
      expect(problems(out.errors)).toEqual([
        '2 invalid-entry repositories.0: expected an object',
        '4 invalid-entry repositories.1: no type',
        '5 invalid-entry repositories.2: no url',
        '6 invalid-entry repositories.3.only: expected a list of package names',
        '7 invalid-entry repositories.4.package: expected a package with a name',
        '8 invalid-entry repositories.5.package acme/nothing: neither a source nor a dist URL',
        '9 invalid-entry repositories.6: no url',
      ])
      expect(problems(out.skipped)).toEqual([
        "10 unsupported repositories.7: a repository of type 'pear' is not read (Composer 2 has no such type; a plugin may add it)",
      ])
      expect(problems(discover('{\n"repositories": "https://x.example-corp.test"}').errors)).toEqual([
        "2 invalid-entry 'repositories' must be an array or an object",
      ])
    })
  })

  it('matches path segments and package patterns without backtracking', () => {
    expect(wildcardMatch('billing', 'b*g', true)).toBe(true)
    expect(wildcardMatch('billing', 'b?lling', true)).toBe(true)
    expect(wildcardMatch('billing', 'b?lling', false)).toBe(false)
    expect(wildcardMatch('a'.repeat(5_000), `${'*a'.repeat(50)}b`, true)).toBe(false)
  })
})
