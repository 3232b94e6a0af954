/**
 * The extension's own words, one typed table per language (English is the fallback). The manifest's name and
 * description live in `_locales/`; everything the shopper reads after that comes from here, so the language
 * switch on the options page works without restarting the browser (`browser.i18n` cannot switch).
 */
import { pickLocale, type Locale } from '../../shared/format.js';
import type { Language } from '../contracts.js';
import type { PlanLifecycle } from '../../shared/plan.js';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

const en = {
  extName: 'fenqi — installment reminders',
  /** The popup's heading: short enough to share a 320 px line with the Options button. */
  appName: 'fenqi payments',
  nothingDue: 'fenqi: nothing due',
  /** Leads with the store's host: nothing a page wrote comes before it. `date` is already formatted (formatDate). */
  badgeTitle: (host: string, product: string, amount: string, date: string, days: number) =>
    `${host} · ${product} · ${amount} due ${date}, ${days > 0 ? `in ${days} ${plural(days, 'day', 'days')}` : days === 0 ? 'today' : `${-days} ${plural(-days, 'day', 'days')} overdue`}`,
  dueIn: (days: number) =>
    days === 0
      ? 'Due today'
      : days > 0
        ? `Due in ${days} ${plural(days, 'day', 'days')}`
        : `${-days} ${plural(-days, 'day', 'days')} overdue`,
  /** One installment's reminder; `days` until the due date, negative once overdue. Leads with the store's host. */
  reminderTitle: (host: string, days: number, amount: string) =>
    `${host} · ${
      days === 0
        ? `Due today: ${amount}`
        : days > 0
          ? `Due in ${days} ${plural(days, 'day', 'days')}: ${amount}`
          : `Overdue by ${-days} ${plural(-days, 'day', 'days')}: ${amount}`
    }`,
  reminderBody: (product: string, n: number, total: number) =>
    `${product} · installment ${n} of ${total}. Click to repay on the store's page.`,
  /** A store's reminders of one day in one notification. */
  noticeTitle: (host: string, count: number, amount: string) => `${host} · ${count} payments: ${amount}`,
  reminderLine: (product: string, n: number, total: number, days: number, amount: string) =>
    `${product} · ${n}/${total} · ${days === 0 ? 'due today' : days > 0 ? `due in ${days} ${plural(days, 'day', 'days')}` : `${-days} ${plural(-days, 'day', 'days')} overdue`}: ${amount}`,
  reminderMore: (count: number) => `and ${count} more`,
  reminderClickRepay: "Click to repay on the store's page.",
  reminderClickBills: "Click to open the store's bills page.",
  order: (id: string) => `Order ${id}`,
  progress: (paid: number, total: number) => `${paid} of ${total} paid`,
  repay: 'Repay',
  paymentMethod: 'Payment method',
  schedule: 'Schedule',
  overdue: 'Overdue',
  upcoming: 'Upcoming',
  underReview: 'Under review',
  reviewNote: 'Nothing is due until the provider approves it.',
  nothingToPay: 'Nothing to pay. Plans appear here after you open a store’s bills page.',
  trackingOff: 'Tracking is off: fenqi stores nothing until you turn it on.',
  turnOnTracking: 'Turn on tracking',
  saveFailed: 'That could not be saved. Please try again.',
  options: 'Options',
  showMore: 'Show more',
  refused: 'That link could not be opened.',
  planTitle: 'Installment plan',
  planMissing: 'This plan is not stored (any more).',
  archived: 'The store no longer lists this plan.',
  paidOff: 'Paid off',
  /** A plan's standing with the provider, on the plan page; `active` plans show none. */
  lifecycle: { 'under-review': 'Under review', rejected: 'Not approved', cancelled: 'Cancelled', active: '' } as Record<
    PlanLifecycle,
    string
  >,
  colN: '#',
  colDue: 'Due date',
  colAmount: 'Amount',
  colPaid: 'Paid',
  colState: 'State',
  state: {
    paid: 'Paid',
    upcoming: 'Upcoming',
    'due-soon': 'Due soon',
    'due-today': 'Due today',
    overdue: 'Overdue',
  } as Record<string, string>,
  provider: 'Provider',
  /** A label and its value, with the language's own colon. */
  labelled: (name: string, value: string) => `${name}: ${value}`,
  total: 'Total',
  welcomeTitle: 'Welcome to fenqi',
  welcomeText:
    'fenqi keeps copies of the installment plans that stores using fenqi show you, reminds you before each due date and takes you to the store’s own page to repay. It never moves money and never sees passwords or card numbers.',
  trackingTitle: 'Keep track of my installment plans',
  trackingHelp:
    'When on, fenqi keeps a copy of the plans that stores show you, on this computer only. Nothing is stored until you turn this on.',
  remindersTitle: 'Reminders',
  remindBefore: 'Remind me this many days before the due date (0 for no early reminder)',
  remindOnDay: 'Remind me on the due date',
  languageTitle: 'Language',
  languageAuto: 'Same as the browser',
  sitesTitle: 'Sites',
  noSites: 'No site has shown you plans yet.',
  siteOn: (origin: string) => `Track ${origin}`,
  dataTitle: 'Your data',
  exportJson: 'Export to JSON',
  importJson: 'Import from JSON',
  deleteAll: 'Delete everything',
  deleteConfirm: 'Delete every stored plan, reminder, site and setting?',
  saved: 'Saved.',
  exported: (plans: number, stores: number) =>
    `Exported ${plans} ${plural(plans, 'plan', 'plans')} from ${stores} ${plural(stores, 'store', 'stores')}.`,
  imported: (n: number) => `Imported ${n} ${plural(n, 'plan', 'plans')}.`,
  importFailed: (why: string) => `Nothing was imported: ${why}`,
  deleted: 'Everything was deleted. Tracking is off.',
};

