import {resolve, sep} from 'node:path'

/** Whether `path` is `folder` or lies under it (both resolved; no symbolic links followed). */
export function isInsideFolder(path: string, folder: string): boolean {
  const file = resolve(path)
  const root = resolve(folder)
  return file === root || file.startsWith(root.endsWith(sep) ? root : root + sep)
}
