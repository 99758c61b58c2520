/**
 * Preloaded into a child process (`NODE_OPTIONS=--import …/record-loads.mjs`, with STEWARDS_TEST_LOADS naming a
 * file): every ES module the process loads is appended to that file, one URL a line (a module hook, run by node in
 * its loader thread). Lets a test see from outside which code the built CLI loaded, without a hook in production code.
 */
import {register} from 'node:module'

register(new URL('./record-loads-hooks.mjs', import.meta.url), {data: {log: process.env.STEWARDS_TEST_LOADS}})
