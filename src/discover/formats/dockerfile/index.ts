/**
 * Dockerfiles and Containerfiles: the image of every `FROM`, `COPY --from=IMAGE`, `RUN --mount=from=IMAGE` and the
 * `# syntax=` frontend, as images with the reference as written (../../dockerfile-support/images.ts, shared with
 * Compose's inline Dockerfiles). A template file (`Dockerfile.hbs`) is skipped.
 */
import {dockerfileImages} from '../../dockerfile-support/images.js'
import {isDockerfile, templateSkip} from '../../file-names.js'
import {emptyOutput, type Output} from '../../output.js'
import type {DiscoverInput, Discoverer} from '../../types.js'

export const discoverer: Discoverer = {
  id: 'dockerfile',
  description:
    'Dockerfile / Containerfile: FROM images (ARG defaults substituted), COPY --from and RUN --mount from images, the # syntax= frontend',
  matches: isDockerfile,
  // The first instruction of a Dockerfile is FROM, or ARG before it (comments and parser directives above).
  identify: (head) => /^(?:[ \t]*(?:#[^\r\n]*)?\r?\n)*[ \t]*(?:FROM|ARG)[ \t]+\S/i.test(head),
  discover,
}

function discover(input: DiscoverInput): Output {
  const template = templateSkip(input.file, 'Dockerfile')
  if (!template) return dockerfileImages(input)
  const out = emptyOutput()
  out.skipped.push(template)
  return out
}
