/**
 * mockdesk's own errors, never shaped like a vendor's: a request that matches no API, a broken
 * control call, an undocumented `Prefer: code=`. Each has a stable code and says how to fix it.
 * They answer as RFC 9457 problem details, so a client (or the contract suite) can tell a kit
 * error from a vendor error by its content type alone.
 */
export const kitErrorCodes = {
  MOCKDESK_NO_ROUTE: 404,
  MOCKDESK_METHOD_NOT_ALLOWED: 405,
  MOCKDESK_UNDOCUMENTED_STATUS: 400,
  MOCKDESK_BODY_TOO_LARGE: 413,
  MOCKDESK_BAD_CONTROL_REQUEST: 400,
  MOCKDESK_SESSION_QUOTA: 507,
  MOCKDESK_BAD_SESSION: 400,
  MOCKDESK_ADMIN_TOKEN_REQUIRED: 401,
  MOCKDESK_FORBIDDEN: 403,
  MOCKDESK_UNSUPPORTED_REQUEST: 400,
  MOCKDESK_TIMEOUT: 408,
  MOCKDESK_BAD_BEHAVIOUR: 400,
  MOCKDESK_BAD_CONFIG: 400,
  MOCKDESK_INTERNAL: 500,
  /** A setup error, never an HTTP answer: the app's msw is outside the supported range. */
  MOCKDESK_MSW_VERSION: 500,
  /** Proxy with --errors: the app's request breaks the spec; it was not forwarded (Prism's 422). */
  MOCKDESK_PROXY_INVALID_REQUEST: 422,
  /** Proxy with --errors: the vendor's response breaks the spec (Prism answers 500; a gateway's word is 502). */
  MOCKDESK_PROXY_INVALID_RESPONSE: 502,
  /** Proxy: the vendor could not be reached, or broke the connection. */
  MOCKDESK_PROXY_UPSTREAM_FAILED: 502,
  /** Proxy: the vendor did not answer in time. */
  MOCKDESK_PROXY_UPSTREAM_TIMEOUT: 504,
} as const

export type KitErrorCode = keyof typeof kitErrorCodes

export const kitErrorMediaType = 'application/problem+json'

export class KitError extends Error {
  override name = 'KitError'
  readonly status: number

  constructor(
    readonly code: KitErrorCode,
    message: string,
    readonly fix: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message)
    this.status = kitErrorCodes[code]
  }

  toResponse(headers: HeadersInit = {}): Response {
    const body = {
      type: `https://github.com/mockdesk/mockdesk#${this.code.toLowerCase()}`,
      title: this.message,
      status: this.status,
      code: this.code,
      fix: this.fix,
      ...this.details,
    }
    const response = new Response(JSON.stringify(body, null, 2), {
      status: this.status,
      headers: { 'content-type': kitErrorMediaType, 'x-mockdesk-error': this.code },
    })
    for (const [name, value] of new Headers(headers)) response.headers.set(name, value)
    return response
  }
}

/**
 * Any thrown value as a kit error; an unexpected exception becomes MOCKDESK_INTERNAL with a short
 * id. Its message and stack go to the server's log under that id, never into the body: a stack
 * names absolute paths on the machine, and a client only needs the id to report it.
 */
export function kitErrorFrom(error: unknown): KitError {
  if (error instanceof KitError) return error
  const id = globalThis.crypto.randomUUID().slice(0, 8)
  console.error(`[mockdesk] internal error ${id}:`, error)
  return new KitError(
    'MOCKDESK_INTERNAL',
    `mockdesk failed while answering this request (error ${id}).`,
    `This is a bug in mockdesk, not in your request. Please report it with the request that caused it and the error id ${id}; the server's log has the details under that id.`,
    { errorId: id },
  )
}
