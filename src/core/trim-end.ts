/**
 * Text without the run of `drop` characters at its end, found by a walk backwards. Written by hand: an expression
 * anchored at the end (`/\/+$/`, `/[.;]+$/`) is tried from every start of a long run that does not reach the end,
 * quadratic in that run (80,000 slashes before a letter took 2.7 s), and these texts come from files and upstreams.
 * `drop` is a string of the characters, or an expression that tests one (a character class, never anchored or global).
 * `keep` characters at the start are never dropped (`/` stays `/`).
 */
export function trimEnd(text: string, drop: string | RegExp, keep = 0): string {
  const dropped = typeof drop === 'string' ? (char: string) => drop.includes(char) : (char: string) => drop.test(char)
  let end = text.length
  while (end > keep && dropped(text[end - 1])) end--
  return end === text.length ? text : text.slice(0, end)
}
