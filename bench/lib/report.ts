import fs from 'node:fs';
import os from 'node:os';
import type { LoadResult } from './load';
import type { ScenarioName } from './scenarios';
import { SCENARIO_TITLES } from './scenarios';
import type { ServerName } from './servers';
import { SERVER_TITLES } from './servers';
import type { ProfileSummary } from './profile';

// Results: one JSON file per run with every measurement, and the same as markdown tables.

export interface Measurement extends LoadResult {
  articles: number;
  round: number;
  server: ServerName;
  scenario: ScenarioName;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres: string;
  platform: string;
  /** 1-minute load average before and after the run. */
  loadBefore: number[];
  loadAfter?: number[];
}

export interface Target {
  name: string;
  met: boolean | null;
  detail: string;
}

export interface BenchReport {
  date: string;
  mode: 'full' | 'quick';
  machine: Machine;
  settings: {
    connections: number;
    durationSeconds: number;
    warmupSeconds: number;
    rounds: number;
    poolSize: number;
    mainArticles: number;
    growthArticles: number[];
  };
  datasets: { articles: number; name: string; notes: string[] }[];
  notes: string[];
  measurements: Measurement[];
  targets: Target[];
  profile?: ProfileSummary | null;
}

export function machineInfo(postgres: string): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    postgres,
    platform: `${os.type()} ${os.release()}`,
    loadBefore: os.loadavg().map((n) => Math.round(n * 100) / 100),
  };
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN);

/** Mean requests/s of a server and scenario at a size over the rounds. */
export function meanRps(report: BenchReport, articles: number, server: ServerName, scenario: ScenarioName): number {
  return mean(report.measurements.filter((m) => m.articles === articles && m.server === server && m.scenario === scenario).map((m) => m.rps));
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '–');

