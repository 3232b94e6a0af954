/**
 * Sends a page's message to the background, again if it was refused undelivered. A message can reach the
 * background while the browser is stopping it (Firefox's event page after its idle time, Chromium's worker):
 * `sendMessage` then rejects with "Could not establish connection. Receiving end does not exist." and nothing
 * was handled, so sending it again (which starts a new background) is safe. Every page message is idempotent
 * (a plans list replaces the store's plans). Seen in Firefox on a busy machine: 1 flood test in 3 lost its ack.
 */
export async function deliver<T>(send: () => Promise<T>, tries = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (attempt >= tries) throw error;
    }
  }
}
