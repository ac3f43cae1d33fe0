/**
 * `--record`: exchanges land as HAR files with every credential masked and, by default, no
 * e-mail, name or phone number of the vendor's data; the redaction list is configurable; the
 * proxy's log never carries a secret. `serve --seed-from`: a store seeded from that recording
 * serves the recorded records.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startMockServer } from '../../src/node/http-server.ts'
import { loadRecording, seedFromRecording, type Har } from '../../src/proxy/index.ts'
import samples from '../../fixtures/toptickets/customers.json' with { type: 'json' }
import { auth, johnId, raw, startPair, token, type Pair } from './support.ts'

const dirs: string[] = []
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockdesk-record-'))
  dirs.push(dir)
  return dir
}
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })))

let pair: Pair | undefined
afterEach(async () => {
  await pair?.close()
  pair = undefined
})

const readAll = (dir: string) =>
  readdirSync(join(dir, 'toptickets'))
    .sort()
    .map((file) => readFileSync(join(dir, 'toptickets', file), 'utf8'))

/** What must never be in a recording or a log: the key, and the people in the vendor's data. */
const secrets = [token, ...samples.flatMap((c) => [c.email, c.name, c.contact_number]), 'ada@example.com', 'Ada Lovelace', 'hunter2']

async function traffic(pair: Pair) {
  await raw(`${pair.base}/customers?limit=10`, { headers: { ...auth, 'accept-encoding': 'gzip' } })
  await raw(`${pair.base}/customers/${johnId}`, { headers: { ...auth, cookie: 'session=hunter2' } })
  await raw(`${pair.base}/customers`, {
    method: 'POST',
    headers: { ...auth, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Ada Lovelace', email: 'ada@example.com', contact_number: '+44 20 7946 0000', company: 'Analytical Engines' }),
  })
  await raw(`${pair.base}/customers?limit=10`, { headers: auth })
}

describe('recording', () => {
  it('writes one HAR file per exchange, with no secret, e-mail, name or phone number in it', async () => {
    const dir = tempDir()
    pair = await startPair([], { record: dir })
    await traffic(pair)
    await pair.close()
    const files = readAll(dir)
    expect(readdirSync(join(dir, 'toptickets')).sort()).toEqual(['00001-listCustomers-200.har', '00002-getCustomer-200.har', '00003-createCustomer-201.har', '00004-listCustomers-200.har'])
    for (const file of files) for (const secret of secrets) expect(file).not.toContain(secret)
    for (const line of pair.lines) for (const secret of secrets) expect(line).not.toContain(secret)

    const [list, get, create] = files.map((file) => (JSON.parse(file) as Har).log.entries[0]!)
    expect(list!.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [REDACTED]' })
    expect(get!.request.headers).toContainEqual({ name: 'cookie', value: '[REDACTED]' })
    // Masks keep the shape: the data is still the spec's data.
    const items = JSON.parse(list!.response.content.text!) as Array<{ email: string; name: string; id: string }>
    expect(items.map((item) => item.id)).toEqual(samples.map((c) => c.id))
    expect(items[0]!.email).toMatch(/^user-[0-9a-f]{8}@example\.com$/)
    // A gzipped answer is recorded decoded.
    expect(list!.response.content.size).toBeGreaterThan(0)
    const created = JSON.parse(create!.response.content.text!) as { contact_number: string; company: string }
    expect(created.contact_number).toMatch(/^\+\d\d \d\d \d{4} \d{4}$/)
    expect(created.company).toBe('Analytical Engines')
    expect(create!.request.postData!.text).not.toContain('Ada')
    expect(create!.request.url).toBe(`${pair.standIn.baseUrl}/customers`)
    expect(create!._mockdesk).toEqual({ api: 'toptickets', operationId: 'createCustomer' })
  })

  it('masks more fields when asked, and keeps the ones named in keep', async () => {
    const dir = tempDir()
    pair = await startPair([], { record: dir, redaction: { fields: ['company'], keep: ['name', 'authorization'] } })
    await raw(`${pair.base}/customers/${johnId}`, { headers: auth })
    await pair.close()
    const entry = (JSON.parse(readAll(dir)[0]!) as Har).log.entries[0]!
    const body = JSON.parse(entry.response.content.text!)
    expect(body.name).toBe('John Doe')
    expect(body.company).toMatch(/^redacted-[0-9a-f]{8}$/)
    // Credentials are masked whatever `keep` says.
    expect(entry.request.headers).toContainEqual({ name: 'authorization', value: 'Bearer [REDACTED]' })
  })
})

describe('serve --seed-from', () => {
  it('serves the records of a recording, before the generated ones', async () => {
    const dir = tempDir()
    pair = await startPair([], { record: dir })
    await traffic(pair)
    await pair.close()
    const recorded = (JSON.parse(readAll(dir)[3]!) as Har).log.entries[0]!
    const items = JSON.parse(recorded.response.content.text!) as Array<{ id: string; name: string; email: string }>
    expect(items).toHaveLength(3) // the docs' two customers, and the one created through the proxy

    const server = await startMockServer({ apis: ['toptickets'], port: 0, count: 5 })
    try {
      const seeded = await seedFromRecording(server.mockdesk, await loadRecording(dir))
      expect(seeded).toEqual([{ api: 'toptickets', collection: 'customers', records: 3, skipped: 0 }])
      const admin = { authorization: `Bearer ${token}` }
      const list = (await (await fetch(`${server.baseUrls.toptickets}/customers?limit=100`, { headers: admin })).json()) as Array<{ id: string; name: string; email: string }>
      expect(list.slice(0, 3)).toEqual(items.map(({ id, name, email }) => expect.objectContaining({ id, name, email })))
      expect(list.length).toBe(3 + 3) // five generated, of which the docs' two are replaced by their recorded versions
      const one = await (await fetch(`${server.baseUrls.toptickets}/customers/${items[2]!.id}`, { headers: admin })).json()
      expect(one).toMatchObject({ id: items[2]!.id, name: items[2]!.name, email: items[2]!.email })
    } finally {
      await server.close()
    }
  })

  it('says what is wrong with a directory that holds no recording', async () => {
    await expect(loadRecording(join(tempDir(), 'missing'))).rejects.toThrow(/no such directory.*--record/)
    await expect(loadRecording(tempDir())).rejects.toThrow(/no \.har files/)
  })
})
