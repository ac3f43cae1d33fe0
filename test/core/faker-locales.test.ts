/**
 * The seeds draw from Faker locales cut to the categories they read (src/generated/faker-locale-*.ts,
 * written by `npm run generate`): the same seed must give the same values as Faker's full locales.
 */
import { Faker, base as fullBase, en as fullEn, pt_BR as fullPtBr, nl as fullNl, type LocaleDefinition } from '@faker-js/faker'
import { describe, expect, it } from 'vitest'
import { base } from '../../src/generated/faker-locale-base.ts'
import { en } from '../../src/generated/faker-locale-en.ts'
import { nl } from '../../src/generated/faker-locale-nl.ts'
import { pt_BR } from '../../src/generated/faker-locale-pt-br.ts'

// Every Faker method the seeds call that reads locale data.
const draws = (faker: Faker) => [
  faker.person.firstName(),
  faker.person.lastName(),
  faker.person.jobTitle(),
  faker.location.streetAddress(),
  faker.location.city(),
  faker.company.name(),
  faker.phone.number(),
  faker.lorem.word(),
]

const sample = (locale: LocaleDefinition[]) => {
  const faker = new Faker({ locale, seed: 42 })
  return Array.from({ length: 200 }, () => draws(faker))
}

describe('Faker locales cut to what the seeds read', () => {
  it('draw the same values as the full locales (English, Brazilian Portuguese)', () => {
    expect(sample([en, base])).toEqual(sample([fullEn, fullBase]))
    expect(sample([pt_BR, en, base])).toEqual(sample([fullPtBr, fullEn, fullBase]))
  })

  it('keep Dutch names whole, the only Dutch data a seed reads', () => {
    expect(nl.person).toEqual(fullNl.person)
  })

  it('leave the categories no seed reads out', () => {
    expect(Object.keys(en)).not.toContain('vehicle')
    expect(Object.keys(base)).not.toContain('internet')
  })
})
