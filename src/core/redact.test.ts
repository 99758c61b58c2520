import {describe, expect, it} from 'vitest'
import {expectNone} from '../../tests/support/expect-none.js'
import {seeded} from '../../tests/support/random.js'
import {isSecretName, redactDeep, redactMessage, redactPurl, redactSecrets, rememberSecret} from './redact.js'

describe('redactSecrets', () => {
  it.each([
    ['https://user:s3cret@host.example.com/path/x.tgz', 'https://***@host.example.com/path/x.tgz'],
    ['git+https://ghp_abc123@github.com/o/r.git#v1', 'git+https://***@github.com/o/r.git#v1'],
    ['registry+https://u:p@crates.example.com/index', 'registry+https://***@crates.example.com/index'],
    ['sparse+https://u:p@crates.example.com/index/', 'sparse+https://***@crates.example.com/index/'],
    ['oci://robot:pw@registry.example.com/charts', 'oci://***@registry.example.com/charts'],
    ['--index-url https://u:p@pypi.example.com/simple', '--index-url https://***@pypi.example.com/simple'],
    // An `@` left unencoded in a password: everything up to the host goes.
    ['https://u:p@ss@host.example.com/x', 'https://***@host.example.com/x'],
    // Without a scheme: an image reference or a line written with credentials.
    ['image: robot:pw@registry.example.com/app:1.0', 'image: ***@registry.example.com/app:1.0'],
    ['robot:pw@localhost:5000/app', '***@localhost:5000/app'],
    // ... with a password whose `@` is not encoded, or an e-mail address for a user: all of it goes, as with a scheme.
    ['image "deploy:p@ss:word@reg.example.com/x:1"', 'image "***@reg.example.com/x:1"'],
    ['me@corp.example:token@registry.example.com/app:1', '***@registry.example.com/app:1'],
    // A userinfo after a `mailto:` in the same run is found: its user starts right after the `mailto:`.
    ['mailto:a@x.com,deploy:s3cret@registry.example.com/app:1', 'mailto:***@registry.example.com/app:1'],
    // ...and right after it: a password in a mailto: link is still a password.
    ['<a href="mailto:ops:hunter2@mail.example.com">', '<a href="mailto:***@mail.example.com">'],
    ['MAILTO:ops:hunter2@mail.example.com', 'MAILTO:***@mail.example.com'],
    // Query strings: tokens, keys and signatures of pre-signed URLs; other parameters stay.
    ['https://h.example.com/a.tgz?token=abc&v=2', 'https://h.example.com/a.tgz?token=***&v=2'],
    ['https://h.example.com/?access_token=abc', 'https://h.example.com/?access_token=***'],
    [
      'https://s3.example.com/o?X-Amz-Credential=A%2F1&X-Amz-Signature=ff',
      'https://s3.example.com/o?X-Amz-Credential=***&X-Amz-Signature=***',
    ],
    ['https://blob.example.net/c?sv=2020&sig=abc%3D', 'https://blob.example.net/c?sv=2020&sig=***'],
    // Tokens by their issuers' prefixes, wherever they are (a CI variable substituted into an image name).
    ['reg.example.com/glpat-aB3dEfGhIjKlMnOpQrSt/x:1', 'reg.example.com/glpat-***/x:1'],
    ['token ghp_0123456789abcdefghijABCDEFGHIJ012345 used', 'token ghp_*** used'],
    [`github_pat_11ABCDEFG0${'a'.repeat(12)}_${'B'.repeat(59)} x`, 'github_pat_*** x'],
    ['npm_0123456789abcdefghijABCDEFGHIJ012345', 'npm_***'],
  ])('%s', (input, expected) => {
    expect(redactSecrets(input)).toBe(expected)
  })

  it.each([
    'git+ssh://git@github.com/o/r.git#abc',
    'git@github.com:o/r.git',
    'alice@example.com',
    'mailto:alice@example.com',
    'lodash@npm:4.17.21',
    'foo@npm:bar@1.0.0',
    '@babel/core@7.24.0',
    'nginx@sha256:0123456789abcdef',
    'https://github.com/o/r/tree/main/dir?tab=readme',
    'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz#sha1-abc',
    // Names that only begin like a token.
    'npm_config_cache',
    'pkg:npm/gh_pages@1.0.0',
    'npm_config_strict_peer_dependencies',
    '@types/npm_package_json_lint_config',
    'ghp_import-2',
  ])('leaves %s as it is (same string)', (text) => {
    expect(redactSecrets(text)).toBe(text)
  })

  it('finds `user:pass@host` without a scheme as a regular expression would, on any text', () => {
    // The reference: an expression (which takes time quadratic in runs of `:`) with the rule's meaning. The user runs
    // to the first `:`, the password to the last `@` before a host; both may hold `@` (an e-mail user, a password
    // written with its `@` unencoded). A user is never `mailto` itself, but may follow a `mailto:`.
    const reference = (text: string) =>
      text.replace(
        /(^|[\s'"=(,;<>`])([Mm][Aa][Ii][Ll][Tt][Oo]:|(?![Mm][Aa][Ii][Ll][Tt][Oo]:))([^\s/?#:'"<>`\\]+):([^\s/?#'"<>`\\]+)@(?=(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}\b|localhost\b|\d{1,3}(?:\.\d{1,3}){3}\b)/g,
        (_, before: string, mailto: string) => `${before}${mailto}***@`,
      )
    // No `://` and no `=`: only this rule applies. A seeded generator, so a failure is the same on every run.
    const pieces = [
      'a',
      'bc',
      ':',
      ':',
      '@',
      '@',
      'x.com',
      '.',
      ' ',
      '(',
      ',',
      '/',
      'mailto',
      'MailTo',
      'mailto:',
      '"',
      '1.2.3.4',
      'localhost',
      '#',
      '<',
      // Whole pieces of a userinfo, so that many texts hold one (or nearly one).
      'u:p@',
      'u:p:q@',
      ':@',
      '@x.com',
    ]
    const next = seeded(7)
    const redacted = new Set<string>()
    // Each text redacted otherwise than by the expression (an expect for each of 20,000 took a third of a second).
    const differ: Array<[string, string, string]> = []
    for (let i = 0; i < 20_000; i++) {
      const text = Array.from({length: 1 + next(12)}, () => pieces[next(pieces.length)]).join('')
      if (text.includes('://')) continue
      const [ours, expected] = [redactSecrets(text), reference(text)]
      if (ours !== expected) differ.push([text, ours, expected])
      if (expected !== text) redacted.add(text)
    }
    expectNone(differ)
    // Enough of them hold a userinfo that the comparison means something, some of them right after a `mailto:`.
    expect(redacted.size).toBeGreaterThan(200)
    expect([...redacted].filter((text) => /mailto:\*\*\*@/i.test(reference(text))).length).toBeGreaterThan(20)
  })

  it('reads a long run of `:` before an `@` that ends no userinfo in linear time (the expression took minutes)', () => {
    // 1.6 million characters: quadratic, this would not end within the test timeout.
    const text = `FROM ${'a:'.repeat(800_000)}@ and user:pw@example.com`
    expect(redactSecrets(text)).toBe(`FROM ${'a:'.repeat(800_000)}@ and ***@example.com`)
    // Runs with an `@` before a host and no `:` of their own, after a `:`: the search for the user's `:` never leaves
    // its run (it ran to the end of the text from each run: 2 MB took 3 s, 5 MB 20 s).
    const runs = `1.0.0:${' a@x.co'.repeat(800_000)}`
    expect(redactSecrets(runs)).toBe(runs)
  })

  it('removes a remembered secret wherever it appears', () => {
    // A token without an issuer's prefix (a GitHub App's installation token, an enterprise one): only remembered.
    rememberSecret('rememberedTokenValue0001')
    expect(redactSecrets('x rememberedTokenValue0001 y')).toBe('x *** y')
    // Too short to be a token: never remembered, never garbles text.
    rememberSecret('abou')
    expect(redactSecrets('about')).toBe('about')
  })
})

describe('redactMessage', () => {
  it('also removes the values of settings whose name holds a secret', () => {
    expect(redactMessage('//registry.npmjs.org/:_authToken=npm_abc')).toBe('//registry.npmjs.org/:_authToken=***')
    expect(redactMessage('npmAuthToken: "npm_abc"')).toBe('npmAuthToken: "***"')
    expect(redactMessage('password: hunter2, api_key=k1')).toBe('password: ***, api_key=***')
    expect(redactMessage('Authorization: Bearer abc.def')).toBe('Authorization: ***')
    // A Maven coordinate whose group ends in .session (spring-boot's build.gradle), not a setting; a setting still is.
    expect(redactMessage('org.springframework.session:spring-session-core: no version')).toBe(
      'org.springframework.session:spring-session-core: no version',
    )
    expect(redactMessage('server.servlet.session: abc, session:xyz')).toBe('server.servlet.session: ***, session:***')
    expect(redactMessage('js-tokens: 4.0.0 at localhost:8080, monkey: 1')).toBe(
      'js-tokens: 4.0.0 at localhost:8080, monkey: 1',
    )
  })

  it('names by their last word', () => {
    for (const name of ['token', '_authToken', 'X-Amz-Signature', 'client_secret', 'apikey', 'PASSWORD'])
      expect(isSecretName(name), name).toBe(true)
    for (const name of ['tokens', 'monkey', 'keyring', 'bypass', 'version'])
      expect(isSecretName(name), name).toBe(false)
  })
})

describe('redactPurl', () => {
  it('passes plain purls as they are, however long, and parses the others (a long name overflowed the stack)', () => {
    const long = `pkg:pypi/${'a'.repeat(10_000_000)}@1.0`
    expect(redactPurl(long)).toBe(long)
    const scoped = `pkg:npm/${'%40a'.repeat(1_000_000)}/b@1`
    expect(redactPurl(scoped)).toBe(scoped)
    for (const plain of ['pkg:npm/%40scope/name@1.0.0', 'pkg:npm/%40a%40b/c@1', 'pkg:golang/github.com/a/b@v1'])
      expect(redactPurl(plain)).toBe(plain)
    // Not plain, so parsed (and unchanged when nothing is secret): other percent-encoding, a second @, a query.
    expect(redactPurl('pkg:npm/a%41b@1')).toBe('pkg:npm/a%41b@1')
    const redacted = redactPurl('pkg:generic/a@1?download_url=https://u:p@host.example.com/a')
    expect(redacted).not.toContain('u:p')
    expect(decodeURIComponent(redacted)).toContain('https://***@host.example.com/a')
  })

  it('redacts percent-encoded qualifiers and writes the purl again', () => {
    const purl = 'pkg:helm/app@1.0.0?repository_url=https%3A%2F%2Fu%3Apw%40charts.example.com%2Fstable'
    expect(redactPurl(purl)).toBe('pkg:helm/app@1.0.0?repository_url=https%3A%2F%2F***%40charts.example.com%2Fstable')
  })

  it('returns a purl without credentials as it is', () => {
    const purl = 'pkg:npm/x@1.0.0?vcs_url=git%2Bssh%3A%2F%2Fgit%40github.com%2Fo%2Fr'
    expect(redactPurl(purl)).toBe(purl)
  })
})

describe('redactDeep', () => {
  it('redacts every string, purls as purls and messages as messages, copying only what changed', () => {
    const clean = {name: 'a', locations: [{file: 'x', line: 1, column: 1}]}
    const input = {
      clean,
      ref: 'https://u:p@h.example.com/x',
      purl: 'pkg:cargo/c@1?repository_url=https%3A%2F%2Fu%3Ap%40h.example.com',
      message: 'bad line password=hunter2',
      list: ['ok', 'oci://u:p@r.example.com/c'],
    }
    const out = redactDeep(input)
    expect(out).toEqual({
      clean,
      ref: 'https://***@h.example.com/x',
      purl: 'pkg:cargo/c@1?repository_url=https%3A%2F%2F***%40h.example.com',
      message: 'bad line password=***',
      list: ['ok', 'oci://***@r.example.com/c'],
    })
    expect(out.clean).toBe(clean)
    expect(input.ref).toBe('https://u:p@h.example.com/x')
    const untouched = {a: ['b', {c: 'd'}]}
    expect(redactDeep(untouched)).toBe(untouched)
  })
})

describe('redacting JSON text', () => {
  it('keeps it valid JSON, and redacting twice changes nothing', () => {
    const data = {
      message: 'image "r.example.com/x:{{ .tag }}?token=abc" is a template',
      ref: '"q@https://u:p@h.example.com/q.tgz"',
      image: 'robot:pw@registry.example.com/app:1',
    }
    const once = redactSecrets(JSON.stringify(data, null, 2))
    expect(JSON.parse(once)).toEqual({
      message: 'image "r.example.com/x:{{ .tag }}?token=***" is a template',
      ref: '"q@https://***@h.example.com/q.tgz"',
      image: '***@registry.example.com/app:1',
    })
    expect(redactSecrets(once)).toBe(once)
    expect(redactMessage(redactMessage('password=x token: y'))).toBe('password=*** token: ***')
  })
})
