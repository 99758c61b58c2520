/**
 * The hint for a command that does not exist: the nearest command or topic when the words look like a typo
 * (`stewards scna` → `stewards scan`, `stewards rules lst` → `stewards rules list`), else where the list is. Used by
 * the unknown-command hook and by `stewards help NAME`.
 */
import {suggest} from './did-you-mean.js'

/** What oclif's Config knows of the command names (ids and topics with `:` between words). */
export interface CommandNames {
  commandIDs: readonly string[]
  topics: ReadonlyArray<{name: string}>
}

/**
 * `words` as typed (`['rules', 'lst', 'x']`): what names the unknown command (`rules lst`: the longest known topic
 * and the word after it), and the hint; `run` is what a suggestion starts with (`stewards`, `stewards help`).
 */
export function unknownCommand(
  config: CommandNames,
  words: readonly string[],
  run = 'stewards',
): {typed: string; hint: string} {
  // The longest known topic first, then the one word after it is the mistyped command.
  const topics = new Set(config.topics.map((t) => t.name))
  let depth = 0
  while (depth < words.length - 1 && topics.has(words.slice(0, depth + 1).join(':'))) depth++
  const topic = words.slice(0, depth)
  const prefix = topic.length ? `${topic.join(':')}:` : ''
  // Commands and topics one level below the topic the user reached.
  const below = [...config.commandIDs, ...topics]
    .filter((id) => id.startsWith(prefix))
    .map((id) => id.slice(prefix.length).split(':')[0])
  const guess = suggest(words[depth], below)
  const help = topic.length ? `stewards ${topic.join(' ')} --help` : 'stewards --help'
  const hint = guess
    ? `did you mean \`${run} ${[...topic, guess].join(' ')}\`? (\`${help}\` lists the commands)`
    : `run \`${help}\` for the list of commands`
  return {typed: words.slice(0, depth + 1).join(' '), hint}
}
