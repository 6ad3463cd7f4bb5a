/**
 * Pandoc and Quarto syntax that CommonMark reads as text (issue #16: `.qmd` and `.Rmd` drafts).
 * Code chunks (```` ```{r} ````, with their `#|` options inside) are fenced code to remark and
 * are skipped like any code; what is left is here.
 */

/**
 * Lines that open or close a fenced div (`::: {.callout-note}`, `:::: columns`, `::: Warning :::`,
 * `:::`): blanked to spaces of the same length, so the callout's text stays prose, reads as its
 * own paragraph, and every offset in the draft is unchanged. Tested line by line with linear
 * patterns (one combined pattern backtracked polynomially on long runs of colons and blanks).
 */
export function blankFencedDivs(text: string): string {
  if (!text.includes(':::')) return text
  let out = ''
  let at = 0
  while (at <= text.length) {
    const nl = text.indexOf('\n', at)
    const end = nl < 0 ? text.length : nl
    const line = text.slice(at, end)
    out += isFenceLine(line.endsWith('\r') ? line.slice(0, -1) : line) ? line.replace(/[^\r]/g, ' ') : line
    if (nl < 0) break
    out += '\n'
    at = nl + 1
  }
  return out
}

function isFenceLine(line: string): boolean {
  const open = /^ {0,3}:{3,}/.exec(line)
  if (!open) return false
  let rest = line.slice(open[0].length).trim()
  while (rest.endsWith(':')) rest = rest.slice(0, -1)
  rest = rest.trim()
  return rest === '' || /^\{[^{}\n]{0,500}\}$/.test(rest) || /^[\w.-]{1,100}$/.test(rest)
}

/**
 * Quarto cross-reference prefixes (`@fig-rain`, `@tbl-costs`, `@sec-intro`, `@eq-growth`…): such
 * a reference names a figure, table or section of the draft, not a source, so it is prose and
 * never a citation (https://quarto.org/docs/authoring/cross-references.html).
 */
const CROSS_REFERENCE = /^(?:fig|tbl|lst|sec|eq|tip|nte|wrn|imp|cau|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem)-/

export function isCrossReference(key: string): boolean {
  return CROSS_REFERENCE.test(key)
}
