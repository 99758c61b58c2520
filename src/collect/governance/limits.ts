/**
 * Size cap on one governance file (README "Governance files"): the largest real files seen are far below it
 * (cncf/foundation project-maintainers.csv, about 150 KB; Kubernetes OWNERS_ALIASES, about 60 KB). A larger file
 * is not read: the project's governance is then incomplete (reported with the file), never parsed in part.
 */
export const MAX_GOVERNANCE_FILE_BYTES = 1024 * 1024

export function tooLarge(bytes: number): string {
  return `larger than the ${MAX_GOVERNANCE_FILE_BYTES / 1024 / 1024} MiB cap on governance files (${bytes} bytes): not read`
}
