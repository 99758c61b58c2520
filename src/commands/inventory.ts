import {Args, Flags} from '@oclif/core'
import {safeOutput} from '../core/neutralise.js'
import {BaseCommand} from '../core/command.js'
import {ExitCode, usageError} from '../core/errors.js'
import type {Component, Inventory} from '../core/model.js'
import {DEFAULT_MAX_FILE_SIZE, discoverPaths} from '../discover/index.js'
import {writeJson} from '../core/json-stream.js'
import {parseSize} from '../core/size.js'
import type {ResolveRun} from '../resolve/index.js'

export default class InventoryCommand extends BaseCommand {
  static summary = 'List the images, charts and packages that manifests and lockfiles declare.'

  static description = [
    'Walks each PATH (default: the current directory) and reads Kubernetes manifests (YAML, and JSON as `kubectl get -o json` writes it), kustomizations, Helm charts and values files, Dockerfiles/Containerfiles, Compose files, GitHub Actions workflows and action.yml, Maven pom.xml, and lockfiles (npm, yarn, pnpm, Go, Cargo, Poetry, Pipenv, uv, pip, Bundler, Composer, Gradle, NuGet, SwiftPM Package.resolved, pubspec.lock, .terraform.lock.hcl). Nothing is fetched: this is what the files say. JSON files that are not Kubernetes objects are passed over silently.',
    '--include and --exclude globs are matched against each path relative to the PATH being walked and against the path as printed (relative to the working directory): for `inventory deploy`, `k8s/**` and `deploy/k8s/**` both match deploy/k8s/. A glob without / matches a file or directory name at any depth. A glob that matches nothing is warned about on stderr; an invalid glob is a usage error. Files named as PATH are never filtered.',
    '.git and node_modules are never walked; symlinks leaving a PATH are not followed; Helm templates are skipped (render them with `helm template` first).',
    'A file a format reads is read completely or listed under errors, which makes the run incomplete (exit 2): larger than --max-file-size, binary (gzip, zip, ELF...), not UTF-8 text (UTF-16), a syntax error, a key written twice. A line holding a control character (a stray NUL) or invalid UTF-8 is an error at its line and the other lines are still read; a `__proto__` key is an error and the rest of its file is still read.',
    'A PATH that does not exist, or a file named as PATH that no format reads, is a usage error (exit 3). `-` reads standard input as one file, in the format --stdin-format names or, for formats with a clear marker (lockfile headers, a top-level apiVersion and kind), the one its content shows.',
    'Exit codes: 0 every input was read; 2 some input could not be read (listed under errors); 3 usage error.',
  ].join('\n\n')

  static examples = [
    {description: 'Inventory the current directory as a table', command: '<%= config.bin %> <%= command.id %>'},
    {description: 'The bundled demo, as JSON', command: '<%= config.bin %> <%= command.id %> fixtures/demo --json'},
    {
      description: 'Only Kubernetes manifests, without tests',
      command: "<%= config.bin %> <%= command.id %> deploy/ --include '*.yaml' --exclude 'test/**'",
    },
    {description: 'Read files up to 200 MB', command: '<%= config.bin %> <%= command.id %> . --max-file-size 200MB'},
    {
      description: 'What the CI workflows and container builds pull in, with their repositories',
      command: "<%= config.bin %> <%= command.id %> . --include '.github/**' --include 'Dockerfile*' --resolve",
    },
    {
      description: 'A lockfile from standard input',
      command: '<%= config.bin %> <%= command.id %> - --stdin-format npm-package-lock < package-lock.json',
    },
  ]

  static enableJsonFlag = true

  static strict = false

  static args = {
    path: Args.string({
      description: 'files or directories to read (several allowed); - for standard input',
      required: false,
    }),
  }

