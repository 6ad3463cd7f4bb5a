/**
 * Lets the test worker's event loop run once (a macrotask turn).
 *
 * Why: vitest's worker reports progress to the main process over RPC and gives up on an answer after
 * 60 s. A long synchronous loop (a property test of 40 whole checks) keeps the answer unread; on a
 * machine with both cores busy the loop outlasts the 60 s and vitest reports "Timeout calling
 * onTaskUpdate" although every test passed. Awaiting this between runs lets the answer in.
 */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
