// Checks the built extension's manifest (dist/extension/manifest.json) against what shoppers were promised and what
// both browsers need. `web-ext lint` checks the manifest's syntax; this checks its meaning:
//   - permissions and content-script matches are exactly the reviewed lists below: a new permission makes Chrome
//     disable the extension on update until the shopper accepts it, so adding one is a decision, made here;
//   - no host permissions, no loosened content security policy (no remote code, no eval);
//   - every file the manifest or its pages name is in the build, every icon is a PNG of its stated size;
//   - every __MSG_name__ exists in every locale, the version is the package's, both browsers find a background.
// Exits 1 with one line per problem.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const root = 'dist/extension';
const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [];
const expect = (ok, message) => {
  if (!ok) problems.push(message);
  return Boolean(ok);
};
const sameList = (a = [], b = []) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

/** What each permission is for; the list is the whole grant. */
const PERMISSIONS = {
  alarms: 'due-date reminders and badge refresh while the browser is open',
  notifications: 'the reminder a shopper asked for',
  unlimitedStorage: 'plans from every store, kept under our own per-site and total quotas',
};
/** Where the content script runs: any https store, plus local demo stores. */
const MATCHES = ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'];

expect(manifest.manifest_version === 3, 'manifest_version must be 3');
expect(manifest.version === pkg.version, `version ${manifest.version} is not the package's ${pkg.version}`);
expect(
  sameList(manifest.permissions, Object.keys(PERMISSIONS)),
  `permissions ${JSON.stringify(manifest.permissions)} differ from the reviewed ${JSON.stringify(Object.keys(PERMISSIONS))}`,
);
expect(!manifest.host_permissions?.length, 'no host_permissions: stores announce plans through the content script');
expect(!manifest.optional_permissions && !manifest.optional_host_permissions, 'no optional permissions');
for (const script of manifest.content_scripts ?? [])
  expect(sameList(script.matches, MATCHES), `content script matches ${JSON.stringify(script.matches)} changed`);
const csp = JSON.stringify(manifest.content_security_policy ?? '');
expect(!/unsafe-eval|unsafe-inline|https?:/.test(csp), `content_security_policy loosened: ${csp}`);
expect(
  !manifest.externally_connectable,
  'no externally_connectable: pages reach the extension only through the bridge',
);
expect(!manifest.web_accessible_resources, 'no web_accessible_resources: pages cannot fingerprint the extension');

// Chrome reads background.service_worker, Firefox background.scripts: the same file for both.
expect(manifest.background?.service_worker, 'background.service_worker missing (Chrome)');
expect(manifest.background?.scripts?.includes(manifest.background?.service_worker), 'background.scripts (Firefox)');
expect(manifest.browser_specific_settings?.gecko?.id, 'browser_specific_settings.gecko.id missing (Firefox)');

// Files named by the manifest, and the scripts and styles each HTML page loads.
const named = [
  manifest.background?.service_worker,
  manifest.action?.default_popup,
  manifest.options_ui?.page,
  ...(manifest.content_scripts ?? []).flatMap((s) => [...(s.js ?? []), ...(s.css ?? [])]),
].filter(Boolean);
// Pages the extension opens itself (the plan page) are not in the manifest; their scripts must be built too.
const pages = readdirSync(root).filter((f) => f.endsWith('.html') && !named.includes(f));
for (const file of [...named, ...pages]) {
  if (!expect(existsSync(join(root, file)), `${file} is named by the manifest but not built`)) continue;
  if (!file.endsWith('.html')) continue;
  const html = readFileSync(join(root, file), 'utf8');
  for (const [, ref] of html.matchAll(/(?:src|href)="([^"#?:]+)"/g))
    expect(existsSync(join(root, dirname(file), ref)), `${ref}, loaded by ${file}, is not built`);
}

/** A PNG's width and height from its IHDR chunk. */
function pngSize(file) {
  const bytes = readFileSync(file);
  if (bytes.readUInt32BE(0) !== 0x89504e47) return null;
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}
const icons = { ...manifest.icons, ...manifest.action?.default_icon };
for (const [size, file] of Object.entries(icons)) {
  const path = join(root, file);
  if (!expect(existsSync(path), `icon ${file} is not built`)) continue;
  const actual = pngSize(path);
  expect(actual?.[0] === Number(size) && actual?.[1] === Number(size), `icon ${file} is ${actual} not ${size}×${size}`);
}

// Every __MSG_name__ in the manifest, in every locale (the default locale first).
const keys = [...JSON.stringify(manifest).matchAll(/__MSG_(\w+)__/g)].map(([, key]) => key);
const locales = readdirSync(join(root, '_locales'));
expect(locales.includes(manifest.default_locale), `default_locale ${manifest.default_locale} has no messages`);
for (const locale of locales) {
  const messages = JSON.parse(readFileSync(join(root, '_locales', locale, 'messages.json'), 'utf8'));
  for (const key of keys) expect(messages[key]?.message, `_locales/${locale} has no message ${key}`);
}

for (const problem of problems) console.error(`manifest: ${problem}`);
if (problems.length) process.exit(1);
console.log(
  `manifest: ok (${Object.keys(PERMISSIONS).length} permissions, ${named.length} files, ${locales.length} locales)`,
);
