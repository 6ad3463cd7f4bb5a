/**
 * Decodes a source file: UTF-8 (BOM or not) or UTF-16 with a BOM. Binary files and invalid
 * UTF-8 are refused with a reason rather than indexed as mojibake.
 */
export function decodeText(bytes: Uint8Array): {text: string} | {reason: string} {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return {text: new TextDecoder('utf-16le').decode(bytes.subarray(2))}
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return {text: new TextDecoder('utf-16be').decode(bytes.subarray(2))}
  const sample = bytes.subarray(0, Math.min(bytes.length, 8000))
  if (sample.includes(0)) return {reason: 'binary file (contains NUL bytes)'}
  try {
    const text = new TextDecoder('utf-8', {fatal: true, ignoreBOM: false}).decode(bytes)
    return {text}
  } catch {
    return {reason: 'not valid UTF-8 text'}
  }
}