export type Messages = typeof en;

const zh: Messages = {
  extName: '分期助手 fenqi',
  appName: '分期助手 fenqi',
  nothingDue: 'fenqi：暂无待还',
  badgeTitle: (host, product, amount, date, days) =>
    `${host} · ${product} · ${date}到期 ${amount}，${days > 0 ? `还有 ${days} 天` : days === 0 ? '今天到期' : `已逾期 ${-days} 天`}`,
  dueIn: (days) => (days === 0 ? '今天到期' : days > 0 ? `${days} 天后到期` : `已逾期 ${-days} 天`),
  reminderTitle: (host, days, amount) =>
    `${host} · ${days === 0 ? `今天还款：${amount}` : days > 0 ? `${days} 天后还款：${amount}` : `已逾期 ${-days} 天：${amount}`}`,
  reminderBody: (product, n, total) => `${product} · 第 ${n}/${total} 期。点击前往商城页面还款。`,
  noticeTitle: (host, count, amount) => `${host} · ${count} 笔还款：${amount}`,
  reminderLine: (product, n, total, days, amount) =>
    `${product} · 第 ${n}/${total} 期 · ${days === 0 ? '今天到期' : days > 0 ? `${days} 天后到期` : `已逾期 ${-days} 天`}：${amount}`,
  reminderMore: (count) => `还有 ${count} 笔`,
  reminderClickRepay: '点击前往商城页面还款。',
  reminderClickBills: '点击打开商城的账单页。',
  order: (id) => `订单 ${id}`,
  progress: (paid, total) => `已还 ${paid}/${total} 期`,
  repay: '还款',
  paymentMethod: '支付方式',
  schedule: '还款计划',
  overdue: '已逾期',
  upcoming: '待还',
  underReview: '审核中',
  reviewNote: '审核通过前无需还款。',
  nothingToPay: '暂无待还。打开商城的账单页后，分期会显示在这里。',
  trackingOff: '记录未开启：开启前 fenqi 不保存任何内容。',
  turnOnTracking: '开启记录',
  saveFailed: '未能保存，请重试。',
  options: '设置',
  showMore: '显示更多',
  refused: '无法打开该链接。',
  planTitle: '分期计划',
  planMissing: '未保存该分期（或已删除）。',
  archived: '商城已不再列出该分期。',
  paidOff: '已结清',
  lifecycle: { 'under-review': '审核中', rejected: '未通过', cancelled: '已取消', active: '' },
  colN: '期',
  colDue: '还款日',
  colAmount: '应还',
  colPaid: '已还',
  colState: '状态',
  state: { paid: '已还', upcoming: '待还', 'due-soon': '即将到期', 'due-today': '今天到期', overdue: '已逾期' },
  provider: '分期机构',
  labelled: (name, value) => `${name}：${value}`,
  total: '合计',
  welcomeTitle: '欢迎使用分期助手 fenqi',
  welcomeText:
    'fenqi 保存使用 fenqi 的商城向你展示的分期账单副本，在每个还款日之前提醒你，并带你到商城自己的页面还款。它从不转账，也从不接触密码或卡号。',
  trackingTitle: '记录我的分期账单',
  trackingHelp: '开启后，fenqi 只在本机保存商城向你展示的分期账单副本。开启前不会保存任何内容。',
  remindersTitle: '提醒',
  remindBefore: '提前几天提醒（0 表示不提前提醒）',
  remindOnDay: '还款日当天提醒',
  languageTitle: '语言',
  languageAuto: '跟随浏览器',
  sitesTitle: '网站',
  noSites: '还没有网站向你展示过分期。',
  siteOn: (origin) => `记录 ${origin}`,
  dataTitle: '你的数据',
  exportJson: '导出为 JSON',
  importJson: '从 JSON 导入',
  deleteAll: '全部删除',
  deleteConfirm: '删除所有已保存的分期、提醒、网站和设置？',
  saved: '已保存。',
  exported: (plans, stores) => `已导出 ${plans} 个分期计划，来自 ${stores} 个商店。`,
  imported: (n) => `已导入 ${n} 笔分期。`,
  importFailed: (why) => `未导入任何内容：${why}`,
  deleted: '已全部删除，记录已关闭。',
};

const TABLES: Record<Locale, Messages> = { en, 'zh-CN': zh };

/** The locale for a language setting; 'auto' follows the browser's UI language (any Chinese → zh-CN). */
export function localeFor(language: Language, uiLanguage: string): Locale {
  return language === 'auto' ? pickLocale(uiLanguage) : language;
}

export function messages(locale: Locale): Messages {
  return TABLES[locale] ?? en;
}
