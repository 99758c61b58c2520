/**
 * Every zod schema the discover stage checks values with, by id. Loaded only when a value's plan
 * (./schema-plans.ts) does not accept it, or in tests: ./checked.ts imports this module on demand,
 * so an inventory of valid files never loads zod. ./schema-plans.test.ts checks that the plans are these schemas'.
 */
import type {z} from 'zod'
import * as bun from './formats/bun-lock/schema.js'
import * as cargo from './formats/cargo-lock/schema.js'
import * as composer from './formats/composer-lock/schema.js'
import * as kustomization from './formats/kustomization/schema.js'
import * as npm from './formats/npm-package-lock/schema.js'
import * as nuget from './formats/nuget-lock/schema.js'
import * as pipfile from './formats/pipfile-lock/schema.js'
import * as pnpm from './formats/pnpm-lock/schema.js'
import * as poetry from './formats/poetry-lock/schema.js'
import * as swiftpm from './formats/swiftpm-resolved/schema.js'
import * as uv from './formats/uv-lock/schema.js'
import * as yarn from './formats/yarn-lock/schema.js'
import * as chart from './helm-chart-schema.js'

export const SCHEMAS = {
  'bun-lock/PackageInfo': bun.PackageInfo,
  'bun-lock/Workspace': bun.Workspace,
  'cargo-lock/CargoLockVersion': cargo.CargoLockVersion,
  'cargo-lock/CargoPackage': cargo.CargoPackage,
  'composer-lock/ComposerPackage': composer.ComposerPackage,
  'helm-chart/ChartFile': chart.ChartFile,
  'kustomization/Kustomization': kustomization.Kustomization,
  'npm-package-lock/DependenciesEntry': npm.DependenciesEntry,
  'npm-package-lock/PackagesEntry': npm.PackagesEntry,
  'nuget-lock/Entry': nuget.Entry,
  'pipfile-lock/PipfileEntry': pipfile.PipfileEntry,
  'pipfile-lock/PipfileMeta': pipfile.PipfileMeta,
  'pnpm-lock/EnvImporter': pnpm.EnvImporter,
  'pnpm-lock/Importer': pnpm.Importer,
  'pnpm-lock/PackageEntry': pnpm.PackageEntry,
  'pnpm-lock/SnapshotEntry': pnpm.SnapshotEntry,
  'poetry-lock/PoetryPackage': poetry.PoetryPackage,
  'swiftpm-resolved/PinV1': swiftpm.PinV1,
  'swiftpm-resolved/PinV2': swiftpm.PinV2,
  'uv-lock/UvLockVersion': uv.UvLockVersion,
  'uv-lock/UvPackage': uv.UvPackage,
  'yarn-lock/BerryEntry': yarn.BerryEntry,
  'yarn-lock/BerryMetadata': yarn.BerryMetadata,
} as const satisfies Readonly<Record<string, z.ZodType>>
