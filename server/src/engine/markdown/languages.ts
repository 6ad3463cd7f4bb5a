/**
 * Drafts Briefcheck checks: Markdown, Quarto (`.qmd`, language id `quarto`) and R Markdown
 * (`.Rmd`, language id `rmd`), all read as pandoc Markdown (issue #16).
 */
export const DRAFT_LANGUAGES = ['markdown', 'quarto', 'rmd'] as const

/** Draft file extensions, lower-case. */
export const DRAFT_EXTENSIONS = ['.md', '.markdown', '.qmd', '.rmd'] as const

/** Whether a document with this language id or path is a draft. */
export function isDraftDocument(languageId: string, path: string): boolean {
  return (DRAFT_LANGUAGES as readonly string[]).includes(languageId) || /\.(md|markdown|qmd|rmd)$/i.test(path)
}
