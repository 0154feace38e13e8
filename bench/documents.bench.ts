/**
 * Documents: `npm run bench:documents` (about 2–3 minutes on 2 cores; BENCH_QUICK=1 for a smoke
 * run of about a minute). In one run, for a 2-page portrait document (the invitation) and a
 * landscape table (the results table, 2 pages), both from the templates' samples:
 *   1. cold: a Chromium launched per document (launch, page, content, fonts, PDF, close);
 *   2. warm: the service's ChromiumPool (one browser, RENDER_CONCURRENCY pages at once);
 *   3. repeat: the same request again through the documents service over NATS (documents.document.render
 *      → DONE from storage, no Chromium), after a first render, with the demo registry's data;
 * then BURST renders in a row on the pool (1,000; 200 quick) with the peak RSS of this process (the
 * service's pool runs in it) and Chromium's processes' PSS, sampled every second; and a burst of
 * render JOBS through the service during which its Chromium is killed with SIGKILL: every job must
 * end DONE. Targets are ratios to the cold path measured in the same run (warm ≥ 10× cold) and
 * warm ≥ 10 documents/s. Results go to bench/results/documents-<date>.json.
 */
import 'reflect-metadata';
import { DocumentType, DocumentsRpc, JobState, RenderJobView } from '@tdkt/contracts';
import { RpcClient, connectNats } from '@tdkt/platform';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import puppeteer from 'puppeteer-core';
import { bootstrapDocuments } from '../apps/documents/src/bootstrap';
import { CHROMIUM_FLAGS, ChromiumPool } from '../apps/documents/src/chromium/chromium-pool';
import { chromiumPath } from '../apps/documents/src/chromium/chromium-path';
import { bootstrapRegistry } from '../apps/registry/src/bootstrap';
import { TEMPLATES } from '../apps/documents/src/templates';
import { SAMPLE_INVITATION, SAMPLE_RESULTS_TABLE } from '../apps/documents/src/templates/samples';
import { benchInfra, cleanups, log, round, runBench } from './lib';

const QUICK = process.env.BENCH_QUICK === '1';
const COLD = QUICK ? 3 : 6;
const WARM = QUICK ? 30 : 100;
const REPEAT = QUICK ? 100 : 300;
const BURST = Number(process.env.BENCH_DOCUMENTS_BURST ?? (QUICK ? 200 : 1000));
const CONCURRENCY = Number(process.env.RENDER_CONCURRENCY ?? 2);
const KILL_JOBS = 20;

const DOCS = {
  'portrait (invitation, 2 pages)': {
    html: TEMPLATES[DocumentType.INVITATION].html(SAMPLE_INVITATION),
    landscape: false,
  },
  'landscape (results table, 2 pages)': {
    html: TEMPLATES[DocumentType.RESULTS_TABLE].html(SAMPLE_RESULTS_TABLE),
    landscape: true,
  },
};

const quiet = pino({ level: 'error' });

async function cold(html: string, n: number): Promise<number> {
  const exe = chromiumPath(process.env.CHROMIUM_PATH);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const b = await puppeteer.launch({ executablePath: exe, args: CHROMIUM_FLAGS, headless: true });
    try {
      const page = await b.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => true)');
      await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
    } finally {
      await b.close();
    }
  }
  return n / ((performance.now() - t0) / 1000);
}

async function warm(pool: ChromiumPool, html: string, landscape: boolean, n: number): Promise<number> {
  await pool.pdf({ html, landscape }); // the browser is warm, the page path too
  const t0 = performance.now();
  await Promise.all(Array.from({ length: n }, () => pool.pdf({ html, landscape })));
  return n / ((performance.now() - t0) / 1000);
}

