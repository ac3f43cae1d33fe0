/**
 * Before any check runs: can the base URL be reached, and does it answer anything the spec
 * knows? A down server or a wrong `--base-url` would otherwise turn into hundreds of failures
 * that look like contract breaches; here they stop the run with one line and their own exit code.
 */
import type { RunContext } from './context.ts'
import { HttpClient } from './http-client.ts'
import { buildRequest } from './request-builder.ts'
import { label, serverPath, type SpecOperation } from './spec.ts'

export type PreflightProblem = 'unreachable' | 'unknown-paths'

/** A run that cannot start: the message is one line a person can act on. */
export class PreflightError extends Error {
  constructor(
    readonly problem: PreflightProblem,
    message: string,
  ) {
    super(message)
    this.name = 'PreflightError'
  }
}

/** Statuses a server gives for a path it does not serve. */
const unknownPath = (status: number) => status === 404 || status === 405 || status === 501

export async function preflight(context: RunContext, api?: string): Promise<void> {
  const base = context.client.base.href.replace(/\/$/, '')
  // Reads without path parameters: their answer does not depend on which records exist.
  const probes = context.spec.operations.filter((op) => op.safe && !op.path.includes('{')).slice(0, 3)
  const attempts: Array<{ operation: SpecOperation; status: number }> = []
  for (const operation of probes.length > 0 ? probes : context.spec.operations.filter((op) => op.safe).slice(0, 1)) {
    const parts = context.validParts(operation, { anyAuth: true })
    if (!parts) continue
    const request = buildRequest(context.client, operation, parts, context.auth(operation))
    const response = await context.client.send(request)
    if (response.status === 0) {
      throw new PreflightError('unreachable', `cannot reach ${base} (${response.error ?? 'no response'}): is the server running, and is --base-url right?`)
    }
    attempts.push({ operation, status: response.status })
    if (!unknownPath(response.status) || !probes.includes(operation)) return
  }
  if (attempts.length === 0) return
  // Every read the spec documents answered "no such path": guess the prefix the base URL lacks.
  const suffixes = [serverPath(context.spec), api ? `/${api}${serverPath(context.spec)}` : ''].filter((suffix) => suffix && !base.endsWith(suffix))
  for (const suffix of [...new Set(suffixes)]) {
    const guess = new HttpClient({ baseUrl: base + suffix, timeoutMs: 10_000 })
    const { operation } = attempts[0]!
    const parts = context.validParts(operation, { anyAuth: true })!
    const response = await guess.send(buildRequest(guess, operation, parts, context.auth(operation)))
    if (response.status !== 0 && !unknownPath(response.status)) {
      throw new PreflightError('unknown-paths', `${base} answers ${attempts[0]!.status} to ${label(operation)}, as to every path the spec documents; did you mean --base-url ${base}${suffix}?`)
    }
  }
  const tried = attempts.map((a) => `${label(a.operation)} → ${a.status}`).join(', ')
  throw new PreflightError('unknown-paths', `${base} answers nothing the spec documents (${tried}): is --base-url the API's base URL, with its path prefix (the spec's server is ${context.spec.servers[0] ?? 'not given'})?`)
}
