/**
 * Omnidesk's error envelope, `{"status":"error","message":"..."}` (the key is `status`, not
 * `type`), answered with 400 for anything wrong with the request, as the vendor's docs show
 * ("This form does not exist."). One message per answer, so the issues found are joined into it.
 */
import type { RequestIssue } from '../../core/request-issue.ts'

export function errorResponse(status: number, message: string): Response {
  return Response.json({ status: 'error', message }, { status })
}

/** A request the vendor refuses with its 400 error; thrown from deep inside a handler. */
export class Refusal extends Error {
  override name = 'Refusal'
}

export function refuse(message: string): never {
  throw new Refusal(message)
}

const article = (type: string) => (/^[aeiou]/.test(type) ? 'an' : 'a')

/** One issue in words, naming the parameter as the caller sent it. */
export function describeIssue(issue: RequestIssue): string {
  const name = issue.path.join('.') || 'body'
  const p = issue.params
  switch (issue.keyword) {
    case 'parse':
      return 'The body is not valid multipart/form-data: check the boundary in the Content-Type header.'
    case 'mediaType':
      return `Content type ${p.received} is not accepted here: send the fields as ${(p.documented as string[]).join(' or ')}.`
    case 'missingBody':
      return `A request body is required: send the fields as ${(p.documented as string[]).join(' or ')}.`
    case 'required':
      return `Parameter ${name} is required.`
    case 'dependentRequired':
      return `Parameter ${p.missingProperty} is required when ${p.property} is set.`
    case 'additionalProperties':
    case 'unevaluatedProperties':
      return `Unknown parameter ${name}.`
    case 'type': {
      if (Array.isArray(issue.data)) return `Parameter ${name} was sent more than once; send it once.`
      const type = String(p.type).split(',')[0]!
      return `Parameter ${name} must be ${article(type)} ${type}.`
    }
    case 'pattern':
      return `Parameter ${name} does not match ${p.pattern}.`
    case 'format':
      return p.format === 'email' ? `Parameter ${name} must be a valid email address.` : `Parameter ${name} must be a valid ${p.format === 'uri' ? 'URL' : p.format}.`
    case 'maximum':
      return `Parameter ${name} must be at most ${p.limit}.`
    case 'minimum':
      return `Parameter ${name} must be at least ${p.limit}.`
    case 'maxLength':
      return `Parameter ${name} must be at most ${p.limit} characters long.`
    case 'minLength':
      return p.limit === 1 ? `Parameter ${name} must not be empty.` : `Parameter ${name} must be at least ${p.limit} characters long.`
    case 'enum':
      return `Parameter ${name} must be one of: ${(p.allowedValues as unknown[]).join(', ')}.`
    default:
      return `Parameter ${name} is invalid: ${issue.message}.`
  }
}

export function invalidRequest(issues: RequestIssue[]): Response {
  return errorResponse(400, issues.map(describeIssue).join(' '))
}
