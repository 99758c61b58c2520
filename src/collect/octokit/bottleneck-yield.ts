/**
 * Bottleneck without a timer for most steps of a job. @octokit/plugin-throttling (a limiter for retries and one for
 * concurrency) and @octokit/plugin-retry (a new limiter per request) run every request through three Bottleneck
 * limiters, and a Bottleneck job set four zero-delay timers: three where its local datastore yields to the event loop
 * (`yieldLoop`: register, submit, free) and one to run the job. Node waits at least a millisecond for each, so every
 * request to GitHub waited 12–19 ms of an idle process. Measured (issue #16): a `scan` of the demo's two upstreams
 * through the GitHub emulator, 126 requests, took 2.1–2.2 s, and 1.4–1.6 s with this; the collection tests spent
 * about 15 s less asleep. The run timer (at least 1 ms a job, 3 ms a request) is Bottleneck's own and stays.
 *
 * `setImmediate` yields to the event loop as the timer does (after the I/O that is ready), without the millisecond;
 * a wait that is not zero (a limiter's `minTime`, the throttling plug-in's retry-after) is Bottleneck's own
 * `setTimeout`, as before. The datastore is internal to Bottleneck, so it is reached through an instance and
 * replaced on its prototype once, for every limiter of the process (the plug-ins import the same
 * `bottleneck/light.js`, the one package.json pins). Bottleneck 2.19.5 is its last release (2019), so the method
 * does not move under stewards; ./bottleneck-yield.test.ts fails if it ever does, rather than letting the patch go
 * quietly unused. Hand-written: no option of Bottleneck or of the plug-ins changes how the datastore yields
 * (plugin-throttling's `Bottleneck` option takes a whole replacement library; plugin-retry takes none).
 */
import Bottleneck from 'bottleneck/light.js'

type YieldLoop = ((this: {Promise: PromiseConstructor}, t?: number) => Promise<void>) & {immediate?: true}

/** True once Bottleneck's zero waits are immediates (idempotent); false when its datastore is not what was patched. */
export function bottleneckYieldsImmediately(): boolean {
  const store = (new Bottleneck() as unknown as {_store?: object})._store
  const prototype = store === undefined ? undefined : (Object.getPrototypeOf(store) as {yieldLoop?: YieldLoop})
  const original = prototype?.yieldLoop
  if (prototype === undefined || typeof original !== 'function') return false
  if (original.immediate) return true
  const yieldLoop: YieldLoop = function (this: {Promise: PromiseConstructor}, t = 0) {
    if (t > 0) return original.call(this, t)
    return new this.Promise<void>((resolve) => setImmediate(resolve))
  }
  yieldLoop.immediate = true
  prototype.yieldLoop = yieldLoop
  return true
}
