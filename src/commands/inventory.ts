import {Args, Flags} from '@oclif/core'
import {BaseCommand} from '../core/command.js'
import {ExitCode} from '../core/errors.js'
import {chosenFormat, formatFlags} from '../core/output-format.js'
import {lineChunks} from '../core/chunks.js'
import {phaseEnd} from '../core/timing.js'
import {artifactHubEndpoints, artifactHubFlag, checkArtifactHubUrl} from '../core/artifact-hub-url.js'
import {mapFlag} from '../core/map-flag.js'
import {checkRegistryMirrors, registryMirrorFlag} from '../core/registry-mirror.js'
import {discoverPaths} from '../discover/index.js'
import type {ResolveRun} from '../resolve/index.js'
import {discoverFlags, discoverSettingsFrom, loadSettings} from '../pipeline/discover-flags.js'
import {incompleteHint, inventorySummary, inventoryTable} from '../pipeline/inventory.js'
import {configFlags, flagOrSetting} from '../pipeline/settings-file.js'

export default class InventoryCommand extends BaseCommand {
  static summary = 'List the images, charts and packages that manifests and lockfiles declare.'

  static description = [
    "Walks each PATH (default: the current directory) and reads Kubernetes manifests (YAML, and JSON as `kubectl get -o json` writes it; the manifests Argo Workflows resource templates create; in YAML, the Helm charts Argo CD applications and Flux HelmReleases install too, and the images the kustomize image overrides of Flux Kustomizations, HelmRelease post-renderers and Argo CD sources pin, .argocd-source.yaml files too), kustomizations (an image they rename listed as renamed; kubebuilder's controller:latest placeholder, which make sets, reported, in the dist/install.yaml make renders too), Helm charts (their dependencies, and the images their artifacthub.io/images or images annotations list) and values files (packaged charts too: charts/*.tgz beside a Chart.yaml, or a .tgz named as PATH, unpacked in memory; their files are located as charts/NAME.tgz!/NAME/values.yaml), helmfile.yaml releases (helmfile.d/ too; .gotmpl templates reported; the images of their inline values), Skaffold configurations (skaffold.yaml, or any YAML that is one: the charts of their Helm releases and the images their setValues, builders and base images name; the images they build are the project's own) and Tiltfiles (tokenized, never run: the charts of helm(), helm_resource() and helm_remote() and tilt-extensions loads; a computed argument reported), Dockerfiles/Containerfiles, Compose files (and their inline Dockerfiles, the images a build's args give its Dockerfile, image volumes and pre_start hook images), Dev Container devcontainer.json (image, Features, and the images its build.args give its Dockerfile), Gitpod .gitpod.yml (the workspace image), devfiles (devfile.yaml, .devfile.yaml: container images and inlined Kubernetes manifests, the file's {{variables}} replaced), GitHub Actions workflows and action.yml (and Forgejo's .forgejo/workflows and Gitea's .gitea/workflows: a bare uses from each forge's default actions URL), GitLab CI .gitlab-ci.yml (and the local files it includes, child pipelines too), CircleCI .circleci/config.yml (and continuation configs under .circleci/), bitbucket-pipelines.yml (and the pipes its steps run), azure-pipelines.yml (its local templates, /-absolute and @self ones too, its GitHub and Bitbucket repository resources, and its npm and NuGet package resources), Drone .drone.yml (.drone.jsonnet/.star reported) and Woodpecker .woodpecker.yml and .woodpecker/*.yml (the images pipelines run in), Google Cloud Build cloudbuild.yaml/.json (the builder image of each step), Buildkite pipelines (.buildkite/pipeline.yml, buildkite.yml, other pipelines under .buildkite/: plugins at their ref, Docker plugin and step images), Concourse pipelines and task configurations (any other YAML file whose content is Concourse's: task and resource type images), Jenkinsfiles (agent images, Kubernetes pod templates, shared libraries from git; read, never run), pre-commit's .pre-commit-config.yaml (hook repositories at their rev), Maven pom.xml (dependencies, build plugins and extensions), Gradle version catalogs (gradle/libs.versions.toml), Gradle build scripts (build.gradle, build.gradle.kts, the <name>.gradle(.kts) a settings script's buildFileName names, the scripts they apply with apply from, and the plugins of settings.gradle(.kts): declared dependencies and versioned plugins, versions from the script's own variables, those of the scripts it applies and of the build scripts of the folders above it, and gradle.properties; the scripts are read, never run), Clojure deps.edn, babashka bb.edn and Leiningen project.clj (Maven, git and local libraries; read as literal data, never evaluated), .NET projects (*.csproj, *.fsproj, *.vbproj, Directory.Build.props, Directory.Packages.props, packages.config; and the project SDKs they name with a version), .NET tool manifests (.config/dotnet-tools.json) and global.json MSBuild SDKs, npm package.json (workspace packages local; clib's package.json of C packages: its GitHub repositories), Python pyproject.toml (and Hatch's hatch.toml), setup.cfg and setup.py (their literal requirements only: setup.py is never run), conda environment.yml (its pip list), conda recipes (meta.yaml, recipe.yaml: requirements counted, not listed), pixi.toml and a pyproject.toml's [tool.pixi] (their pypi-dependencies; conda dependencies counted, not listed), PHP composer.json, Ruby Gemfile and *.gemspec (read, never run), Rust Cargo.toml, Go go.mod and go.work (a workspace's own modules local), Bazel MODULE.bazel (bazel_deps and overrides, read as literals and top-level variables, never run; the registries its .bazelrc names), CMake's FetchContent, ExternalProject and CPM.cmake dependencies in CMakeLists.txt and *.cmake (read, never run; if() not evaluated), vcpkg manifests (vcpkg.json: ports, at the version an override pins; the registries of vcpkg-configuration.json at their baselines), and lockfiles (npm, yarn, pnpm, Bun bun.lock, Deno deno.lock (and the lock a deno.json names elsewhere; a deno.json's jsr: and npm: imports where no lock pins them), Go go.sum and go.work.sum, Cargo, Poetry, Pipenv, uv, PDM, pixi.lock (its PyPI packages), pip, PEP 751 pylock.toml, Bundler, Composer, Gradle, NuGet, SwiftPM Package.resolved, pubspec.lock, CocoaPods Podfile.lock, Elixir mix.lock and Erlang rebar.lock (read as literal terms, never evaluated), Conan conan.lock, conanfile.txt and conanfile.py (its string literals only, never run), Bazel MODULE.bazel.lock, Haskell cabal.project.freeze and stack.yaml.lock (a stack.yaml's extra-deps where no lock is beside it, the files it !includes followed), Julia Manifest.toml (with the Project.toml beside; the standard library counted, not listed), R renv.lock, .terraform.lock.hcl, Nix flake.lock: every locked flake input, GitHub ones by their repository), git submodules (.gitmodules: the repositories they name), jsonnet-bundler jsonnetfile.lock.json (the Jsonnet libraries vendored, at their commits), Terraform/OpenTofu module calls in *.tf and *.tofu files (and their JSON syntax, *.tf.json: CDK for Terraform's output) (registry and git sources), and their required providers where no .terraform.lock.hcl is beside (override.tf and *_override.tf files merged as Terraform merges them). Nothing is fetched: this is what the files say. A package fetched from a registry other than its ecosystem's public one carries that registry as purl repository_url (for pnpm and yarn berry, the registry that .npmrc or .yarnrc.yml beside the lockfile names; for .NET, the feed the repository's nuget.config files map it to; only those settings are read), and --resolve never looks it up by name on a public registry (see --registry-mirror). JSON files that are not Kubernetes objects are passed over silently.",
    '--include and --exclude globs are matched against each path relative to the PATH being walked and against the path as printed (relative to the working directory): for `inventory deploy`, `k8s/**` and `deploy/k8s/**` both match deploy/k8s/. A glob without / matches a file or directory name at any depth. A glob that matches nothing is warned about on stderr; an invalid glob is a usage error. Files named as PATH are never filtered.',
    '.git and node_modules are never walked; symlinks leaving a PATH are not followed; Helm templates are skipped (render them with `helm template` first). A file a format would read by its name that is not read is an error (exit 2): a symlink leaving the PATH or looping, a FIFO or device, a broken symlink, a path longer than the system allows, a packaged Helm chart that cannot be read (not a gzipped tar, truncated, a tar Helm and stewards could read differently, a path outside its top folder, no Chart.yaml, past --max-file-size unpacked); a folder that cannot be listed is always one. Other names are skipped or passed over. A name that is not UTF-8 is read by its bytes and printed with those bytes as \\xFF.',
    'A file a format reads is read completely or listed under errors, which makes the run incomplete (exit 2): larger than --max-file-size, binary (gzip, zip, ELF...), not UTF-8 text (UTF-32, UTF-16 without a byte-order mark; UTF-16 with its mark, as PowerShell 5.1 writes files, is read, and so is XML whose declaration names another encoding, such as ISO-8859-1), a syntax error, a key written twice (a .yaml file no other format reads that is not valid YAML and writes no apiVersion and kind is no Kubernetes manifest: one skip, not an error). A line holding a control character (a stray NUL) or invalid UTF-8 is an error at its line and the other lines are still read; a `__proto__` key is an error and the rest of its file is still read. The summary on stderr lists the first 100 errors (--format json lists them all); then, with --json too, a last line says how many files were not read completely, in which folders, and the --exclude that would leave out the first (test fixtures and templates are what large trees hold most).',
    'A PATH that does not exist, or a file named as PATH that no format reads, is a usage error (exit 3). `-` reads standard input as one file, in the format --stdin-format names or, for formats with a clear marker (lockfile headers, a top-level apiVersion and kind), the one its content shows.',
    'Settings come from flags, then from the settings file scan reads (--config FILE, else .stewards.yaml in the first PATH, else in the working directory); flags win. Its keys for the flags inventory has apply (paths, include, exclude, maxFileSize; with --resolve also map, offline, artifactHubUrl, registryMirrors); the others are accepted and not used; a mistyped key or a bad value is a usage error at its line. A .stewards.yaml inside a scanned PATH is data from that tree, trusted as by scan: it may not set githubApiUrl, artifactHubUrl, registryMirrors, output or cacheDir, nor name files outside the PATH, nor raise maxFileSize (exit 3; --config FILE trusts it as your own).',
    'Exit codes: 0 every input was read; 2 some input could not be read (listed under errors); 3 usage or settings error.',
  ].join('\n\n')

