/**
 * Work written as a generator that yields at points where it may pause (between parsed pieces
 * of a draft, between analysed sentences). One body serves both callers: the CLI runs it to
 * the end at once, the language server in slices with the event loop turning between them, so
 * hovers and completions never wait behind a long read (issue #12).
 */
export type Pausable<T> = Generator<void, T, void>

/** Controls for work run in slices (the language server's case). */
export interface SliceControl {
  /** Milliseconds of work before yielding to the event loop. */
  sliceMs: number
  /** Checked between slices: true drops the run (a newer version of the draft arrived). */
  cancelled: () => boolean
  /** Resolves when other work (requests) may run. */
  yieldNow: () => Promise<void>
}

/** Runs pausable work to its end without pausing. */
export function runToEnd<T>(work: Pausable<T>): T {
  for (;;) {
    const step = work.next()
    if (step.done) return step.value
  }
}

/** Runs pausable work, yielding to the event loop each `sliceMs`; undefined when cancelled. */
export async function runInSlices<T>(work: Pausable<T>, control: SliceControl): Promise<T | undefined> {
  let until = performance.now() + control.sliceMs
  for (;;) {
    const step = work.next()
    if (step.done) return step.value
    if (performance.now() < until) continue
    await control.yieldNow()
    if (control.cancelled()) {
      work.return(undefined as T)
      return undefined
    }
    until = performance.now() + control.sliceMs
  }
}
