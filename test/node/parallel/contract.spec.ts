// The contract suite at the same time, in a session of its own: its creates and deletes touch no
// other file's world, and nothing of theirs disturbs it.
import { inject } from 'vitest'
import { describeContract } from 'mockdesk/contract/vitest'

await describeContract({
  api: 'toptickets',
  baseUrl: () => `${inject('mockdeskUrl')}/toptickets/v1`,
  credentials: { token: 'tt_admin_9f3k2m7x4q8w1e6r5t0y3u2i9o8p7a6s' },
  headers: { 'X-Mockdesk-Session': 'contract' },
})
