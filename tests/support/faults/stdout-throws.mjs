/**
 * Preloaded into a child process (`NODE_OPTIONS=--import …/stdout-throws.mjs`): every non-empty write to stdout
 * throws a TypeError, the way a bug in a dependency would. The empty write that drains stdout before exiting still
 * completes. Lets the exit-4 tests break the built CLI from outside, without a hook in production code.
 */
const write = process.stdout.write.bind(process.stdout)
process.stdout.write = (chunk, ...rest) => {
  if (chunk.length > 0) throw new TypeError("Cannot read properties of undefined (reading 'write')")
  return write(chunk, ...rest)
}
