/**
 * Where the engine says that an input went past one of its caps (issue #13). Every cap lives
 * as a named constant beside the code it bounds (MAX_FIGURE_DIGITS, MAX_CONTAINER_DEPTH…);
 * past a cap the document is still checked with what was read, and the reason is reported
 * here once per process, so a draft re-checked on every keystroke does not repeat it.
 *
 * Why a process-wide hook rather than a return value: caps are met deep inside memoised pure
 * functions (figure extraction, sentence splitting) whose results are shared between checks;
 * threading a report channel through them would defeat the memo. The adapters (CLI, server)
 * register where reports go: stderr, the server's log.
 */
type LimitSink = (reason: string) => void

const sinks = new Set<LimitSink>()
const reported = new Set<string>()

/** Most distinct reasons remembered for de-duplication; past it, the memory is emptied. */
const MAX_REMEMBERED_REASONS = 1_000

/** Reports that a cap was reached; the same reason is passed on once per process. */
export function reportLimit(reason: string): void {
  if (reported.has(reason)) return
  if (reported.size >= MAX_REMEMBERED_REASONS) reported.clear()
  reported.add(reason)
  for (const sink of sinks) sink(reason)
}

/** Sends limit reports to `sink` (stderr in the CLI, the log in the server); returns an unsubscribe. */
export function onLimit(sink: LimitSink): () => void {
  sinks.add(sink)
  return () => sinks.delete(sink)
}
