/** No request, valid or not, may make the server fail (5xx) or drop the connection. */
import type { Check } from './check.ts'
import { excerpt } from './documented-response.ts'

export const notAServerError: Check = ({ response, preferred }) => {
  if (response.status === 0) {
    return [{ title: 'No response: the connection failed', received: response.error ?? 'no response', documented: 'an HTTP response', severity: 'critical' }]
  }
  if (response.status >= 500 && response.status !== preferred) {
    return [{ title: `Server error ${response.status}`, received: `${response.status} ${excerpt(response.text)}`, documented: 'a response below 500', severity: 'critical' }]
  }
  return []
}
