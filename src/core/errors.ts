/**
 * Exit codes and error codes: the contract CI relies on. Every error code stewards uses is registered once in
 * `ERRORS` (code → exit status → what it means → default hint); `ErrorCode` is the union of its keys, so an
 * unregistered code does not type-check. tests/error-codes.test.ts finds every code written in src/ and fails on one
 * that is not registered or on a registered one nothing uses; docs/error-codes.md is generated from this table.
 */

/** Exit codes (README "Exit codes"). */
export const ExitCode = {
  clean: 0,
  findings: 1,
  incomplete: 2,
  usage: 3,
  internal: 4,
} as const
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode]

export interface ErrorEntry {
  /** 3: the run stops (usage or configuration error). 2: the input is recorded in the report's `errors` and the run goes on, incomplete. */
  exit: typeof ExitCode.usage | typeof ExitCode.incomplete
  meaning: string
  /** Printed as `Hint:` when the error does not bring its own. */
  hint?: string
}

const SEE_HELP = 'see `stewards COMMAND --help`'
const REPORT_HINT = 'pass a JSON report written by `stewards scan --format json`'

/** Every error code, alphabetically. Exit 3 codes stop the run; exit 2 codes are recorded and make it incomplete. */
export const ERRORS = {
  'affiliations-host': {
    exit: 3,
    meaning: '`--affiliations cncf-gitdm` needs github.com, which this run does not collect (`--only-host`)',
  },
  'affiliations-incomplete': {
    exit: 2,
    meaning: 'the CNCF gitdm affiliation files could not be read completely (rate limit, network)',
    hint: 'try again later (--on-rate-limit wait waits for a rate-limit reset), or with a token',
  },
  'affiliations-not-cached': {
    exit: 3,
    meaning: '`--affiliations cncf-gitdm`: the CNCF gitdm files are not in the cache',
    hint: 'run `stewards affiliations update` (online) first, or import a cache bundle that holds them',
  },
  'affiliations-unavailable': {
    exit: 3,
    meaning: '`--affiliations cncf-gitdm` with a snapshot that holds no affiliation files',
  },
  'bad-api-url': {
    exit: 3,
    meaning: '`--github-api-url` is not an http(s) URL, or carries credentials',
    hint: 'use https://api.github.com, or https://HOST/api/v3 for GitHub Enterprise Server',
  },
  'bad-artifact-hub-url': {
    exit: 3,
    meaning: '`--artifact-hub-url` is not an http(s) URL or `none`, or carries credentials, a query or a fragment',
    hint: 'use https://artifacthub.io, the base URL of your mirror, or none',
  },
  'bad-commits': {
    exit: 3,
    meaning: 'a `--commits` file is not a JSON array of commit records',
    hint: 'a JSON array of {sha, author: {name, email, date}, committer, login} records',
  },
  'bad-date': {exit: 3, meaning: 'a date flag is not a date', hint: 'use YYYY-MM-DD or an ISO 8601 timestamp'},
  'bad-duration': {
    exit: 3,
    meaning: '`--max-age` (or `maxAge:`) is not a duration',
    hint: 'use e.g. 30m, 24h, 7d or milliseconds',
  },
  'bad-flags': {exit: 3, meaning: 'flags that cannot be used together', hint: SEE_HELP},
  'bad-format': {exit: 3, meaning: '`--format` names a format the command does not write', hint: SEE_HELP},
  'bad-git': {
    exit: 3,
    meaning: '`--git DIR` cannot be paired with a repository',
    hint: 'give one --git per repository, in order, or --git OWNER/REPO=DIR',
  },
  'bad-glob': {
    exit: 3,
    meaning: '`--include` or `--exclude` is not a valid glob',
    hint: 'quote the glob so the shell leaves it alone; escape a literal [ ] ( ) { } with a backslash',
  },
  'bad-output': {
    exit: 3,
    meaning: '`--output` is not FORMAT=FILE, names an unknown format, a directory, or a file twice',
    hint: 'e.g. --output sarif=stewards.sarif',
  },
  'bad-param': {
    exit: 3,
    meaning: '`--param` is not RULE.NAME=VALUE',
    hint: 'e.g. --param single-org-majority.max_share=0.6',
  },
  'bad-registry-mirror': {
    exit: 3,
    meaning:
      '`--registry-mirror` (or `registryMirrors:`) is not an http(s) URL, or carries credentials, a query or a fragment',
    hint: 'the base URL the lockfiles name, e.g. https://artifactory.example.com/api/npm/npm-remote',
  },
  'bad-repo': {
    exit: 3,
    meaning: 'a repository argument is not OWNER/REPO',
    hint: 'repository names are OWNER/REPO with GitHub naming rules',
  },
  'bad-shard': {exit: 3, meaning: '`--shard` is not I/N with 0 <= I < N'},
  'bad-size': {exit: 3, meaning: '`--max-file-size` is not a size', hint: 'use bytes or a unit, e.g. 50MB'},
  'bad-source-url': {exit: 3, meaning: '`--source-url` is not an http(s) URL'},
  'bad-window': {
    exit: 3,
    meaning: '`--since` is not before `--until`',
    hint: 'the window is [--since, --until) on commit author dates; swap them or widen it',
  },
  binary: {
    exit: 2,
    meaning: 'a file named like a format stewards reads holds binary data (gzip, zip, ELF...): not read',
  },
  'bots-invalid': {exit: 3, meaning: 'a bot rules file has a pattern that is not an RE2 regular expression'},
  'bundle-invalid': {
    exit: 3,
    meaning: 'the file is not a cache bundle, or an entry names a namespace or key that is not a plain name',
  },
  'bundle-version': {exit: 3, meaning: 'a cache bundle of another version (older ones have no checksums)'},
  'cache-clear': {exit: 3, meaning: '`cache clear` refuses a directory that is not a cache (home, root, a checkout)'},
  'cache-export': {
    exit: 3,
    meaning: 'nothing to export (no cache, or an empty one), or the bundle cannot be written',
    hint: 'fill the cache with `stewards scan` or `stewards collect` first, or give --cache-dir',
  },
  'cache-import': {
    exit: 3,
    meaning: 'the file is not a stewards cache bundle',
    hint: 'import a file written by `stewards cache export`',
  },
  'cache-url': {exit: 3, meaning: '`--cache-url` is not a redis:// or rediss:// URL stewards can use'},
  'chart-archive-not-read': {
    exit: 2,
    meaning:
      "a packaged Helm chart (a `.tgz` in a chart's `charts/` folder, or named as a PATH) could not be read: not a gzipped tar, truncated, a tar Helm and stewards could read differently (links, sparse files, a member named twice), a path outside its one top folder, no Chart.yaml there, a file of the tree with a member's path, unpacked past --max-file-size, or nested too deep; its images and dependencies are not listed",
    hint: 'rebuild it (`helm dependency build`), raise --max-file-size if it is large, or scan the chart unpacked (`tar -xzf` it into a folder)',
  },
  'collect-incomplete': {
    exit: 2,
    meaning: 'part of a project could not be collected (rate limit, timeout, network error, offline cache miss)',
  },
  'config-invalid': {
    exit: 3,
    meaning: 'the settings file (`.stewards.yaml`) is not valid',
    hint: 'keys are the scan flags in camelCase (failOn, cacheDir, includeDev...; no token: use GITHUB_TOKEN); see the README',
  },
  'config-output-outside': {
    exit: 3,
    meaning: 'a settings file inside a scanned PATH names a report file outside the directory it governs',
  },
  'config-untrusted': {
    exit: 3,
    meaning:
      'a settings file inside a scanned PATH sets a key it may not (where the token goes, where files are written, files outside the PATH, a limit raised past its default), or the settings or waivers file there links outside the PATH',
    hint: 'give the setting as a flag, put it in your own settings file, or name the file with --config to trust it',
  },
  'control-character': {exit: 2, meaning: 'a line holds a control character (a stray NUL): that line is not read'},
  'csl-invalid': {exit: 3, meaning: 'the file is not a Consolidated Screening List download (JSON, CSV or TSV)'},
  'discoverer-failed': {exit: 2, meaning: 'a discover format failed on a file (a bug: please report it)'},
  'duplicate-key': {exit: 2, meaning: 'a lockfile has a key twice'},
  'entities-invalid': {
    exit: 3,
    meaning: 'organisation data (`rules/entities/`, `--entities`) is not valid',
    hint: 'see rules/entities/SOURCES.md for the format of entity files',
  },
  'evidence-invalid': {
    exit: 3,
    meaning: 'an evidence file (`--affiliations`, `--companies`, `--overrides`) is not in its format',
    hint: 'see src/attribute/README.md for the formats of evidence files',
  },
  'file-too-large': {exit: 3, meaning: 'a file given to stewards is larger than it accepts for its kind'},
  'file-unreadable': {
    exit: 3,
    meaning: 'a file or directory given to stewards cannot be read (missing, not a file, no permission)',
    hint: 'check the path',
  },
  'forbidden-key': {exit: 2, meaning: 'a lockfile key that could reach Object.prototype (`__proto__`) was ignored'},
  'git-dir': {
    exit: 3,
    meaning: '`--git DIR` is not a git repository',
    hint: 'give the path of a local clone or bare repository',
  },
  'github-app-auth': {
    exit: 3,
    meaning: 'GitHub refused to make an installation token for the GitHub App',
    hint: 'check GITHUB_APP_ID, GITHUB_APP_INSTALLATION_ID and the private key, and that the app is installed',
  },
  'github-app-incomplete': {
    exit: 3,
    meaning: 'some of the GitHub App settings are set, not all (app id, installation id, private key)',
  },
  'github-app-invalid': {exit: 3, meaning: 'a GitHub App id or installation id is not a number'},
  'github-app-key-invalid': {exit: 3, meaning: 'the GitHub App private key is not a PEM private key'},
  'github-app-key-unreadable': {exit: 3, meaning: 'GITHUB_APP_PRIVATE_KEY_FILE cannot be read'},
  'github-unauthorized': {
    exit: 3,
    meaning: 'GitHub rejected the token (401)',
    hint: 'check --token, GITHUB_TOKEN or GH_TOKEN (expired or revoked?), or unset them to run anonymously',
  },
  'governance-unread': {
    exit: 2,
    meaning:
      'a governance file could not be read completely (too large, alias bomb, syntax error): the maintainers may be incomplete',
  },
  'include-not-read': {
    exit: 2,
    meaning:
      'a file includes another that could not be read (a requirements `-r`, a GitLab CI `include:`, a kustomize resource that is there)',
  },
  'insecure-transport': {
    exit: 3,
    meaning: 'a token would travel over plain http to another machine',
    hint: 'use https (or http://127.0.0.1 for a local emulator), or run without a token',
  },
  'invalid-affiliation': {exit: 2, meaning: 'a line of a gitdm affiliation file could not be read'},
  'invalid-chart': {exit: 2, meaning: 'a Helm `Chart.yaml` or `Chart.lock` is not a chart file'},
  'invalid-compose': {exit: 2, meaning: 'a Compose file is not a mapping of services stewards can read'},
  'invalid-entry': {
    exit: 2,
    meaning: 'an entry of a lockfile or manifest (a dependency, a release, a hook) is not in the expected shape',
  },
  'invalid-gitlab-ci': {exit: 2, meaning: 'a GitLab CI file is not what stewards can read'},
  'invalid-go-mod': {exit: 2, meaning: 'a `go.mod` line could not be read'},
  'invalid-go-sum': {exit: 2, meaning: 'a `go.sum` line is not `module version hash`'},
  'invalid-image-field': {exit: 2, meaning: 'an image field of a Kubernetes object is not a string'},
  'invalid-image-ref': {exit: 2, meaning: 'an image reference does not follow the OCI reference grammar'},
  'invalid-json': {exit: 2, meaning: 'a JSON lockfile is not valid JSON'},
  'invalid-kustomization': {exit: 2, meaning: 'a `kustomization.yaml` is not a kustomization'},
  'invalid-lockfile': {exit: 2, meaning: 'a lockfile is not in its format'},
  'invalid-purl': {exit: 2, meaning: 'an SBOM component has a purl that is not a valid package URL'},
  'invalid-requirement': {exit: 2, meaning: 'a requirements line could not be parsed'},
  'invalid-sbom': {exit: 2, meaning: 'an SBOM is not a CycloneDX or SPDX document stewards can read'},
  'invalid-toml': {exit: 2, meaning: 'a TOML lockfile is not valid TOML'},
  'invalid-utf8': {exit: 2, meaning: 'a file is not valid UTF-8'},
  'invalid-variable': {exit: 2, meaning: 'a variable reference in a Dockerfile or Compose file is not well-formed'},
  'invalid-workflow': {exit: 2, meaning: 'a GitHub Actions workflow or action file is not what stewards can read'},
  'invalid-xml': {
    exit: 2,
    meaning:
      'an XML file (an SBOM, a POM, an MSBuild project, a nuget.config) is not well-formed, or has a DOCTYPE (never expanded)',
  },
  'invalid-yaml': {exit: 2, meaning: 'a YAML lockfile is not valid YAML'},
  'json-duplicate-key': {exit: 2, meaning: 'a JSON manifest has a key twice'},
  'json-invalid': {
    exit: 3,
    meaning: 'a JSON file given to stewards is not valid JSON',
    hint: 'check that the file was written whole (an interrupted copy ends early)',
  },
  'json-syntax': {exit: 2, meaning: 'a JSON manifest is not valid JSON'},
  'json-too-deep': {exit: 2, meaning: 'a JSON manifest is nested too deep to read'},
  'map-invalid': {
    exit: 3,
    meaning: 'the `--map` file is not a valid mapping',
    hint: 'see src/resolve/README.md for the map file format',
  },
  'no-format': {exit: 3, meaning: 'a file named as PATH is one no format reads'},
  'no-repos': {exit: 3, meaning: 'no repository to collect: none named, none in `--repos` or `--from`'},
  'not-regular-file': {
    exit: 2,
    meaning:
      'a PATH, or a file a format would read, is a FIFO, socket or device, not a regular file (pipe a PATH to `-` instead)',
  },
  'path-not-found': {exit: 3, meaning: 'a PATH does not exist', hint: 'check the PATH arguments'},
  'read-failed': {
    exit: 2,
    meaning:
      'a file or directory to scan could not be read or examined (permission denied, a path longer than the system allows, a broken symlink)',
  },
  'report-invalid': {exit: 3, meaning: 'the file is not a stewards JSON report', hint: REPORT_HINT},
  'report-no-listings': {
    exit: 3,
    meaning: '`evaluate --lists` on a report written before it recorded who works for a listed organisation',
  },
  'report-version': {
    exit: 3,
    meaning: 'the JSON report has a schema version this stewards does not read',
    hint: 'write both reports with the same major version of stewards',
  },
  'rule-evaluation': {exit: 2, meaning: 'a rule could not be evaluated on a project (e.g. an unguarded unknown value)'},
  'rule-override': {
    exit: 3,
    meaning: '`--param` (or `params:`) names an unknown rule or parameter, or a value of the wrong type',
    hint: "see `stewards rules explain ID` for a rule's parameters",
  },
  'rules-invalid': {
    exit: 3,
    meaning: 'a rule file or pack is not valid',
    hint: 'check with `stewards rules validate FILE`; the rule format is described in rules/README.md',
  },
  'sbom-too-deep': {exit: 2, meaning: 'SBOM components are nested deeper than stewards reads'},
  'script-too-large': {
    exit: 2,
    meaning:
      'a script stewards tokenizes without running it (a Tiltfile) is over 1 MiB (1,048,576 characters), far larger than such files are: not read (for the memory of the reader)',
  },
  'snapshot-invalid': {
    exit: 3,
    meaning: 'the `--snapshot` file is neither a cache bundle nor a recorded collection',
    hint: 'a snapshot is a `stewards cache export` bundle or `stewards collect --format json` output',
  },
  'snapshot-missing': {exit: 3, meaning: 'the snapshot source was chosen without a file', hint: 'give --snapshot FILE'},
  'stdin-format-unknown': {
    exit: 3,
    meaning: 'standard input is in no format its content shows',
    hint: 'name its format with --stdin-format ID',
  },
  'stdin-format-without-stdin': {exit: 3, meaning: '`--stdin-format` without `-` among the PATHs'},
  'stdin-is-terminal': {exit: 3, meaning: '`-` (standard input) is a terminal, not a pipe or a file'},
  'stdin-twice': {exit: 3, meaning: '`-` (standard input) is named more than once', hint: 'name `-` once'},
  'symlink-loop': {
    exit: 2,
    meaning: 'a file a format would read is a symlink that loops or points at a directory holding it: not read',
  },
  'symlink-outside-root': {
    exit: 2,
    meaning: 'a file a format would read is a symlink leaving the scanned directory: not followed, not read',
    hint: 'scan the target directory itself, or copy the file into the tree',
  },
  'too-deep': {exit: 2, meaning: 'a lockfile is nested too deep to parse'},
  'too-large': {exit: 2, meaning: 'a file is over --max-file-size: not read'},
  'too-many-kustomizations': {
    exit: 2,
    meaning:
      'a kustomization includes more kustomizations (1,000) or more images (100,000) than stewards renders, through its overlays',
  },
  'unknown-command': {
    exit: 3,
    meaning: '`stewards help NAME`: no command or topic has that name',
    hint: 'run `stewards --help` for the list of commands',
  },
  'unknown-format': {exit: 3, meaning: '`--stdin-format` names no format'},
  'unknown-list': {exit: 3, meaning: '`--lists` (or `lists:`) names a list the organisation data does not define'},
  'unknown-organisation': {
    exit: 3,
    meaning: '`entities show` found no organisation',
    hint: 'run `stewards entities list` for the ids',
  },
  'unknown-rule': {exit: 3, meaning: '`rules explain` found no rule', hint: 'run `stewards rules list` for the ids'},
  'unknown-source': {exit: 3, meaning: 'an unknown collection or evidence source was asked for'},
  'unsupported-encoding': {
    exit: 2,
    meaning:
      'a file is in an encoding stewards does not read (UTF-32, UTF-16 without a byte-order mark, or one an XML declaration names that Node.js cannot decode; UTF-16 with its mark is read)',
  },
  'unsupported-sbom-version': {exit: 2, meaning: 'an SBOM of a specification version stewards does not read'},
  'unsupported-version': {exit: 2, meaning: 'a lockfile version stewards does not read'},
  'value-too-long': {
    exit: 2,
    meaning:
      "a URL a file gives its packages (a registry, index, source or download URL) is over 2,048 characters: the packages' purls hold it cut, marked with …",
  },
  'waivers-invalid': {
    exit: 3,
    meaning: 'the waivers file (`.stewards-waivers.yaml`, `--waivers`, `waivers:` in settings) is not valid',
    hint: 'each waiver needs rule, repository, reason, approvedBy and expires (YYYY-MM-DD; a waiver without an end is refused); see README "Waivers"',
  },
  'write-directory': {exit: 3, meaning: 'a file to write (`--output`, `cache export`) is a directory'},
  'write-failed': {
    exit: 3,
    meaning: 'a file to write could not be written',
    hint: 'give a file path in a writable directory',
  },
  'write-outside': {
    exit: 3,
    meaning: 'a settings file inside a scanned PATH names a file to write outside its directory',
  },
  'write-special': {
    exit: 3,
    meaning: 'a file to write is a FIFO, a socket or a block device (a character device such as /dev/null is written)',
    hint: 'give a regular file, /dev/null, or - for stdout (and pipe it)',
  },
  'write-symlink': {
    exit: 3,
    meaning:
      'a file to write is a symbolic link, or its path goes through one inside the working directory or a scanned PATH: never written through, the file it points to is left alone',
  },
  'yaml-alias-budget': {exit: 2, meaning: 'YAML aliases expand beyond the limit (a "billion laughs" file?)'},
  'yaml-document-too-large': {
    exit: 2,
    meaning:
      'a YAML document over 2 MiB (2,097,152 characters) with a problem, anchors, aliases, merge or `__proto__` keys, or any document over 8 MiB read with positions (for the memory of the readers): not read',
  },
  'yaml-duplicate-key': {exit: 2, meaning: 'a YAML mapping has a key twice'},
  'yaml-syntax': {exit: 2, meaning: 'a YAML document is not valid YAML'},
  'yaml-too-deep': {exit: 2, meaning: 'a YAML document is nested too deep to read'},
  'yaml-too-many-documents': {exit: 2, meaning: 'a YAML file holds more than 100,000 documents: the rest is not read'},
  'yaml-unsupported-tag': {exit: 2, meaning: 'a YAML tag stewards does not resolve'},
} as const satisfies Record<string, ErrorEntry>

