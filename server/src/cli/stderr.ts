/** Writes one `briefcheck: …` line to stderr, with control characters escaped. */
export function warn(line: string): void {
  process.stderr.write(`briefcheck: ${printable(line)}\n`)
}

/** Control characters in a printed path or reason become escapes: a file name cannot forge an output line. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => (c === '\n' ? '\\n' : c === '\r' ? '\\r' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`))
}