  static examples = [
    {description: 'Inventory the current directory as a table', command: '<%= config.bin %> <%= command.id %>'},
    {
      description: 'The bundled demo, as JSON',
      command: '<%= config.bin %> <%= command.id %> fixtures/demo --format json',
    },
    {
      description: 'Only Kubernetes manifests, without tests',
      command: "<%= config.bin %> <%= command.id %> deploy/ --include '*.yaml' --exclude 'test/**'",
    },
    {description: 'Read files up to 200 MB', command: '<%= config.bin %> <%= command.id %> . --max-file-size 200MB'},
    {
      description:
        "With the settings scan uses (its include, exclude, maxFileSize and paths apply; scan's other keys are accepted)",
      command: '<%= config.bin %> <%= command.id %> --config ci/stewards.yaml',
    },
    {
      description: 'What the CI workflows and container builds pull in, with their repositories',
      command: "<%= config.bin %> <%= command.id %> . --include '.github/**' --include 'Dockerfile*' --resolve",
    },
    {
      description:
        'Helm chart dependencies, asking a self-hosted Artifact Hub about charts whose repository names no source',
      command: '<%= config.bin %> <%= command.id %> charts/ --resolve --artifact-hub-url https://hub.example.com',
    },
    {
      description:
        'Lockfiles that fetch through an Artifactory proxy of the npm registry (packages of other registries are never looked up by name on public ones)',
      command:
        '<%= config.bin %> <%= command.id %> . --resolve --registry-mirror https://artifactory.example.com/api/npm/npm-remote',
    },
    {
      description: 'A packaged Helm chart, as `helm pull` writes it (read in memory, never unpacked on disk)',
      command: '<%= config.bin %> <%= command.id %> redis-17.3.0.tgz',
    },
    {
      description: 'A lockfile from standard input',
      command: '<%= config.bin %> <%= command.id %> - --stdin-format npm-package-lock < package-lock.json',
    },
  ]