async function main(): Promise<number> {
  const infra = await benchInfra();
  const env = {
    NATS_URL: infra.nats.url,
    NATS_PREFIX: infra.prefix,
    DATABASE_URL: infra.db.url,
    HTTP_PORT: '0',
    LOG_LEVEL: 'error',
    ...infra.storage,
  };
  const loadBefore = round(os.loadavg()[0], 2);
  const pool = new ChromiumPool({
    executablePath: chromiumPath(process.env.CHROMIUM_PATH),
    maxPages: CONCURRENCY,
    restartAfter: 100,
    maxRssMb: 768,
    stepTimeoutMs: 30_000,
    retries: 2,
    logger: quiet,
  });
  await pool.start();
  cleanups.push({ what: 'bench pool', run: () => pool.stop() });

  // 1–2. cold and warm, per document.
  const per: Record<string, { coldDocsPerS: number; warmDocsPerS: number; ratio: number }> = {};
  for (const [name, d] of Object.entries(DOCS)) {
    log(`${name}: cold ×${COLD}`);
    const c = await cold(d.html, COLD);
    log(`${name}: warm ×${WARM}, ${CONCURRENCY} pages at once`);
    const w = await warm(pool, d.html, d.landscape, WARM);
    per[name] = { coldDocsPerS: round(c, 2), warmDocsPerS: round(w, 2), ratio: round(w / c, 1) };
    log(`${name}: cold ${round(c, 2)}/s, warm ${round(w, 2)}/s (×${round(w / c, 1)})`);
  }

  // Burst: BURST renders in a row on the pool, memory sampled.
  let peakRss = 0;
  let peakChromium = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss / 2 ** 20);
    peakChromium = Math.max(peakChromium, pool.chromiumRssMb());
  }, 1000);
  log(`burst: ${BURST} renders in a row (alternating the two documents)`);
  const docs = Object.values(DOCS);
  const tb = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < BURST) {
        const d = docs[next++ % docs.length];
        await pool.pdf({ html: d.html, landscape: d.landscape });
      }
    }),
  );
  const burstSeconds = (performance.now() - tb) / 1000;
  clearInterval(sampler);
  const burst = {
    renders: BURST,
    seconds: round(burstSeconds, 1),
    docsPerS: round(BURST / burstSeconds, 2),
    peakProcessRssMiB: round(peakRss),
    peakChromiumPssMiB: round(Math.max(peakChromium, pool.stats.peakChromiumRssMb)),
    browsersLaunched: pool.stats.launches,
    recycled: pool.stats.recycled,
  };
  log(`burst: ${JSON.stringify(burst)}`);
  await pool.stop();

  // 3. Repeat from storage, and a Chromium killed mid-burst, through the service.
  log('starting registry (demo data) and documents in this process');
  const registry = await bootstrapRegistry({
    ...env,
    REGISTRY_SEED_DEMO: 'true',
    DEMO_PASSWORD: randomUUID(),
  });
  cleanups.push({ what: 'registry', run: () => registry.close() });
  const documents = await bootstrapDocuments({ ...env, RENDER_CONCURRENCY: String(CONCURRENCY) });
  cleanups.push({ what: 'documents', run: () => documents.close() });
  const nc = await connectNats({ url: infra.nats.url, name: 'bench-documents' });
  cleanups.push({ what: 'nats client', run: () => nc.drain() });
  const rpc = new RpcClient(nc, { prefix: infra.prefix, timeoutMs: 30_000 });
  const actor = { userId: randomUUID(), unitId: null, roles: [{ role: 'BOARD' as never }] };
  const done = async (job: RenderJobView): Promise<RenderJobView> => {
    const until = Date.now() + 120_000;
    while (job.state !== JobState.DONE && job.state !== JobState.FAILED) {
      if (Date.now() > until) throw new Error(`job ${job.id} not done in 120 s`);
      await new Promise((r) => setTimeout(r, 50));
      job = await rpc.request(DocumentsRpc.jobGet, { jobId: job.id, actor });
    }
    return job;
  };
  const members = await rpc.request(
    { subject: 'registry.member.list' } as never,
    { groupId: 'cum-tn-dhmt', year: 2023 } as never,
  );
  const unitIds = (members as { members: { unit: { id: string } }[] }).members.map((m) => m.unit.id);
  const repeatOf = {
    'portrait (invitation)': {
      type: DocumentType.INVITATION,
      groupId: 'cum-tn-dhmt',
      year: 2023,
      conference: 'OFFICIAL' as const,
      unitId: unitIds[0],
    },
    'plan (6 pages)': { type: DocumentType.CONFERENCE_PLAN, groupId: 'cum-tn-dhmt', year: 2023 },
  };
  const repeat: Record<string, { firstRenderMs: number; repeatsPerS: number; fromStorage: boolean }> = {};
  for (const [name, req] of Object.entries(repeatOf)) {
    const t0 = performance.now();
    const first = await done(await rpc.request(DocumentsRpc.render, { ...req, actor }));
    const firstMs = performance.now() - t0;
    if (first.state !== JobState.DONE) throw new Error(`${name}: ${JSON.stringify(first.error)}`);
    const t1 = performance.now();
    let fromStorage = true;
    let next2 = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next2++ < REPEAT) {
          const r = await rpc.request(DocumentsRpc.render, { ...req, actor });
          fromStorage &&= r.state === JobState.DONE && (r.result as { fromStorage: boolean }).fromStorage;
          if (r.document?.sha256 !== first.document?.sha256) fromStorage = false;
        }
      }),
    );
    repeat[name] = {
      firstRenderMs: round(firstMs),
      repeatsPerS: round(REPEAT / ((performance.now() - t1) / 1000), 1),
      fromStorage,
    };
    log(`repeat ${name}: ${JSON.stringify(repeat[name])}`);
  }

  // A Chromium killed mid-burst: KILL_JOBS render jobs (distinct subjects), SIGKILL once some are done.
  const servicePool = documents.get(ChromiumPool);
  const requests = unitIds.flatMap((unitId) =>
    (['PREPARATORY', 'OFFICIAL'] as const).map((conference) => ({
      type: DocumentType.INVITATION,
      groupId: 'cum-tn-dhmt',
      year: 2023,
      conference,
      unitId,
      format: 'PDF' as never,
    })),
  );
  const jobs = await Promise.all(
    requests.slice(0, KILL_JOBS).map((r) => rpc.request(DocumentsRpc.render, { ...r, actor })),
  );
  const before = servicePool.stats.renders;
  while (servicePool.stats.renders < before + 3) await new Promise((r) => setTimeout(r, 20));
  const pid = servicePool.browserPid();
  if (pid) process.kill(pid, 'SIGKILL');
  log(`killed Chromium (pid ${pid}) after ${servicePool.stats.renders - before} renders of the burst`);
  const ended = await Promise.all(jobs.map(done));
  const kill = {
    jobs: jobs.length,
    done: ended.filter((j) => j.state === JobState.DONE).length,
    failed: ended.filter((j) => j.state === JobState.FAILED).length,
    fromStorageBeforeKill: ended.filter((j) => (j.result as { fromStorage?: boolean })?.fromStorage).length,
    browserReplaced: servicePool.stats.replaced + servicePool.stats.launches - 1 > 0,
    retriedRenders: servicePool.stats.retriedRenders,
  };
  log(`kill mid-burst: ${JSON.stringify(kill)}`);

  const warmWorst = Math.min(...Object.values(per).map((p) => p.warmDocsPerS));
  const ratioWorst = Math.min(...Object.values(per).map((p) => p.ratio));
  const targets = [
    {
      what: 'warm pool ÷ cold Chromium (docs/s, worst document)',
      value: ratioWorst,
      target: '≥ 10',
      met: ratioWorst >= 10,
    },
    {
      what: 'warm pool documents/s (worst document)',
      value: warmWorst,
      target: '≥ 10',
      met: warmWorst >= 10,
    },
  ];
  const checks = [
    {
      what: 'repeats served from storage with the same SHA-256',
      ok: Object.values(repeat).every((r) => r.fromStorage),
    },
    { what: `Chromium killed mid-burst: ${kill.done}/${kill.jobs} jobs DONE`, ok: kill.done === kill.jobs },
    { what: `burst of ${BURST} renders completed`, ok: burst.renders === BURST },
  ];
  const result = {
    bench: 'documents',
    date: new Date().toISOString(),
    quick: QUICK,
    machine: {
      cpu: os.cpus()[0]?.model.trim(),
      cores: os.cpus().length,
      memoryGiB: round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      chromium: chromiumPath(process.env.CHROMIUM_PATH),
      loadBefore,
    },
    concurrency: CONCURRENCY,
    coldAndWarm: per,
    repeatFromStorage: repeat,
    burst,
    killMidBurst: kill,
    targets,
    checks,
  };
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `documents-${result.date.slice(0, 10)}${QUICK ? '-quick' : ''}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  for (const t of targets) log(`${t.met ? 'MET ' : 'MISS'} ${t.what}: ${t.value} (${t.target})`);
  for (const c of checks) log(`${c.ok ? 'OK  ' : 'FAIL'} ${c.what}`);
  log(`wrote ${file}`);
  return checks.every((c) => c.ok) ? 0 : 1;
}

runBench(main, 10 * 60_000);
