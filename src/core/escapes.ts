/**
 * The escape letters C gave Python, Ruby, Go and shells alike (`\a \b \f \n \r \t \v`): the characters they stand
 * for. Each reader of a language's strings adds what that language has besides (Python's quotes and backslash,
 * Ruby's `\s` and `\e`, compose-go's `\$`).
 */
export const C_ESCAPES: Readonly<Record<string, string>> = {
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
}
