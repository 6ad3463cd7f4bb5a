/** commonmark-spec ships no types: the examples of the CommonMark spec, as its index.js extracts them. */
declare module 'commonmark-spec' {
  export const text: string
  export const tests: Array<{markdown: string; html: string; section: string; number: number}>
  const spec: {text: string; tests: typeof tests}
  export default spec
}
