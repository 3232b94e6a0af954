// `npm run lint` (and a step of `npm test`): ESLint over the repository with eslint.config.mjs. The linters have
// their own install in scripts/lint/ (they need TypeScript 5.9's API; the project uses TypeScript 7), made here on
// first use and again whenever scripts/lint/package-lock.json changes. Arguments go to ESLint (e.g. `--fix`).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const tools = 'scripts/lint';
const installed = join(tools, 'node_modules', '.package-lock.json');
const stale =
  !existsSync(installed) || statSync(installed).mtimeMs < statSync(join(tools, 'package-lock.json')).mtimeMs;
if (stale) {
  console.log('lint: installing ESLint and its TypeScript in scripts/lint/ (once)');
  const npm = spawnSync('npm', ['ci', '--prefix', tools, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (npm.status !== 0) process.exit(npm.status ?? 1);
}
const eslint = spawnSync(
  process.execPath,
  [join(tools, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--max-warnings', '0', ...process.argv.slice(2), '.'],
  { stdio: 'inherit' },
);
process.exit(eslint.status ?? 1);
