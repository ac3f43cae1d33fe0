import { describe, expect, it } from 'vitest'
import keys from '../../../fixtures/tomticket/keys.json'
import { describeHosts, type Host } from '../../support/hosts.ts'
import { multipart, urlencoded, type Fields } from './form.ts'

const [enterprise, premium, start] = keys.map((entry) => ({ authorization: `Bearer ${entry.key}` }))
const seeded = 120
const mariana = { internal_id: 'CLI-000184', email: 'mariana.costa@auroralogistica.com.br' }
const field = { plano: '4cc04d95e99ba230b1b0268fa1cf99cc', setor: '27c825a6a87f8fbe2cff44e9c0385ad7', cidade: '5948533426c2b5b6ade3c4618306dae7' }
const organization = { auroraLogistica: '75a3aefeb6412e0f8b765cd2eaf86c14', horizonteEngenharia: '1b6639fd0b29d9ea1e55d28aec0d3b02' }
const portfolio = 'ea977e8c4424b5280ba14a2a56123478'

const failure = (message: string) => ({ error: true, message, success: false, data: null })

type Encode = (fields: Fields) => Promise<{ body: string; headers: Record<string, string> }> | { body: string; headers: Record<string, string> }

const post = async (host: Host, path: string, fields: Fields, headers = enterprise, encode: Encode = multipart) => {
  const form = await encode(fields)
  return host.request('POST', path, { headers: { ...headers, ...form.headers }, body: form.body })
}
const details = (host: Host, customerId: string, type?: 'I' | 'E', headers = enterprise) =>
  host.request('GET', `/customer/details?customer_id=${encodeURIComponent(customerId)}${type ? `&customer_type_id=${type}` : ''}`, { headers })