export function evaluateTargets(report: BenchReport): Target[] {
  const n = report.settings.mainArticles;
  const kabar = meanRps(report, n, 'kabar', 'article');
  const cached = meanRps(report, n, 'kabar-cache', 'article');
  const postgraphile = meanRps(report, n, 'postgraphile', 'article');
  const raw = meanRps(report, n, 'raw', 'article');
  const kabarRuns = report.measurements.filter((m) => m.articles === n && m.server === 'kabar' && m.scenario === 'article');
  const p99 = Math.max(...kabarRuns.map((m) => m.p99));
  const known = (...values: number[]) => values.every(Number.isFinite);
  return [
    {
      name: 'Uncached article page ≥ 2× PostGraphile requests/s',
      met: known(kabar, postgraphile) ? kabar >= 2 * postgraphile : null,
      detail: `${fmt(kabar)} vs ${fmt(postgraphile)} req/s (${ratio(kabar, postgraphile)})`,
    },
    {
      name: 'Uncached article page ≥ 0.5× the raw baseline',
      met: known(kabar, raw) ? kabar >= 0.5 * raw : null,
      detail: `${fmt(kabar)} vs ${fmt(raw)} req/s (${ratio(kabar, raw)})`,
    },
    {
      name: `Uncached article page p99 < 50 ms at ${report.settings.connections} connections`,
      met: kabarRuns.length ? p99 < 50 : null,
      detail: `worst p99 of the rounds: ${fmt(p99, 1)} ms`,
    },
    {
      name: 'Cached article page ≥ 2× the raw baseline',
      met: known(cached, raw) ? cached >= 2 * raw : null,
      detail: `${fmt(cached)} vs ${fmt(raw)} req/s (${ratio(cached, raw)})`,
    },
  ];
}

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const s = report.settings;
  const lines: string[] = [];
  lines.push(`Run of ${report.date} (${report.mode}${report.mode === 'quick' ? ': smaller data set, short runs' : ''}).`);
  lines.push(`Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, ${m.platform}; Node ${m.node}; ${m.postgres}. Everything on this one machine.`);
  lines.push(`Load average (1/5/15 min) before: ${m.loadBefore.join(' / ')}${m.loadAfter ? `, after: ${m.loadAfter.join(' / ')}` : ''}.`);
  lines.push(
    `${s.connections} connections, ${s.warmupSeconds} s warm-up then ${s.durationSeconds} s measured per row, ${s.rounds} round(s), pool of ${s.poolSize} database connections per server.`,
  );
  for (const note of report.notes) lines.push(`${note}`);
  lines.push('');
  const scenarios = [...new Set(report.measurements.map((x) => x.scenario))];
  const sizes = [...new Set(report.measurements.map((x) => x.articles))].sort((a, b) => b - a);
  const main = s.mainArticles;

  lines.push(`**${main.toLocaleString('en')} articles**`);
  lines.push('');
  lines.push('| scenario | server | round | req/s | p50 ms | p99 ms | errors | non-2xx |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---:|');
  for (const scenario of scenarios) {
    for (const x of report.measurements.filter((r) => r.articles === main && r.scenario === scenario)) {
      lines.push(
        `| ${SCENARIO_TITLES[scenario]} | ${SERVER_TITLES[x.server]} | ${x.round} | ${fmt(x.rps)} | ${fmt(x.p50, 1)} | ${fmt(x.p99, 1)} | ${x.errors} | ${x.non2xx} |`,
      );
    }
  }
  lines.push('');
  lines.push('Ratios of requests/s (mean of the rounds):');
  lines.push('');
  lines.push('| scenario | Kabar / PostGraphile | Kabar / raw | Kabar cached / raw |');
  lines.push('|---|---:|---:|---:|');
  for (const scenario of scenarios) {
    const k = meanRps(report, main, 'kabar', scenario);
    lines.push(
      `| ${SCENARIO_TITLES[scenario]} | ${ratio(k, meanRps(report, main, 'postgraphile', scenario))} | ${ratio(k, meanRps(report, main, 'raw', scenario))} | ${ratio(meanRps(report, main, 'kabar-cache', scenario), meanRps(report, main, 'raw', scenario))} |`,
    );
  }
  if (sizes.length > 1) {
    lines.push('');
    lines.push('Cost growth: the same pages on smaller archives (first round at the main size).');
    lines.push('');
    lines.push(`| scenario | server | ${sizes.map((n) => `${n.toLocaleString('en')}: req/s · p50 · p99`).join(' | ')} |`);
    lines.push(`|---|---|${sizes.map(() => '---:').join('|')}|`);
    const growthScenarios = [...new Set(report.measurements.filter((x) => x.articles !== main).map((x) => x.scenario))];
    const servers = [...new Set(report.measurements.filter((x) => x.articles !== main).map((x) => x.server))];
    for (const scenario of growthScenarios) {
      for (const server of servers) {
        const cells = sizes.map((n) => {
          const x = report.measurements.find((r) => r.articles === n && r.server === server && r.scenario === scenario && r.round === 1);
          return x ? `${fmt(x.rps)} · ${fmt(x.p50, 1)} · ${fmt(x.p99, 1)}` : '–';
        });
        lines.push(`| ${SCENARIO_TITLES[scenario]} | ${SERVER_TITLES[server]} | ${cells.join(' | ')} |`);
      }
    }
  }
  lines.push('');
  lines.push('Targets (article page):');
  lines.push('');
  for (const t of report.targets) lines.push(`- ${t.met === null ? 'not measured' : t.met ? 'met' : '**not met**'}: ${t.name} — ${t.detail}`);
  const problems = report.measurements.filter((x) => x.firstProblem);
  if (problems.length > 0) {
    lines.push('');
    lines.push('Problems seen:');
    for (const x of problems) lines.push(`- ${SERVER_TITLES[x.server]}, ${SCENARIO_TITLES[x.scenario]}, ${x.articles} articles: ${x.firstProblem}`);
  }
  if (report.profile) {
    lines.push('');
    lines.push(`CPU profile of the Kabar server (uncached, ${report.profile.busySeconds.toFixed(1)} s busy), self time by area:`);
    lines.push('');
    lines.push(report.profile.byArea.map((a) => `${a.name} ${a.percent}%`).join(', '));
    lines.push('');
    lines.push('Top functions by self time:');
    lines.push('');
    for (const f of report.profile.byFunction.slice(0, 12)) lines.push(`- ${f.percent}% ${f.name}`);
  }
  return lines.join('\n');
}

/** Replaces the results section of bench/README.md (between the markers) with the latest table. */
export function updateReadme(readmePath: string, markdown: string): boolean {
  if (!fs.existsSync(readmePath)) return false;
  const text = fs.readFileSync(readmePath, 'utf8');
  const start = '<!-- latest-results:start -->';
  const end = '<!-- latest-results:end -->';
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) return false;
  fs.writeFileSync(readmePath, `${text.slice(0, from + start.length)}\n${markdown}\n${text.slice(to)}`);
  return true;
}
