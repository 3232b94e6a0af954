/**
 * An in-memory stand-in for the `browser` namespace (badge, alarms, notifications, tabs, runtime messaging,
 * i18n), for unit tests of the extension. Unit tests get it in place of webextension-polyfill through
 * test/helpers/browser-stub-plugin.mjs; it records what the extension did so tests can assert on it.
 */
import type { Runtime } from 'webextension-polyfill';

type Listener = (...args: never[]) => unknown;

class StubEvent<L extends Listener> {
  readonly listeners: L[] = [];
  addListener(listener: L): void {
    this.listeners.push(listener);
  }
  removeListener(listener: L): void {
    this.listeners.splice(this.listeners.indexOf(listener), 1);
  }
  hasListener(listener: L): boolean {
    return this.listeners.includes(listener);
  }
  /** Calls every listener like the browser would; returns the first reply a listener gave (runtime.onMessage). */
  async fire(...args: Parameters<L>): Promise<unknown> {
    let reply: unknown;
    for (const listener of this.listeners) {
      const result = await listener(...args);
      if (reply === undefined) reply = result;
    }
    return reply;
  }
}

export interface StubAlarm {
  name: string;
  scheduledTime: number;
  periodInMinutes?: number;
}

export interface StubNotification {
  type: string;
  iconUrl: string;
  title: string;
  message: string;
}

const ID = 'fenqitestextensionid';
const BASE = `chrome-extension://${ID}/`;

function createStub() {
  const alarms = new Map<string, StubAlarm>();
  const notifications = new Map<string, StubNotification>();
  const badge = { text: '', color: '', title: '' };
  const opened: string[] = [];
  let uiLanguage = 'en-US';
  const onMessage = new StubEvent<(message: unknown, sender: Runtime.MessageSender) => unknown>();
  return {
    /** What the tests read. */
    state: { alarms, notifications, badge, opened, optionsOpened: 0 },
    setUiLanguage(language: string) {
      uiLanguage = language;
    },
    runtime: {
      id: ID,
      getURL: (path: string) => BASE + path.replace(/^\//, ''),
      onMessage,
      onInstalled: new StubEvent<(details: { reason: string }) => void>(),
      onStartup: new StubEvent<() => void>(),
      /** An extension page sending to the worker: the sender is that page. */
      sendMessage: (message: unknown) => onMessage.fire(structuredClone(message), ownPageSender()),
      async openOptionsPage() {
        stub.state.optionsOpened++;
      },
    },
    action: {
      async setBadgeText({ text }: { text: string }) {
        badge.text = text;
      },
      async setBadgeBackgroundColor({ color }: { color: string }) {
        badge.color = color;
      },
      async setTitle({ title }: { title: string }) {
        badge.title = title;
      },
      getBadgeText: async () => badge.text,
    },
    alarms: {
      async create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }) {
        const scheduledTime = info.when ?? Date.now() + (info.delayInMinutes ?? info.periodInMinutes ?? 0) * 60_000;
        alarms.set(name, {
          name,
          scheduledTime,
          ...(info.periodInMinutes ? { periodInMinutes: info.periodInMinutes } : {}),
        });
      },
      get: async (name: string) => alarms.get(name),
      getAll: async () => [...alarms.values()],
      clear: async (name: string) => alarms.delete(name),
      async clearAll() {
        const had = alarms.size > 0;
        alarms.clear();
        return had;
      },
      onAlarm: new StubEvent<(alarm: StubAlarm) => void>(),
    },
    notifications: {
      async create(id: string, options: StubNotification) {
        notifications.set(id, options);
        return id;
      },
      clear: async (id: string) => notifications.delete(id),
      getAll: async () => Object.fromEntries([...notifications.keys()].map((id) => [id, true])),
      onClicked: new StubEvent<(id: string) => void>(),
    },
    tabs: {
      async create({ url }: { url: string }) {
        opened.push(url);
        return { id: opened.length, url };
      },
      // No store page is open in a unit test: Repay opens a new tab (reusing an open one is an e2e test).
      query: async () => [],
      sendMessage: async () => undefined,
    },
    i18n: {
      getUILanguage: () => uiLanguage,
      getMessage: (name: string) => name,
    },
  };
}

export const stub = createStub();
export default stub;

/** Forgets everything the extension did (badge, alarms, notifications, opened tabs). */
export function resetStub(): void {
  const { alarms, notifications, badge, opened } = stub.state;
  alarms.clear();
  notifications.clear();
  Object.assign(badge, { text: '', color: '', title: '' });
  opened.length = 0;
  stub.state.optionsOpened = 0;
  stub.setUiLanguage('en-US');
}

/** The sender the browser stamps on a message from one of the extension's own pages. */
export function ownPageSender(page = 'popup.html'): Runtime.MessageSender {
  return { id: ID, url: BASE + page, origin: BASE.slice(0, -1) } as Runtime.MessageSender;
}

/** The sender the browser stamps on a content script's message from a page at `url` in a tab. */
export function pageSender(url: string): Runtime.MessageSender {
  return {
    id: ID,
    url,
    origin: new URL(url).origin,
    tab: { id: 7, index: 0, url },
  } as unknown as Runtime.MessageSender;
}