  static strict = false

  static args = {
    path: Args.string({
      description: 'files or directories to read (several allowed); - for standard input',
      required: false,
    }),
  }

  static flags = {
    ...formatFlags('the inventory'),
    ...configFlags,
    ...discoverFlags,
    resolve: Flags.boolean({description: 'map each component to its upstream repository and print resolution rates'}),
    offline: Flags.boolean({
      description: 'with --resolve: use the cache only (misses are reported; exit 2)',
      dependsOn: ['resolve'],
      allowNo: true,
    }),
    map: mapFlag(['resolve']),
    'artifact-hub-url': artifactHubFlag(['resolve']),
    'registry-mirror': registryMirrorFlag(['resolve']),
  }

  async run(): Promise<void> {
    const {argv, flags} = await this.parse(InventoryCommand)
    const json = chosenFormat(flags) === 'json'
    const cliPaths = (argv as string[]).filter(Boolean)
    // The settings file scan reads, by the same rules of trust; read only when there is one (../pipeline/discover-flags.ts).
    const config = await loadSettings(flags.config, cliPaths)
    const {include, exclude, maxFileSize, stdinFormat} = discoverSettingsFrom(flags, config)
    const paths = cliPaths.length > 0 ? cliPaths : (config.paths ?? ['.'])
    // The settings' resolve keys matter with --resolve only; checked before the walk spends any time.
    const artifactHubUrl = flags.resolve
      ? checkArtifactHubUrl(flags['artifact-hub-url'] ?? config.artifactHubUrl)
      : undefined
    const registryMirrors = flags.resolve
      ? checkRegistryMirrors(flagOrSetting(flags['registry-mirror'], config.registryMirrors))
      : undefined
    // A glob that matched nothing must be told, whatever the format.
    const warn = (message: string) => this.writeErr(`warning: ${message}\n`)
    const inventory = await discoverPaths(paths, {include, exclude, maxFileSize, warn, stdin: {format: stdinFormat}})
    if (!json) {
      await this.writeChunks(lineChunks(inventoryTable(inventory.components)))
      this.logToStderr(inventorySummary(inventory))
    }
    let resolution: ResolveRun | undefined
    if (flags.resolve) {
      // Imported here: without --resolve, inventory never loads the resolve stage (start-up time).
      const {formatResolutionTable, otherRegistriesNotice, resolveComponents} = await import('../resolve/index.js')
      resolution = await resolveComponents(inventory.components, {
        offline: flags.offline ?? config.offline,
        mapFile: flags.map ?? config.map,
        endpoints: artifactHubEndpoints(artifactHubUrl),
        registryMirrors,
      })
      if (!json) this.log(`\n${formatResolutionTable(resolution.stats)}`)
      const notice = otherRegistriesNotice(resolution.otherRegistries)
      if (notice) this.logToStderr(`stewards: ${notice}`)
    }
    // JSON.stringify's bytes, written in chunks: a huge inventory is never one string (core/json-stream.ts).
    if (json) await this.writeJson(resolution ? {...inventory, resolution} : inventory)
    phaseEnd('written')
    // Why the exit code is 2, and how to narrow the run: also with --json, whose stdout is the inventory alone.
    const hint = incompleteHint(inventory.errors, paths)
    if (hint) this.writeErr(`stewards: ${hint}\n`)
    if (inventory.errors.length > 0 || resolution?.incomplete) this.exit(ExitCode.incomplete)
  }
}
