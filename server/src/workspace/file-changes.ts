import type {WorkspaceSession} from './session'

/** What a batch of changed files means for one folder. */
export interface ChangeEffects {
  config: boolean
  accepted: boolean
  corpus: boolean
}

/** Sorts changed paths into config, accepted claims and corpus changes for one folder. */
export async function effectsOf(session: WorkspaceSession, paths: readonly string[]): Promise<ChangeEffects> {
  const config = paths.some((p) => session.isConfigFile(p))
  const accepted = paths.some((p) => session.isAcceptedFile(p))
  const rest = paths.filter((p) => !session.isConfigFile(p) && !session.isAcceptedFile(p))
  return {config, accepted, corpus: rest.length > 0 && (await session.touchesCorpus(rest))}
}

/**
 * Coalesces watcher events: the first event starts a flush, events that arrive while it runs
 * wait for one more. So 300 events in a row cost at most two flushes (one glob and one
 * re-index each), and requests between them are answered (issue #13).
 */
export class ChangeBatcher {
  private pending = new Set<string>()
  private running: Promise<void> | undefined

  constructor(private readonly flush: (paths: string[]) => Promise<void>) {}

  /** Adds changed paths; resolves when a flush that includes them has finished. */
  add(paths: Iterable<string>): Promise<void> {
    for (const p of paths) this.pending.add(p)
    this.running ??= this.run()
    return this.running
  }

  private async run(): Promise<void> {
    try {
      // Let the notifications already read from the stream join this batch.
      await new Promise((resolve) => setImmediate(resolve))
      while (this.pending.size > 0) {
        const batch = [...this.pending]
        this.pending.clear()
        await this.flush(batch)
      }
    } finally {
      this.running = undefined
    }
  }
}
