/**
 * CORS for the HTTP server, so a browser app on another port can call it: preflights answer 204,
 * and every response may be read, including the vendor headers an app needs (Retry-After, ...).
 */
export function isPreflight(request: Request): boolean {
  return request.method === 'OPTIONS' && request.headers.has('access-control-request-method')
}

export function preflightResponse(request: Request): Response {
  return new Response(null, {
    status: 204,
    headers: {
      'access-control-allow-origin': request.headers.get('origin') ?? '*',
      'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
      'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? '*',
      'access-control-allow-credentials': 'true',
      'access-control-max-age': '600',
      vary: 'origin',
    },
  })
}

export function withCors(request: Request, response: Response): Response {
  const origin = request.headers.get('origin')
  if (!origin) return response
  response.headers.set('access-control-allow-origin', origin)
  response.headers.set('access-control-allow-credentials', 'true')
  response.headers.set('access-control-expose-headers', '*')
  response.headers.append('vary', 'origin')
  return response
}