describeHosts('tomticket', (host) => {
  describe('list', () => {
    it('answers the first 50 customers in the envelope, with the paging fields', async () => {
      const reply = await host.request('GET', '/customer/list', { headers: enterprise })
      expect(reply.status).toBe(200)
      expect(reply.headers.get('content-type')).toBe('application/json')
      expect(reply.body).toMatchObject({ error: false, message: 'Operação realizada com sucesso.', success: true, size: seeded, pages: 3, next_page: 2, previous_page: null })
      expect(Object.keys(reply.body)).toEqual(['error', 'message', 'success', 'data', 'size', 'pages', 'next_page', 'previous_page'])
      expect(reply.body.data).toHaveLength(50)
      expect(reply.body.data[0]).toEqual({
        id: '6ed4712d38dbbf882bbaa873984f248f',
        internal_id: 'CLI-000184',
        name: 'Mariana Costa',
        email: mariana.email,
        phone: '(11) 98765-4321',
        monthly_ticket_quota: null,
        allow_create_tickets: true,
        email_validated: true,
        active: true,
        account_approved: true,
        organization: { id: organization.auroraLogistica, name: 'Aurora Logística' },
      })
    })

    it('walks every page without gaps or repeats, and ends with next_page null', async () => {
      const ids: string[] = []
      let page = 1
      for (;;) {
        const reply = await host.request('GET', `/customer/list?page=${page}`, { headers: enterprise })
        expect(reply.body.previous_page).toBe(page === 1 ? null : page - 1)
        ids.push(...reply.body.data.map((c: { id: string }) => c.id))
        if (reply.body.next_page === null) break
        expect(reply.body.next_page).toBe(page + 1)
        page = reply.body.next_page
      }
      expect(page).toBe(3)
      expect(ids).toHaveLength(seeded)
      expect(new Set(ids).size).toBe(seeded)
    })

    it('answers a page past the end with no items', async () => {
      const last = await host.request('GET', '/customer/list?page=3', { headers: enterprise })
      expect(last.body.data).toHaveLength(seeded - 100)
      const past = await host.request('GET', '/customer/list?page=4', { headers: enterprise })
      expect(past.status).toBe(200)
      expect(past.body).toMatchObject({ data: [], size: seeded, pages: 3, next_page: null, previous_page: 3 })
    })

    it('adds every custom field to the items with show_custom_fields=1', async () => {
      const plain = await host.request('GET', '/customer/list?show_custom_fields=0', { headers: enterprise })
      expect(plain.body.data[0]).not.toHaveProperty('custom_fields')
      const reply = await host.request('GET', '/customer/list?show_custom_fields=1', { headers: enterprise })
      expect(reply.body.data[0].custom_fields).toEqual([
        { id: field.plano, name: 'Plano contratado', value: 'Corporativo' },
        { id: field.setor, name: 'Setor', value: 'Operações' },
        { id: field.cidade, name: 'Cidade', value: 'São Paulo' },
        { id: '6376f3b01cd2c71d945742b0a7d6e7d3', name: 'Data de nascimento', value: null },
      ])
    })

    it.each([
      ['page=0', 'O parâmetro page deve ser maior ou igual a 1.'],
      ['page=-2', 'O parâmetro page deve ser maior ou igual a 1.'],
      ['page=abc', 'O parâmetro page deve ser um número inteiro.'],
      ['page=1.5', 'O parâmetro page deve ser um número inteiro.'],
      ['show_custom_fields=2', 'O valor informado no parâmetro show_custom_fields é inválido. Valores aceitos: 0, 1.'],
    ])('refuses %s in the envelope with 401', async (query, message) => {
      const reply = await host.request('GET', `/customer/list?${query}`, { headers: enterprise })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual(failure(message))
    })
  })

  describe('details', () => {
    it('finds a customer by internal id (the default) and by e-mail, case-insensitively', async () => {
      const byId = await details(host, mariana.internal_id)
      expect(byId.status).toBe(200)
      expect(byId.body).toEqual({
        error: false,
        message: 'Operação realizada com sucesso.',
        success: true,
        data: {
          name: 'Mariana Costa',
          email: mariana.email,
          phone: '(11) 98765-4321',
          internal_id: 'CLI-000184',
          monthly_ticket_quota: null,
          active: true,
          organization: { id: organization.auroraLogistica, name: 'Aurora Logística', active: true, monthly_ticket_quota: 40 },
          organization_mother: { id: 'b44f372723a1160724e4c5c475f25d08', name: 'Grupo Aurora', active: true, monthly_ticket_quota: 25 },
          // The tightest quota of customer (unlimited), organization (40) and parent (25).
          permissions: { active: true, email_validated: true, allowed_create_tickets: true, monthly_ticket_quota: 25 },
          custom_fields: [
            { id: field.plano, name: 'Plano contratado', value: 'Corporativo' },
            { id: field.setor, name: 'Setor', value: 'Operações' },
            { id: field.cidade, name: 'Cidade', value: 'São Paulo' },
            { id: '6376f3b01cd2c71d945742b0a7d6e7d3', name: 'Data de nascimento', value: null },
          ],
        },
      })
      expect((await details(host, mariana.internal_id, 'I')).body).toEqual(byId.body)
      expect((await details(host, 'Mariana.Costa@AuroraLogistica.com.br', 'E')).body).toEqual(byId.body)
    })

    it('makes a customer inactive when its parent organization is inactive', async () => {
      const { body } = await details(host, 'CLI-000231')
      expect(body.data).toMatchObject({
        active: true,
        organization: { name: 'Horizonte Engenharia', active: true, monthly_ticket_quota: null },
        organization_mother: { name: 'Construtora Horizonte', active: false, monthly_ticket_quota: null },
        permissions: { active: false, email_validated: true, allowed_create_tickets: false, monthly_ticket_quota: 8 },
      })
    })

    it('makes a customer inactive when its organization is inactive, and keeps its own ticket permission off', async () => {
      const { body } = await details(host, '529.982.247-25')
      expect(body.data).toMatchObject({
        email: null,
        active: true,
        monthly_ticket_quota: 5,
        organization: { name: 'Clínica Vida Plena', active: false, monthly_ticket_quota: 10 },
        organization_mother: null,
        permissions: { active: false, email_validated: false, allowed_create_tickets: false, monthly_ticket_quota: 5 },
      })
    })

    it('finds a customer without internal id by e-mail only', async () => {
      const { body } = await details(host, 'juliana.ferreira@gmail.com', 'E')
      expect(body.data).toMatchObject({ internal_id: null, organization: null, organization_mother: null, custom_fields: expect.any(Array) })
      expect(body.data.permissions).toEqual({ active: true, email_validated: false, allowed_create_tickets: true, monthly_ticket_quota: null })
      expect((await details(host, 'juliana.ferreira@gmail.com')).status).toBe(404)
    })

    it.each([
      ['', 'O parâmetro customer_id é obrigatório.'],
      ['?customer_id=', 'O parâmetro customer_id é obrigatório.'],
      [`?customer_id=${'x'.repeat(251)}`, 'O parâmetro customer_id deve ter no máximo 250 caracteres.'],
      ['?customer_id=CLI-000184&customer_type_id=X', 'O parâmetro customer_type_id deve ser I (identificador interno) ou E (email).'],
      ['?customer_id=CLI-000184&customer_type_id=e', 'O parâmetro customer_type_id deve ser I (identificador interno) ou E (email).'],
    ])('refuses %j in the envelope with 401', async (query, message) => {
      const reply = await host.request('GET', `/customer/details${query}`, { headers: enterprise })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual(failure(message))
    })

    it('answers an unknown customer with 404 in the envelope', async () => {
      for (const reply of [await details(host, 'CLI-999999'), await details(host, 'ninguem@exemplo.com.br', 'E'), await details(host, mariana.email, 'I')]) {
        expect(reply.status).toBe(404)
        expect(reply.body).toEqual(failure('Cliente não encontrado.'))
      }
    })
  })

  describe('new', () => {
    it('creates a customer from multipart form-data, found by both lookups and listed last', async () => {
      const created = await post(host, '/customer/new', {
        customer_id: '123.456.789-09',
        name: 'Ana Beatriz Souza',
        email: 'ana.souza@exemplo.com.br',
        phone: '(21) 99876-5432',
        [`custom_field[${field.plano}]`]: 'Profissional',
      })
      expect(created.status).toBe(200)
      expect(created.body).toMatchObject({ error: false, message: 'Cliente criado com sucesso.', success: true })
      expect(created.body.data).toMatchObject({
        name: 'Ana Beatriz Souza',
        email: 'ana.souza@exemplo.com.br',
        phone: '(21) 99876-5432',
        internal_id: '123.456.789-09',
        monthly_ticket_quota: null,
        active: true,
        organization: null,
        organization_mother: null,
        permissions: { active: true, email_validated: false, allowed_create_tickets: true, monthly_ticket_quota: null },
      })
      expect(created.body.data.custom_fields[0]).toEqual({ id: field.plano, name: 'Plano contratado', value: 'Profissional' })

      const byId = await details(host, '123.456.789-09', 'I')
      const byEmail = await details(host, 'ana.souza@exemplo.com.br', 'E')
      expect(byId.body.data).toEqual(created.body.data)
      expect(byEmail.body.data).toEqual(created.body.data)

      const list = await host.request('GET', '/customer/list?page=3', { headers: enterprise })
      expect(list.body.size).toBe(seeded + 1)
      expect(list.body.data.at(-1)).toMatchObject({ internal_id: '123.456.789-09', id: expect.stringMatching(/^[0-9a-f]{32}$/) })
    })

    it('accepts urlencoded forms too, and applies the documented defaults', async () => {
      const created = await post(host, '/customer/new', { customer_id: 'ERP-77', name: 'Bruno Rocha' }, enterprise, urlencoded)
      expect(created.status).toBe(200)
      expect(created.body.data).toMatchObject({ email: null, phone: null, permissions: { allowed_create_tickets: true } })
    })

    it('links a new customer to an organization and derives its permissions from it', async () => {
      const created = await post(host, '/customer/new', {
        customer_id: 'ERP-78',
        name: 'Carla Dias',
        organization_id: organization.horizonteEngenharia,
        create_tickets: '0',
        language: 'en-US',
      })
      expect(created.body.data).toMatchObject({
        organization: { name: 'Horizonte Engenharia' },
        organization_mother: { name: 'Construtora Horizonte', active: false },
        permissions: { active: false, allowed_create_tickets: false },
      })
    })

    it('refuses a duplicate customer_id and a duplicate e-mail', async () => {
      const duplicateId = await post(host, '/customer/new', { customer_id: mariana.internal_id, name: 'Outra Mariana' })
      expect(duplicateId.status).toBe(401)
      expect(duplicateId.body).toEqual(failure('Já existe um cliente cadastrado com o identificador interno informado.'))
      const duplicateEmail = await post(host, '/customer/new', { customer_id: 'NOVO-1', name: 'Outra Mariana', email: mariana.email.toUpperCase() })
      expect(duplicateEmail.body).toEqual(failure('Já existe um cliente cadastrado com o email informado.'))
      expect((await host.request('GET', '/customer/list', { headers: enterprise })).body.size).toBe(seeded)
    })

    it.each([
      [{ name: 'Sem Id' }, 'O parâmetro customer_id é obrigatório.'],
      [{ customer_id: 'A-1' }, 'O parâmetro name é obrigatório.'],
      [{ customer_id: '', name: 'Vazio' }, 'O parâmetro customer_id é obrigatório.'],
      [{ customer_id: 'x'.repeat(251), name: 'Longo' }, 'O parâmetro customer_id deve ter no máximo 250 caracteres.'],
      [{ customer_id: 'A-1', name: 'n'.repeat(251) }, 'O parâmetro name deve ter no máximo 250 caracteres.'],
      [{ customer_id: 'A-1', name: 'A', email: `${'e'.repeat(245)}@x.com` }, 'O parâmetro email deve ter no máximo 250 caracteres.'],
      [{ customer_id: 'A-1', name: 'A', phone: '+55 (11) 98765-432100' }, 'O parâmetro phone deve ter no máximo 20 caracteres.'],
      [{ customer_id: 'A-1', name: 'A', organization_id: 'o'.repeat(513) }, 'O parâmetro organization_id deve ter no máximo 512 caracteres.'],
      [{ customer_id: 'A-1', name: 'A', email: 'não-é-email' }, 'O parâmetro email deve conter um endereço de email válido.'],
      [{ customer_id: 'A-1', name: 'A', language: 'pt_BR' }, 'O valor informado no parâmetro language é inválido. Valores aceitos: pt-BR, es_ES, en-US.'],
      [{ customer_id: 'A-1', name: 'A', create_tickets: '2' }, 'O valor informado no parâmetro create_tickets é inválido. Valores aceitos: 0, 1.'],
      [{ customer_id: 'A-1', name: 'A', create_tickets: 'sim' }, 'O parâmetro create_tickets deve ser um número inteiro.'],
      [{ customer_id: 'A-1', name: ['A', 'B'] }, 'O parâmetro name foi informado mais de uma vez.'],
      [{ customer_id: 'A-1', name: 'A', internal_id: 'B-2' }, 'O parâmetro internal_id não é aceito por este método.'],
      [{ customer_id: 'A-1', name: 'A', custom_field: 'x' }, 'O parâmetro custom_field não é aceito por este método.'],
      [{ customer_id: 'A-1', name: 'A', organization_id: '00000000000000000000000000000000' }, 'Organização não encontrada para o parâmetro organization_id.'],
      [{ customer_id: 'A-1', name: 'A', portfolio_id: '00000000000000000000000000000000' }, 'Carteira de clientes não encontrada para o parâmetro portfolio_id.'],
      [{ customer_id: 'A-1', name: 'A', 'custom_field[naoexiste]': 'x' }, 'Campo personalizado não encontrado: custom_field[naoexiste].'],
    ])('refuses %j in the envelope with 401', async (fields, message) => {
      const reply = await post(host, '/customer/new', fields as Fields)
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual(failure(message))
    })

    it('answers a body that is not form-data in the envelope, never with a 500', async () => {
      const notForm = failure('Os parâmetros devem ser enviados como form-data (multipart/form-data ou application/x-www-form-urlencoded).')
      const json = await host.request('POST', '/customer/new', { headers: enterprise, body: { customer_id: 'J-1', name: 'Json' } })
      expect(json.status).toBe(401)
      expect(json.body).toEqual(notForm)
      const text = await host.request('POST', '/customer/new', { headers: { ...enterprise, 'content-type': 'text/plain' }, body: 'customer_id=J-1' })
      expect(text.body).toEqual(notForm)
      const empty = await host.request('POST', '/customer/new', { headers: enterprise })
      expect(empty.status).toBe(401)
      expect(empty.body).toEqual(notForm)
      const broken = await host.request('POST', '/customer/new', {
        headers: { ...enterprise, 'content-type': 'multipart/form-data; boundary=abc' },
        body: '--zzz\r\nbroken',
      })
      expect(broken.status).toBe(401)
      expect(broken.body.message).toMatch(/^Não foi possível ler os parâmetros enviados como form-data/)
    })

    it('keeps portfolio_id for Enterprise accounts', async () => {
      const refused = await post(host, '/customer/new', { customer_id: 'P-1', name: 'Com Carteira', portfolio_id: portfolio }, premium)
      expect(refused.status).toBe(403)
      expect(refused.body).toEqual(failure('Recurso não disponível. A carteira de clientes (portfolio_id) está disponível somente para contas Enterprise.'))
      expect((await post(host, '/customer/new', { customer_id: 'P-1', name: 'Com Carteira', portfolio_id: portfolio }, enterprise)).status).toBe(200)
      expect((await post(host, '/customer/new', { customer_id: 'P-2', name: 'Sem Carteira' }, premium)).status).toBe(200)
    })

    it('answers an oversized body with mockdesk 413, not a crash', async () => {
      const reply = await post(host, '/customer/new', { customer_id: 'G-1', name: 'Grande', phone: 'x'.repeat(2 * 1024 * 1024) })
      expect(reply.status).toBe(413)
      expect(reply.kitError).toBe(true)
      expect(reply.body.code).toBe('MOCKDESK_BODY_TOO_LARGE')
    })
  })

  describe('update', () => {
    it('changes only the fields sent', async () => {
      const before = (await details(host, mariana.internal_id)).body.data
      const reply = await post(host, '/customer/update', { customer_id: mariana.internal_id, phone: '(11) 91234-0000', [`custom_field[${field.setor}]`]: 'TI' })
      expect(reply.status).toBe(200)
      expect(reply.body.message).toBe('Cliente atualizado com sucesso.')
      const expected = {
        ...before,
        phone: '(11) 91234-0000',
        custom_fields: before.custom_fields.map((f: { id: string }) => (f.id === field.setor ? { ...f, value: 'TI' } : f)),
      }
      expect(reply.body.data).toEqual(expected)
      expect((await details(host, mariana.internal_id)).body.data).toEqual(expected)
    })

    it('sets the internal id of a customer found by e-mail, which can then be found by it', async () => {
      const reply = await post(host, '/customer/update', { customer_id: 'juliana.ferreira@gmail.com', customer_type_id: 'E', internal_id: 'CLI-000900' })
      expect(reply.status).toBe(200)
      expect(reply.body.data.internal_id).toBe('CLI-000900')
      expect((await details(host, 'CLI-000900')).body.data.email).toBe('juliana.ferreira@gmail.com')
      const exists = await host.request('GET', '/customer/exists?customer_id=CLI-000900', { headers: enterprise })
      expect(exists.body.data).toEqual({ exists: true })
    })

    it('refuses internal_id unless the customer is found by e-mail', async () => {
      const attempts: Fields[] = [{ customer_id: mariana.internal_id, internal_id: 'X' }, { customer_id: mariana.internal_id, customer_type_id: 'I', internal_id: 'X' }]
      for (const fields of attempts) {
        const reply = await post(host, '/customer/update', fields)
        expect(reply.status).toBe(401)
        expect(reply.body).toEqual(failure('O parâmetro internal_id só pode ser informado quando o customer_type_id for E (Email).'))
      }
      expect((await details(host, mariana.internal_id)).status).toBe(200)
    })

    it('clears optional fields sent empty, and unlinks the organization', async () => {
      const reply = await post(host, '/customer/update', {
        customer_id: mariana.email,
        customer_type_id: 'E',
        phone: '',
        organization_id: '',
        [`custom_field[${field.plano}]`]: '',
      })
      expect(reply.body.data).toMatchObject({ phone: null, organization: null, organization_mother: null, permissions: { monthly_ticket_quota: null } })
      expect(reply.body.data.custom_fields[0]).toEqual({ id: field.plano, name: 'Plano contratado', value: null })
    })

    it('marks a changed e-mail as not validated, and moves the e-mail lookup with it', async () => {
      const reply = await post(host, '/customer/update', { customer_id: mariana.internal_id, email: 'mariana@novo.com.br' })
      expect(reply.body.data).toMatchObject({ email: 'mariana@novo.com.br', permissions: { email_validated: false } })
      expect((await details(host, 'mariana@novo.com.br', 'E')).status).toBe(200)
      expect((await details(host, mariana.email, 'E')).status).toBe(404)
    })

    it('refuses an e-mail or internal id that belongs to another customer', async () => {
      const email = await post(host, '/customer/update', { customer_id: mariana.internal_id, email: 'Juliana.Ferreira@gmail.com' })
      expect(email.status).toBe(401)
      expect(email.body).toEqual(failure('Já existe um cliente cadastrado com o email informado.'))
      const own = await post(host, '/customer/update', { customer_id: mariana.internal_id, email: mariana.email })
      expect(own.status).toBe(200)
      const internalId = await post(host, '/customer/update', { customer_id: 'juliana.ferreira@gmail.com', customer_type_id: 'E', internal_id: mariana.internal_id })
      expect(internalId.body).toEqual(failure('Já existe um cliente cadastrado com o identificador interno informado.'))
    })

    it.each([
      [{ name: 'Sem Id' }, 401, 'O parâmetro customer_id é obrigatório.'],
      [{ customer_id: mariana.internal_id, customer_type_id: 'X' }, 401, 'O parâmetro customer_type_id deve ser I (identificador interno) ou E (email).'],
      [{ customer_id: mariana.internal_id, name: '' }, 401, 'O parâmetro name é obrigatório.'],
      [{ customer_id: mariana.internal_id, phone: '9'.repeat(21) }, 401, 'O parâmetro phone deve ter no máximo 20 caracteres.'],
      [{ customer_id: 'CLI-999999', name: 'Ninguém' }, 404, 'Cliente não encontrado.'],
      [{ customer_id: 'ninguem@exemplo.com.br', customer_type_id: 'E', internal_id: 'Z-1' }, 404, 'Cliente não encontrado.'],
    ])('answers %j with %i in the envelope', async (fields, status, message) => {
      const reply = await post(host, '/customer/update', fields as Fields)
      expect(reply.status).toBe(status)
      expect(reply.body).toEqual(failure(message))
    })

    it('refuses portfolio_id from a Premium account with 403', async () => {
      const reply = await post(host, '/customer/update', { customer_id: mariana.internal_id, portfolio_id: portfolio }, premium)
      expect(reply.status).toBe(403)
      expect((await post(host, '/customer/update', { customer_id: mariana.internal_id, portfolio_id: portfolio }, enterprise)).status).toBe(200)
    })
  })

  describe('lifecycle', () => {
    it('new → details → update → details (the API has no delete)', async () => {
      const created = await post(host, '/customer/new', { customer_id: 'LC-1', name: 'Ciclo de Vida', email: 'ciclo@exemplo.com.br' })
      expect((await details(host, 'LC-1')).body.data).toEqual(created.body.data)
      const updated = await post(host, '/customer/update', { customer_id: 'ciclo@exemplo.com.br', customer_type_id: 'E', name: 'Ciclo Atualizado', organization_id: organization.auroraLogistica })
      expect(updated.body.data).toEqual({
        ...created.body.data,
        name: 'Ciclo Atualizado',
        organization: { id: organization.auroraLogistica, name: 'Aurora Logística', active: true, monthly_ticket_quota: 40 },
        organization_mother: { id: 'b44f372723a1160724e4c5c475f25d08', name: 'Grupo Aurora', active: true, monthly_ticket_quota: 25 },
        permissions: { ...created.body.data.permissions, monthly_ticket_quota: 25 },
      })
      expect((await details(host, 'LC-1')).body.data).toEqual(updated.body.data)
    })
  })

  describe('exists', () => {
    it.each(['/customer/exists', '/customers/exists'])('answers on %s by internal id and by e-mail', async (path) => {
      const byId = await host.request('GET', `${path}?customer_id=${mariana.internal_id}`, { headers: enterprise })
      expect(byId.body).toEqual({ error: false, message: 'Cliente encontrado.', success: true, data: { exists: true } })
      const byEmail = await host.request('GET', `${path}?customer_id=${mariana.email}&customer_type_id=E`, { headers: enterprise })
      expect(byEmail.body.data).toEqual({ exists: true })
      const missing = await host.request('GET', `${path}?customer_id=CLI-999999`, { headers: enterprise })
      expect(missing.status).toBe(200)
      expect(missing.body).toEqual({ error: false, message: 'Cliente não encontrado.', success: true, data: { exists: false } })
      const invalid = await host.request('GET', `${path}?customer_id=x&customer_type_id=X`, { headers: enterprise })
      expect(invalid.status).toBe(401)
      expect((await host.request('GET', path, { headers: start })).status).toBe(403)
    })
  })

  describe('blacklist', () => {
    it('says whether an address is blacklisted, case-insensitively', async () => {
      const listed = await host.request('GET', '/customer/blacklist/search?email=Mailer-Daemon@googlemail.com', { headers: enterprise })
      expect(listed.body).toEqual({ error: false, message: 'Operação realizada com sucesso.', success: true, data: { email: 'Mailer-Daemon@googlemail.com', blacklisted: true } })
      const clean = await host.request('GET', `/customer/blacklist/search?email=${mariana.email}`, { headers: enterprise })
      expect(clean.body.data).toEqual({ email: mariana.email, blacklisted: false })
    })

    it.each([
      ['', 'O parâmetro email é obrigatório.'],
      ['?email=nao-e-email', 'O parâmetro email deve conter um endereço de email válido.'],
    ])('refuses %j with 401', async (query, message) => {
      const reply = await host.request('GET', `/customer/blacklist/search${query}`, { headers: enterprise })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual(failure(message))
    })
  })

  describe('auth', () => {
    it.each([
      ['no header', {}, 'Token de acesso não informado.'],
      ['an empty bearer', { authorization: 'Bearer ' }, 'Token de acesso não informado.'],
      ['a non-Bearer scheme', { authorization: `Basic ${btoa(`${keys[0]!.key}:`)}` }, 'Token de acesso não informado.'],
      ['an unknown token', { authorization: 'Bearer 0000000000000000000000000000000000000000' }, 'Token de acesso inválido.'],
    ])('answers 401 in the envelope for %s', async (_, headers, message) => {
      const reply = await host.request('GET', '/customer/list', { headers })
      expect(reply.status).toBe(401)
      expect(reply.body).toEqual(failure(message))
    })

    it('answers 403 to an account whose plan has no customer API, on every method', async () => {
      const message = 'Recurso não disponível para o plano da sua conta. A API de clientes está disponível nos planos Premium e Enterprise.'
      for (const reply of [
        await host.request('GET', '/customer/list', { headers: start }),
        await details(host, mariana.internal_id, undefined, start),
        await post(host, '/customer/new', { customer_id: 'S-1', name: 'Start' }, start),
        await post(host, '/customer/update', { customer_id: mariana.internal_id, name: 'Start' }, start),
        await host.request('GET', `/customer/blacklist/search?email=${mariana.email}`, { headers: start }),
      ]) {
        expect(reply.status).toBe(403)
        expect(reply.body).toEqual(failure(message))
      }
    })

    it('checks the token before the parameters', async () => {
      expect((await host.request('GET', '/customer/details?customer_type_id=X')).body.message).toBe('Token de acesso não informado.')
      expect((await host.request('POST', '/customer/new', { body: { not: 'a form' } })).status).toBe(401)
      expect((await host.request('GET', '/customer/details?customer_type_id=X', { headers: start })).status).toBe(403)
    })

    it('lets a Premium account use every customer method', async () => {
      expect((await details(host, mariana.email, 'E', premium)).status).toBe(200)
    })
  })

  describe('explicit errors (Prefer: code=)', () => {
    it.each([
      ['/customer/details?customer_id=CLI-000184', 404, 'Cliente não encontrado.'],
      ['/customer/list', 401, 'Token de acesso inválido.'],
      ['/customer/exists?customer_id=CLI-000184', 403, 'Recurso não disponível para o plano da sua conta. A API de clientes está disponível nos planos Premium e Enterprise.'],
    ])('GET %s with Prefer: code=%i answers the documented envelope', async (path, status, message) => {
      const reply = await host.request('GET', path, { headers: { ...enterprise, prefer: `code=${status}` } })
      expect(reply.status).toBe(status)
      expect(reply.body).toEqual(failure(message))
    })

    it('answers an undocumented status with a mockdesk error that lists the documented ones', async () => {
      const reply = await host.request('GET', '/customer/list?__code=500', { headers: enterprise })
      expect(reply.status).toBe(400)
      expect(reply.kitError).toBe(true)
      expect(reply.body).toMatchObject({ code: 'MOCKDESK_UNDOCUMENTED_STATUS', documented: ['200', '401', '403'] })
    })
  })

  describe('routes outside the spec', () => {
    it('answers an unknown path with mockdesk 404 and an undocumented method with 405', async () => {
      const unknown = await host.request('GET', '/customer/delete', { headers: enterprise })
      expect(unknown.status).toBe(404)
      expect(unknown.body.code).toBe('MOCKDESK_NO_ROUTE')
      expect(unknown.body.documented).toContain(`GET ${host.baseUrl}/customers/exists`)
      const method = await host.request('GET', '/customer/new', { headers: enterprise })
      expect(method.status).toBe(405)
      expect(method.headers.get('allow')).toBe('POST')
    })
  })
})