  static flags = {
    include: Flags.string({
      description:
        'only read files matching this glob, relative to PATH or to the working directory (repeatable; a glob without / matches file names)',
      multiple: true,
    }),
    exclude: Flags.string({
      description:
        'skip files and directories matching this glob, relative to PATH or to the working directory (repeatable)',
      multiple: true,
    }),
    'max-file-size': Flags.string({
      description: 'larger files are not read, and make the run incomplete (bytes, or with a unit: 512KB, 50MB)',
      default: '50MB',
    }),
    'stdin-format': Flags.string({
      description: 'the format of `-` (standard input), e.g. npm-package-lock; default: recognised by its content',
    }),
    resolve: Flags.boolean({description: 'map each component to its upstream repository and print resolution rates'}),
    offline: Flags.boolean({
      description: 'with --resolve: use the cache only (misses are reported; exit 2)',
      dependsOn: ['resolve'],
    }),
    map: Flags.string({
      description: 'with --resolve: YAML file of purl or image patterns → repository (always wins)',
      dependsOn: ['resolve'],
    }),
  }

  async run(): Promise<Inventory & {resolution?: ResolveRun}> {
    const {argv, flags} = await this.parse(InventoryCommand)
    const maxFileSize = parseSize(flags['max-file-size'])
    if (maxFileSize === undefined) {
      throw usageError(
        'bad-size',
        `--max-file-size: "${flags['max-file-size']}" is not a size`,
        `use bytes or a unit, e.g. --max-file-size ${DEFAULT_MAX_FILE_SIZE} or 50MB`,
      )
    }
    const paths = argv.length > 0 ? (argv as string[]) : ['.']
    // Written directly: oclif's logToStderr is silent under --json, and a glob that matched nothing must be told.
    const warn = (message: string) => this.writeErr(`warning: ${message}\n`)
    const inventory = await discoverPaths(paths, {
      include: flags.include,
      exclude: flags.exclude,
      maxFileSize,
      warn,
      stdin: {format: flags['stdin-format']},
    })
    if (!this.jsonEnabled()) {
      this.log(table(inventory.components))
      this.logToStderr(summary(inventory))
    }
    if (inventory.errors.length > 0) process.exitCode = ExitCode.incomplete
    if (!flags.resolve) return inventory
    // Imported here: without --resolve, inventory never loads the resolve stage (start-up time).
    const {formatResolutionTable, resolveComponents} = await import('../resolve/index.js')
    const resolution = await resolveComponents(inventory.components, {offline: flags.offline, mapFile: flags.map})
    if (!this.jsonEnabled()) this.log(`\n${formatResolutionTable(resolution.stats)}`)
    if (resolution.incomplete) process.exitCode = ExitCode.incomplete
    return {...inventory, resolution}
  }

  /** JSON.stringify's bytes, written in chunks: a huge inventory is never one string (core/json-stream.ts). */
  protected logJson(json: unknown): void {
    writeJson((chunk) => process.stdout.write(safeOutput(chunk)), json as object)
  }
}

const SKIPPED_SHOWN = 50

function table(components: Component[]): string {
  if (components.length === 0) return 'No components found.'
  const rows = components.map((c) => {
    const [first] = c.locations
    const more = c.locations.length > 1 ? ` (+${c.locations.length - 1})` : ''
    return [
      c.ref,
      c.kind,
      c.ecosystem,
      c.version ?? (c.digest ? c.digest.slice(0, 19) : '-'),
      `${first.file}:${first.line}${more}`,
    ]
  })
  const header = ['REF', 'KIND', 'ECOSYSTEM', 'VERSION', 'LOCATION']
  // A loop, not Math.max(...rows): spreading 125,000+ values into a call overflows the stack.
  const widths = header.map((h) => h.length)
  for (const row of rows)
    for (const [i, cell] of row.entries()) widths[i] = Math.min(80, Math.max(widths[i], cell.length))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)].join('\n')
}

function summary(inventory: Inventory): string {
  const {components, skipped, errors, files} = inventory
  const lines = [
    `${components.length} components in ${files} files; ${skipped.length} skipped; ${errors.length} errors`,
  ]
  for (const e of errors) lines.push(`error: ${place(e.file, e.line, e.column)}: ${e.message} [${e.code}]`)
  for (const s of skipped.slice(0, SKIPPED_SHOWN))
    lines.push(`skipped: ${place(s.file, s.line)}: ${s.message} [${s.reason}]`)
  if (skipped.length > SKIPPED_SHOWN) lines.push(`skipped: ... and ${skipped.length - SKIPPED_SHOWN} more (see --json)`)
  return lines.join('\n')
}

function place(file: string, line?: number, column?: number): string {
  return file + (line ? `:${line}` : '') + (line && column ? `:${column}` : '')
}
