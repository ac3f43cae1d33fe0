/**
 * TomTicket answers everything in one envelope, `{error, message, success, data}`: `error:false,
 * success:true` with the data, or `error:true, success:false, data:null` with a Portuguese
 * message. A request whose values the method does not accept gets 401, the status the docs give
 * for "Token ou valores enviados não autorizados para uso" (specs/README.md, M9). The message
 * names the first problem only, as a PHP controller that stops at its first check would.
 */
import type { RequestIssue } from '../../core/request-issue.ts'

export const messages = {
  ok: 'Operação realizada com sucesso.',
  missingToken: 'Token de acesso não informado.',
  invalidToken: 'Token de acesso inválido.',
  planWithoutApi: 'Recurso não disponível para o plano da sua conta. A API de clientes está disponível nos planos Premium e Enterprise.',
  portfolioEnterpriseOnly: 'Recurso não disponível. A carteira de clientes (portfolio_id) está disponível somente para contas Enterprise.',
  customerNotFound: 'Cliente não encontrado.',
  notForm: 'Os parâmetros devem ser enviados como form-data (multipart/form-data ou application/x-www-form-urlencoded).',
} as const

export type ErrorStatus = 401 | 403 | 404

export interface ErrorBody {
  error: true
  message: string
  success: false
  data: null
}

export const errorBody = (message: string): ErrorBody => ({ error: true, message, success: false, data: null })

/** An error envelope as a Response, for the places outside a typed handler (auth, validation). */
export const errorResponse = (status: ErrorStatus, message: string) => Response.json(errorBody(message), { status })

export const success = <T>(data: T, message: string = messages.ok) => ({ error: false as const, message, success: true as const, data })

/** `['custom_field[abc]']` → `custom_field[abc]`. */
const nameOf = (issue: RequestIssue) => issue.path.map(String).join('.') || 'corpo'

/** One issue in the words the vendor would use. */
export function issueMessage(issue: RequestIssue): string {
  const name = nameOf(issue)
  const p = issue.params
  switch (issue.keyword) {
    case 'mediaType':
    case 'missingBody':
      return messages.notForm
    case 'parse':
      return 'Não foi possível ler os parâmetros enviados como form-data. Verifique o boundary informado no cabeçalho Content-Type.'
    case 'required':
      return `O parâmetro ${name} é obrigatório.`
    case 'minLength':
      return `O parâmetro ${name} é obrigatório.`
    case 'maxLength':
      return `O parâmetro ${name} deve ter no máximo ${p.limit} caracteres.`
    case 'enum':
      if (name === 'customer_type_id') return 'O parâmetro customer_type_id deve ser I (identificador interno) ou E (email).'
      return `O valor informado no parâmetro ${name} é inválido. Valores aceitos: ${(p.allowedValues as unknown[]).join(', ')}.`
    case 'format':
      return `O parâmetro ${name} deve conter um endereço de email válido.`
    case 'type':
      if (Array.isArray(issue.data)) return `O parâmetro ${name} foi informado mais de uma vez.`
      return String(p.type).startsWith('integer') ? `O parâmetro ${name} deve ser um número inteiro.` : `O parâmetro ${name} é inválido.`
    case 'minimum':
      return `O parâmetro ${name} deve ser maior ou igual a ${p.limit}.`
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `O parâmetro ${name} não é aceito por este método.`
    default:
      return `O parâmetro ${name} é inválido.`
  }
}

/** Which issue a controller checking fields one by one would meet first: the body's shape, then each field in order. */
const rank = (issue: RequestIssue) => (['mediaType', 'missingBody', 'parse'].includes(issue.keyword) ? 0 : issue.keyword === 'required' ? 1 : 2)

export function invalidRequest(issues: RequestIssue[]): Response {
  const first = [...issues].sort((a, b) => rank(a) - rank(b))[0]!
  return errorResponse(401, issueMessage(first))
}
