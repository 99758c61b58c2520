/**
 * Docker Compose files: `services.*.image`, interpolated as Compose does
 * (https://docs.docker.com/reference/compose-file/interpolation/) with the variables of the `.env` file beside
 * the Compose file (https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/#env-file);
 * the shell environment is not read, so output does not depend on who runs the scan. A variable with no value and
 * no default is reported (`unset-variable`), not guessed. A service with `build:` and `image:` pulls the image
 * and builds only when the pull fails (https://docs.docker.com/reference/compose-file/build/#using-build-and-image),
 * so it is listed; with `pull_policy: build` the image is only ever built locally, and is not.
 */
import {posix} from 'node:path'
import {parse as parseDotenv} from 'dotenv'
import {imageComponent, parseImageRef} from '../../../core/image-ref.js'
import {isComposeFile} from '../../file-names.js'
import {emptyOutput, errorAt, locationOf, type Output} from '../../output.js'
import type {DiscoverContext, DiscoverInput, Discoverer} from '../../types.js'
import {substitute} from '../../variables.js'
import {readYaml} from '../../yaml.js'
import {at, isMap, isScalar, stringValue} from '../../yaml-tree.js'

export const discoverer: Discoverer = {
  id: 'compose',
  description: 'Docker Compose files: services.*.image, with $VAR / VAR:-default interpolation from .env',
  matches: isComposeFile,
  identify: (head) => /^services:[ \t]*$/m.test(head) && !/^(apiVersion|kind|jobs):/m.test(head),
  discover,
}

function discover(input: DiscoverInput, context: DiscoverContext): Output {
  const out = emptyOutput()
  const yaml = readYaml(input.text, input.file)
  out.errors.push(...yaml.errors)
  let env: Record<string, string> | undefined
  const lookup = (name: string) => {
    env ??= readEnv(context, posix.join(posix.dirname(input.file), '.env'))
    return Object.hasOwn(env, name) ? env[name] : undefined
  }
  for (const doc of yaml.documents) {
    const services = at(doc.root, 'services')
    if (services === undefined || (isScalar(services) && services.kind === 'null')) continue
    if (!isMap(services)) {
      out.errors.push(errorAt(input.file, services, 'invalid-compose', 'services must be a mapping'))
      continue
    }
    for (const [name, service] of services.entries) {
      const image = at(service, 'image')
      if (image === undefined || stringValue(at(service, 'pull_policy')) === 'build') continue
      const written = stringValue(image)
      const location = locationOf(input.file, image)
      if (written === undefined) {
        out.errors.push(errorAt(input.file, image, 'invalid-compose', `services.${name}.image must be a string`))
        continue
      }
      const result = substitute(written, {escape: '$$', lookup})
      if (!result.ok) {
        out.errors.push({...location, code: 'invalid-variable', message: `services.${name}.image: ${result.message}`})
        continue
      }
      if (result.unset.length > 0) {
        out.skipped.push({
          file: input.file,
          line: location.line,
          reason: 'unset-variable',
          message: `services.${name}.image "${written}": ${result.unset.join(', ')} not set here (no default, not in .env); set it and scan the output of \`docker compose config\``,
        })
        continue
      }
      const parsed = parseImageRef(result.value)
      if (parsed.ok) out.components.push(imageComponent(parsed.image, written, location, 'manifest'))
      else
        out.errors.push({
          ...location,
          code: 'invalid-image-ref',
          message: `invalid image reference "${result.value}": ${parsed.message}`,
        })
    }
  }
  return out
}

function readEnv(context: DiscoverContext, file: string): Record<string, string> {
  const text = context.readText(file)
  if (text === null) return {}
  // dotenv returns a plain object; copy into one without a prototype so `__proto__` stays data.
  return Object.assign(Object.create(null) as Record<string, string>, parseDotenv(text))
}
