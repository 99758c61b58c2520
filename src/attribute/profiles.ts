import type {Profile} from '../core/model.js'

/** The collected profile of a login (keys may keep GitHub's spelling; logins compare case-insensitively). */
export function findProfile(profiles: Record<string, Profile>, login: string): Profile | undefined {
  if (Object.hasOwn(profiles, login)) return profiles[login]
  const lower = login.toLowerCase()
  for (const [key, profile] of Object.entries(profiles)) {
    if (key.toLowerCase() === lower || profile.login.toLowerCase() === lower) return profile
  }
  return undefined
}
