/**
 * The editor languages Briefcheck checks (issue #16): Markdown, Quarto (`quarto`, from the Quarto
 * extension) and R Markdown (`rmd`), for files on disk and unsaved ones.
 */
export const DRAFT_LANGUAGES = ['markdown', 'quarto', 'rmd']

/** The language client's document selector for those languages. */
export function draftSelector(): Array<{language: string; scheme: string}> {
  return DRAFT_LANGUAGES.flatMap((language) => [
    {language, scheme: 'file'},
    {language, scheme: 'untitled'},
  ])
}

/** Whether an editor's language id is a draft language. */
export function isDraftLanguage(languageId: string): boolean {
  return DRAFT_LANGUAGES.includes(languageId)
}
