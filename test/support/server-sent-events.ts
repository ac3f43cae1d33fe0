/** Reads a server-sent events response until `count` data events came (or the stream ended). */
export async function readEvents(response: Response, count: number): Promise<Array<{ id: string | undefined; data: Record<string, any> }>> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
  const received: Array<{ id: string | undefined; data: Record<string, any> }> = []
  let buffer = ''
  while (received.length < count) {
    const { value, done } = await reader.read()
    if (done) break
    buffer += value
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      const data = /^data: (.*)$/m.exec(block)?.[1]
      if (data) received.push({ id: /^id: (.*)$/m.exec(block)?.[1], data: JSON.parse(data) })
    }
  }
  await reader.cancel()
  return received
}
