/**
 * The customer methods: list (50 per page), details, new and update. Lookups go by internal id
 * (`customer_type_id=I`, the default) or by e-mail (`E`). Create and update answer with the
 * customer as the details method shows it; a value that clashes with another customer, or names
 * an organization, portfolio or custom field the account does not have, is refused with the
 * 401 the docs give for values "não autorizados para uso" (specs/README.md, M9–M12).
 */
import type { RouteHandler } from '../../../core/define-api.ts'
import type { components, operations } from '../../../generated/tomticket.ts'
import type { Principal } from '../auth.ts'
import { toDetails, toListItem } from '../customer-view.ts'
import { errorBody, messages, success } from '../errors.ts'
import { emailKey, findCustomer, newId, type CustomerRecord, type Store } from '../store.ts'

type Handler<Op extends keyof operations> = RouteHandler<operations[Op], Store, Principal>
type FormFields = components['schemas']['CustomerFormFields']

export const pageSize = 50

export const listCustomers: Handler<'listCustomers'> = ({ store, query, json }) => {
  // page and show_custom_fields always have values here: the validator applies the spec's defaults.
  const page = query.page!
  const size = store.customers.count()
  const pages = Math.max(1, Math.ceil(size / pageSize))
  const items = store.customers.slice((page - 1) * pageSize, pageSize).map((c) => toListItem(store, c, query.show_custom_fields === 1))
  return json(200, {
    ...success(items),
    size,
    pages,
    next_page: page < pages ? page + 1 : null,
    previous_page: page > 1 ? page - 1 : null,
  })
}

export const getCustomerDetails: Handler<'getCustomerDetails'> = ({ store, query, json }) => {
  const customer = findCustomer(store, query.customer_id, query.customer_type_id)
  return customer ? json(200, success(toDetails(store, customer))) : json(404, errorBody(messages.customerNotFound))
}

const customFieldPattern = /^custom_field\[([^[\]]+)\]$/

/** The `custom_field[ID]` fields sent, by id. */
function customFieldsSent(body: object): Map<string, string> {
  const sent = new Map<string, string>()
  for (const [name, value] of Object.entries(body)) {
    const id = customFieldPattern.exec(name)?.[1]
    if (id !== undefined) sent.set(id, value as string)
  }
  return sent
}

/** Empty form fields clear optional values (M11). */
const orNull = (value: string | undefined) => (value === undefined ? undefined : value === '' ? null : value)

/**
 * What the sent fields refer to must exist, and what must be unique must stay unique. Returns the
 * message for the first problem, as the vendor's controller would stop at it.
 */
function referenceProblem(store: Store, body: FormFields, customer?: CustomerRecord): string | undefined {
  if (body.email) {
    const owner = store.customers.findUnique('email', emailKey(body.email))
    if (owner && owner !== customer) return 'Já existe um cliente cadastrado com o email informado.'
  }
  if (body.organization_id && !store.organizations.get(body.organization_id)) return 'Organização não encontrada para o parâmetro organization_id.'
  if (body.portfolio_id && !store.portfolios.get(body.portfolio_id)) return 'Carteira de clientes não encontrada para o parâmetro portfolio_id.'
  for (const id of customFieldsSent(body).keys()) {
    if (!store.customFields.get(id)) return `Campo personalizado não encontrado: custom_field[${id}].`
  }
  return undefined
}

function applyCustomFields(target: Record<string, string>, body: object) {
  for (const [id, value] of customFieldsSent(body)) {
    if (value === '') delete target[id]
    else target[id] = value
  }
}

export const createCustomer: Handler<'createCustomer'> = async ({ store, body, principal, json }) => {
  if (body.portfolio_id && principal.plan !== 'enterprise') return json(403, errorBody(messages.portfolioEnterpriseOnly))
  if (store.customers.findUnique('internal_id', body.customer_id)) {
    return json(401, errorBody('Já existe um cliente cadastrado com o identificador interno informado.'))
  }
  const problem = referenceProblem(store, body)
  if (problem) return json(401, errorBody(problem))

  const custom_fields: Record<string, string> = {}
  applyCustomFields(custom_fields, body)
  const customer = await store.customers.create({
    id: newId(store),
    internal_id: body.customer_id,
    name: body.name,
    email: orNull(body.email) ?? null,
    phone: orNull(body.phone) ?? null,
    active: true,
    email_validated: false,
    account_approved: true,
    create_tickets: body.create_tickets === 1,
    monthly_ticket_quota: null,
    organization_id: orNull(body.organization_id) ?? null,
    language: body.language,
    portfolio_id: orNull(body.portfolio_id) ?? null,
    custom_fields,
  })
  return json(200, success(toDetails(store, customer), 'Cliente criado com sucesso.'))
}

export const updateCustomer: Handler<'updateCustomer'> = async ({ store, body, principal, json }) => {
  if (body.portfolio_id && principal.plan !== 'enterprise') return json(403, errorBody(messages.portfolioEnterpriseOnly))
  const type = body.customer_type_id ?? 'I'
  if (body.internal_id !== undefined && type !== 'E') {
    return json(401, errorBody('O parâmetro internal_id só pode ser informado quando o customer_type_id for E (Email).'))
  }
  const customer = findCustomer(store, body.customer_id, type)
  if (!customer) return json(404, errorBody(messages.customerNotFound))
  if (body.internal_id !== undefined) {
    const owner = store.customers.findUnique('internal_id', body.internal_id)
    if (owner && owner !== customer) return json(401, errorBody('Já existe um cliente cadastrado com o identificador interno informado.'))
  }
  const problem = referenceProblem(store, body, customer)
  if (problem) return json(401, errorBody(problem))

  const email = orNull(body.email)
  const updated = await store.customers.update(customer.id, (draft) => {
    if (body.name !== undefined) draft.name = body.name
    if (email !== undefined) {
      // A new address has not been confirmed yet.
      if (email?.toLowerCase() !== draft.email?.toLowerCase()) draft.email_validated = false
      draft.email = email
    }
    if (body.phone !== undefined) draft.phone = orNull(body.phone)!
    if (body.create_tickets !== undefined) draft.create_tickets = body.create_tickets === 1
    if (body.organization_id !== undefined) draft.organization_id = orNull(body.organization_id)!
    if (body.language !== undefined) draft.language = body.language
    if (body.portfolio_id !== undefined) draft.portfolio_id = orNull(body.portfolio_id)!
    if (body.internal_id !== undefined) draft.internal_id = body.internal_id
    applyCustomFields(draft.custom_fields, body)
  })
  return json(200, success(toDetails(store, updated!), 'Cliente atualizado com sucesso.'))
}
