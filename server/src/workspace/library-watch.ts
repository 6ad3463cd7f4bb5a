import {unwatchFile, watchFile, type Stats} from 'node:fs'

/** How often a watched library file is polled (fs.watchFile), in milliseconds. */
const POLL_MS = 1000

/**
 * Watches the files of Zotero libraries in the corpus (issue #16) and calls `onChange` when one
 * changes. They live outside the workspace (`~/Zotero`), where the editor's file watcher does not
 * look, so the server watches them itself. Polling `stat` (fs.watchFile) is used rather than
 * fs.watch: Zotero rewrites the database and its WAL in place and through renames, which fs.watch
 * reports unreliably across platforms, and one stat a second per file costs nothing.
 */
export class LibraryWatch {
  private files: string[] = []
  private readonly listener = (current: Stats, previous: Stats) => {
    if (current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) this.onChange()
  }

  constructor(private readonly onChange: () => void) {}

  /** Watches exactly `files` from now on (after each indexing run). */
  update(files: string[]): void {
    const next = [...new Set(files)].sort()
    if (next.join('\n') === this.files.join('\n')) return
    this.close()
    this.files = next
    for (const file of next) watchFile(file, {interval: POLL_MS, persistent: false}, this.listener)
  }

  close(): void {
    for (const file of this.files) unwatchFile(file, this.listener)
    this.files = []
  }
}
