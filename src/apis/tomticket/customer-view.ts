/**
 * How a stored customer is shown. The details method derives its `permissions` block from the
 * customer and its organizations, as the docs describe it: a customer is inactive when it, its
 * organization or its parent organization is inactive; it may open tickets only while active and
 * allowed; its quota is the tightest of the three (null = unlimited).
 */
import type { components } from '../../generated/tomticket.ts'
import type { CustomerRecord, OrganizationRecord, Store } from './store.ts'

type Schemas = components['schemas']
type CustomerDetails = Schemas['CustomerDetails']
type CustomerListItem = Schemas['CustomerListItem']
type CustomFieldValue = Schemas['CustomFieldValue']

function organizationsOf(store: Store, customer: CustomerRecord) {
  const organization = customer.organization_id ? store.organizations.get(customer.organization_id) : undefined
  const mother = organization?.parent_id ? store.organizations.get(organization.parent_id) : undefined
  return { organization, mother }
}

const block = (organization: OrganizationRecord | undefined) =>
  organization
    ? { id: organization.id, name: organization.name, active: organization.active, monthly_ticket_quota: organization.monthly_ticket_quota }
    : null

/** The tightest quota of those set; null when none is (unlimited). */
export function effectiveQuota(...quotas: Array<number | null | undefined>): number | null {
  const set = quotas.filter((quota): quota is number => typeof quota === 'number')
  return set.length > 0 ? Math.min(...set) : null
}

/** Every custom field of the customer form, with this customer's value or null. */
function customFieldsOf(store: Store, customer: CustomerRecord): CustomFieldValue[] {
  return store.customFields.all().map((field) => ({ id: field.id, name: field.name, value: customer.custom_fields[field.id] ?? null }))
}

export function toDetails(store: Store, customer: CustomerRecord): CustomerDetails {
  const { organization, mother } = organizationsOf(store, customer)
  const active = customer.active && (organization?.active ?? true) && (mother?.active ?? true)
  return {
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    internal_id: customer.internal_id,
    monthly_ticket_quota: customer.monthly_ticket_quota,
    active: customer.active,
    organization: block(organization),
    organization_mother: block(mother),
    permissions: {
      active,
      email_validated: customer.email_validated,
      allowed_create_tickets: active && customer.create_tickets,
      monthly_ticket_quota: effectiveQuota(customer.monthly_ticket_quota, organization?.monthly_ticket_quota, mother?.monthly_ticket_quota),
    },
    custom_fields: customFieldsOf(store, customer),
  }
}

/** A list item: the customer's own flags, not the derived permissions. */
export function toListItem(store: Store, customer: CustomerRecord, withCustomFields: boolean): CustomerListItem {
  const { organization } = organizationsOf(store, customer)
  const item: CustomerListItem = {
    id: customer.id,
    internal_id: customer.internal_id,
    name: customer.name,
    email: customer.email,
    phone: customer.phone,
    monthly_ticket_quota: customer.monthly_ticket_quota,
    allow_create_tickets: customer.create_tickets,
    email_validated: customer.email_validated,
    active: customer.active,
    account_approved: customer.account_approved,
    organization: organization ? { id: organization.id, name: organization.name } : null,
  }
  if (withCustomFields) item.custom_fields = customFieldsOf(store, customer)
  return item
}
