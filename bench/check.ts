// `npm run bench:check`: compares bench/results/latest.json (written by `npm run bench`) with
// bench/budgets.json and fails when a figure breaks its budget by more than the noise margin.
// `--size`: checks only the initial JS size, from the built dist/ (no browser; `npm test` runs it).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initialJsGzipBytes } from './bundle-size.ts';
import { broken, checkFigures, formatCheck, loadBudgets, type Figures } from './budgets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const sizeOnly = process.argv.includes('--size');
const budgets = loadBudgets();

let figures: Figures;
if (sizeOnly) {
  // The build the e2e tests just made (`npm test` runs this after them; the only difference
  // from dist/ is one constant, the request timeout), or dist/ when there is none.
  const e2eDist = join(root, process.env.E2E_OUT_DIR ?? 'dist-e2e');
  const dist = existsSync(join(e2eDist, 'index.html')) ? e2eDist : join(root, 'dist');
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`No build in ${dist}: run \`npm run build\` first.`);
    process.exit(1);
  }
  figures = { initialJsGzipKB: initialJsGzipBytes(dist).bytes / 1024 };
  budgets.budgets = Object.fromEntries(
    Object.entries(budgets.budgets).filter(([name]) => name in figures),
  );
} else {
  const file = join(root, 'bench', 'results', 'latest.json');
  if (!existsSync(file)) {
    console.error('No bench/results/latest.json: run `npm run bench` first.');
    process.exit(1);
  }
  figures = (JSON.parse(readFileSync(file, 'utf8')) as { figures: Figures }).figures;
}

const rows = checkFigures(figures, budgets);
console.log(`budgets (noise margin ${budgets.noiseMarginPct}% on timings):`);
console.log(formatCheck(rows));
const failures = broken(rows);
if (failures.length > 0) {
  console.error(`\n${failures.length} budget(s) broken: ${failures.map((r) => r.name).join(', ')}`);
  process.exit(1);
}
const missing = rows.filter((r) => r.status === 'not measured');
if (missing.length > 0 && !sizeOnly) {
  console.error(`\nNot measured: ${missing.map((r) => r.name).join(', ')} (run the full bench).`);
  process.exit(1);
}
console.log('\nall budgets hold');
