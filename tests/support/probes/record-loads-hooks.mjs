/** The module hooks of ./record-loads.mjs: each loaded URL appended to the log file. */
import {appendFileSync} from 'node:fs'

let log

export function initialize(data) {
  log = data.log
}

export async function load(url, context, next) {
  if (log) appendFileSync(log, `${url}\n`)
  return next(url, context)
}
