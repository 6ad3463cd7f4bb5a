/**
 * Pandoc and Quarto syntax that CommonMark reads as text (issue #16: `.qmd` and `.Rmd` drafts).
 * Code chunks (```` ```{r} ````, with their `#|` options inside) are fenced code to remark and
 * are skipped like any code; what is left is here.
 */

/**
 * Lines that open or close a fenced div (`::: {.callout-note}`, `:::: columns`, `:::`): blanked
 * to spaces of the same length, so the callout's text stays prose, reads as its own paragraph,
 * and every offset in the draft is unchanged. Linear: one anchored line pattern with bounded
 * classes.
 */
const FENCED_DIV = /^ {0,3}:{3,}[ \t]*(?:\{[^}\n]{0,500}\}|[\w.-]{1,100})?[ \t]*:*[ \t]*$/gm

export function blankFencedDivs(text: string): string {
  if (!text.includes(':::')) return text
  return text.replace(FENCED_DIV, (line) => ' '.repeat(line.length))
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
