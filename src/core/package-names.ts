/** PEP 503 normalised name: lower case, runs of `-`, `_`, `.` become one `-` (https://peps.python.org/pep-0503/#normalized-names). */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-')
}
