/**
 * `"José Núñez & Co."` → `"josenunezco"`: lowercase ASCII letters and digits only, accents
 * folded, for the email addresses and profile handles seeds build from names.
 */
export const slug = (text: string): string =>
  text
    .normalize('NFKD')
    .replace(/[^\x00-\x7f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