export type ErrorCode = keyof typeof ERRORS

/** An error meant for the user: a registered code, a one-line message, a hint, and its exit code. */
export class StewardsError extends Error {
  readonly code: ErrorCode
  readonly exitCode: ExitCode
  readonly hint?: string

  /** The exit code and the hint default to the code's entry in `ERRORS`. */
  constructor(code: ErrorCode, message: string, options: {exitCode?: ExitCode; hint?: string; cause?: unknown} = {}) {
    super(message, {cause: options.cause})
    this.name = 'StewardsError'
    this.code = code
    const entry: ErrorEntry = ERRORS[code]
    this.exitCode = options.exitCode ?? entry.exit
    this.hint = options.hint ?? entry.hint
  }
}

/** Usage or configuration problem (a code whose exit is 3): the run stops. */
export function usageError(code: ErrorCode, message: string, hint?: string): StewardsError {
  return new StewardsError(code, message, {exitCode: ExitCode.usage, hint})
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export const ERROR_CODES_START = '<!-- error-codes:start (generated from src/core/errors.ts; do not edit by hand) -->'
export const ERROR_CODES_END = '<!-- error-codes:end -->'

/** The table of docs/error-codes.md. */
export function errorCodesMarkdown(): string {
  const rows = Object.entries(ERRORS as Record<string, ErrorEntry>).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.exit} | ${e.meaning.replaceAll('|', '\\|')} | ${(e.hint ?? '').replaceAll('|', '\\|')} |`,
  )
  return ['| code | exit | meaning | default hint |', '|---|---|---|---|', ...rows, ''].join('\n')
}

/** `text` with the generated table between the markers. */
export function withErrorCodes(text: string): string {
  const start = text.indexOf(ERROR_CODES_START)
  const end = text.indexOf(ERROR_CODES_END)
  if (start < 0 || end < start) throw new Error('error code markers not found')
  return `${text.slice(0, start + ERROR_CODES_START.length)}\n\n${errorCodesMarkdown()}\n${text.slice(end)}`
}
