/**
 * The page's side of the page ↔ extension bridge. Posting is harmless without the extension: nobody
 * listens. The extension only ever answers with `present` and acknowledgements.
 */
import { envelope, type PageMessageType, type PageMessages } from '../../shared/bridge.js';

export function announce<T extends PageMessageType>(type: T, payload: PageMessages[T]): void {
  try {
    window.postMessage(envelope(type, payload), window.location.origin);
  } catch (error) {
    // An opaque origin (sandboxed frame, file://) cannot be targeted; the extension is not there either.
    console.debug('fenqi: bridge unavailable', error);
  }
}
