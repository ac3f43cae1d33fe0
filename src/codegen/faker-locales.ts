/**
 * Faker's locales cut to the categories mockdesk's seeds draw from, written by `npm run generate`
 * to src/generated/faker-locale-<name>.ts,
 * one file per locale so that a bundle carries only the locales of the APIs it mounts. A whole locale is mostly data no seed reads (English alone is
 * 117 kB gzip: airlines, animals, books, vehicles, ...); these categories are 33 kB of it. The
 * categories are kept whole, so every method that reads them draws the same values as with the
 * full locale (a test compares the seeded data); a method reading a category left out throws
 * Faker's "locale data ... aren't applicable" error, so a seed that starts using one fails its
 * tests until the category is added here.
 */
import { allLocales, type LocaleDefinition } from '@faker-js/faker'

/** The categories the seeds read through Faker (person names, addresses, company names, phone numbers, words). */
const usedCategories = ['metadata', 'person', 'location', 'company', 'phone_number', 'lorem']

/** The locales the APIs seed with, by Faker's export name, and what each needs. */
const usedLocales: Record<string, string[]> = {
  base: usedCategories,
  en: usedCategories,
  pt_BR: usedCategories,
  // Omnidesk reads Dutch first and last names directly (src/apis/omnidesk/seed.ts).
  nl: ['person'],
}

/** Each locale's module, by path relative to the project root. */
export function fakerLocaleModules(header: (source: string) => string): Map<string, string> {
  const modules = new Map<string, string>()
  for (const [name, categories] of Object.entries(usedLocales)) {
    const full = allLocales[name as keyof typeof allLocales] as LocaleDefinition
    const kept = Object.fromEntries(Object.entries(full).filter(([category]) => categories.includes(category)))
    modules.set(
      `src/generated/faker-locale-${name.toLowerCase().replace('_', '-')}.ts`,
      header(`@faker-js/faker's "${name}" locale (src/codegen/faker-locales.ts)`) +
        `import type { LocaleDefinition } from '@faker-js/faker'\n\nexport const ${name}: LocaleDefinition = ${JSON.stringify(kept)}\n`,
    )
  }
  return modules
}
