import { readdirSync, readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import puppeteer, { Browser, BrowserContext, Page } from 'puppeteer-core';

/**
 * Chromium flags for a server without a display, a GPU or a sandbox-capable kernel (see
 * ../shared/STACK-NOTES.md): no background traffic, /dev/shm not relied on (small in containers).
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-extensions',
  '--disable-default-apps',
  '--mute-audio',
  '--font-render-hinting=none',
];

export interface ChromiumPoolOptions {
  executablePath: string;
  /** Pages printing at once (further renders wait for a slot). */
  maxPages: number;
  /** A browser is replaced after this many renders (memory growth is the usual failure). */
  restartAfter: number;
  /** … or when its processes' resident memory passes this (MiB), checked every few renders. */
  maxRssMb: number;
  /** Bound of each step: launch, new context, set content, fonts, pdf. */
  stepTimeoutMs: number;
  /** The largest bound a request may ask for its content, fonts and print steps (`PdfRequest.timeoutMs`). */
  maxStepTimeoutMs?: number;
  /** Tries of one render on a fresh browser after a crash or a hang (besides the first). */
  retries: number;
  /**
   * 'context' (default): every document in a fresh browser context of its own — nothing of one
   * document can reach another, at the price of a renderer process per document (measured ~0.65 s
   * of CPU each, as much as launching a browser). 'page': documents reuse warm pages of one
   * context per browser (~0.09 s of CPU each); with JavaScript off, no network and the whole
   * document replaced by each `setContent`, nothing carries over either, but the isolation is
   * Chromium's page state rather than a separate context. See bench/README.md (Documents).
   */
  isolation?: 'context' | 'page';
  logger: Logger;
}

export interface PdfRequest {
  html: string;
  landscape: boolean;
  /** Given by a template that wants Chromium's header (page numbers); none prints none. */
  headerTemplate?: string;
  /**
   * The bound of this document's content, fonts and print steps (a large table takes minutes on
   * a loaded machine); at most `maxStepTimeoutMs`, `stepTimeoutMs` when not given.
   */
  timeoutMs?: number;
}

export interface PoolStats {
  launches: number;
  renders: number;
  /** Browsers replaced because of a crash or a hang. */
  replaced: number;
  /** Browsers retired after `restartAfter` renders or at the memory limit. */
  recycled: number;
  retriedRenders: number;
  peakChromiumRssMb: number;
  /** The most pages that were printing at once. */
  peakPagesAtOnce: number;
}

/** A render that failed for a reason a new browser would not fix (bad HTML, a template error). */
export class RenderError extends Error {}

class TimeoutError extends Error {}

function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`${what} took longer than ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One launched browser and what it has done. */
interface Generation {
  browser: Browser;
  pid: number | undefined;
  renders: number;
  inUse: number;
  /** No new pages: closed once its pages are done. */
  retiring: boolean;
  dead: boolean;
  /** Fresh contexts with a blank page made ahead of the renders that will take them. */
  spares: Promise<Prepared>[];
  /** Isolation 'page': the browser's one context for documents and its idle warm pages. */
  shared?: Promise<BrowserContext>;
  idle: Page[];
}

/** A fresh browser context and its page (JavaScript off), not used by any document yet. */
interface Prepared {
  context: BrowserContext;
  page: Page;
}

/**
 * Memory (MiB) of a process and all its descendants (Linux /proc; 0 elsewhere): the sum of their
 * proportional set sizes (PSS: shared pages divided among the processes sharing them), so
 * Chromium's renderers that share most of their pages are not counted many times over (summing
 * RSS doubles Chromium's figure). RSS where PSS is not readable.
 */
export function treeRssMb(rootPid: number | undefined): number {
  if (!rootPid) return 0;
  try {
    const children = new Map<number, number[]>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const list = children.get(ppid) ?? [];
        list.push(Number(d));
        children.set(ppid, list);
      } catch {
        /* gone meanwhile */
      }
    }
    let kb = 0;
    const todo = [rootPid];
    while (todo.length) {
      const pid = todo.pop() as number;
      try {
        const m = /^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
        if (m) kb += Number(m[1]);
      } catch {
        try {
          const m = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
          if (m) kb += Number(m[1]);
        } catch {
          /* gone */
        }
      }
      todo.push(...(children.get(pid) ?? []));
    }
    return kb / 1024;
  } catch {
    return 0;
  }
}

/**
 * One warm Chromium per instance, printing at most `maxPages` documents at once, each in a fresh
 * browser context (no cookies, cache or storage shared between documents). The browser is retired
 * after `restartAfter` renders or when its memory passes `maxRssMb`; a browser that crashes or
 * hangs (any step past `stepTimeoutMs`) is killed and replaced, and the render is tried again on
 * the new one (`retries` times) — the job is not lost. `stop()` closes every browser and kills
 * what does not close: no Chromium outlives the service.
 */
export class ChromiumPool {
  private current?: Generation;
  private launching?: Promise<Generation>;
  private readonly all = new Set<Generation>();
  private active = 0;
  private printing = 0;
  private readonly waiting: (() => void)[] = [];
  private stopped = false;
  readonly stats: PoolStats = {
    launches: 0,
    renders: 0,
    replaced: 0,
    recycled: 0,
    retriedRenders: 0,
    peakChromiumRssMb: 0,
    peakPagesAtOnce: 0,
  };

  constructor(private readonly opts: ChromiumPoolOptions) {}

  /** Launches the warm browser (a service is ready only with it). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.generation();
  }

  /** The browser processes' ids (tests and the benchmark kill one to prove nothing is lost). */
  browserPid(): number | undefined {
    return this.current?.pid;
  }

  /** Current resident memory of the warm browser's processes (MiB). */
  chromiumRssMb(): number {
    const rss = treeRssMb(this.current?.pid);
    if (rss > this.stats.peakChromiumRssMb) this.stats.peakChromiumRssMb = rss;
    return rss;
  }

  /** Prints `html` to PDF (A4; the page size and margins of the HTML's CSS win). */
  async pdf(req: PdfRequest): Promise<Buffer> {
    if (this.stopped) throw new Error('the Chromium pool is stopped');
    await this.acquire();
    this.printing++;
    this.stats.peakPagesAtOnce = Math.max(this.stats.peakPagesAtOnce, this.printing);
    try {
      for (let attempt = 0; ; attempt++) {
        const gen = await this.generation();
        try {
          return await this.renderOn(gen, req);
        } catch (e) {
          if (e instanceof RenderError || this.stopped || attempt >= this.opts.retries) throw e;
          // A crash, a closed target or a hang: this browser is not trusted any more.
          this.opts.logger.warn(
            { err: e, attempt: attempt + 1 },
            'render failed; replacing Chromium and retrying',
          );
          this.stats.retriedRenders++;
          this.replace(gen);
        }
      }
    } finally {
      this.printing--;
      this.release();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.launching?.catch(() => undefined);
    await Promise.all([...this.all].map((g) => this.close(g)));
    this.current = undefined;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.opts.maxPages) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }

  private async generation(): Promise<Generation> {
    if (this.current && !this.current.dead && !this.current.retiring) return this.current;
    this.launching ??= this.launch().finally(() => (this.launching = undefined));
    return this.launching;
  }

  private async launch(): Promise<Generation> {
    const browser = await within(
      'Chromium launch',
      this.opts.stepTimeoutMs,
      puppeteer.launch({
        executablePath: this.opts.executablePath,
        args: CHROMIUM_FLAGS,
        headless: true,
        // We close it ourselves (stop); no signal handlers of puppeteer's in the service.
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        // Each step has its own bound (`within`); the protocol's must let a large print finish.
        protocolTimeout: Math.max(this.opts.stepTimeoutMs, this.opts.maxStepTimeoutMs ?? 0),
      }),
    );
    const gen: Generation = {
      browser,
      pid: browser.process()?.pid,
      renders: 0,
      inUse: 0,
      retiring: false,
      dead: false,
      spares: [],
      idle: [],
    };
    browser.on('disconnected', () => {
      if (!gen.dead && !this.stopped)
        this.opts.logger.warn({ pid: gen.pid }, 'Chromium disconnected; the next render starts a new one');
      gen.dead = true;
      this.all.delete(gen);
    });
    this.all.add(gen);
    this.current = gen;
    this.stats.launches++;
    if (this.stopped) await this.close(gen);
    else if (this.opts.isolation !== 'page') gen.spares.push(this.prepare(gen));
    return gen;
  }

  /**
   * A new context and page, made ahead of time: a fresh context per document costs a renderer
   * process (~0.1–0.4 s), which is then spent while other pages print rather than on the
   * document's own path. Each document still gets a context no other document has used.
   */
  private prepare(gen: Generation): Promise<Prepared> {
    const t = this.opts.stepTimeoutMs;
    const p = (async () => {
      const context = await within('new browser context', t, gen.browser.createBrowserContext());
      try {
        const page = await within('new page', t, context.newPage());
        // Templates carry no script; nothing in a document may run one (a unit named "<script>…").
        await within('disable JavaScript', t, page.setJavaScriptEnabled(false));
        return { context, page };
      } catch (e) {
        await context.close().catch(() => undefined);
        throw e;
      }
    })();
    // A spare that failed is noticed by the render that takes it (and retried on a new browser).
    p.catch(() => undefined);
    return p;
  }

  /** Isolation 'page': an idle warm page of the browser's shared context, or a new one. */
  private async takePage(gen: Generation): Promise<Page> {
    const idle = gen.idle.pop();
    if (idle && !idle.isClosed()) return idle;
    const t = this.opts.stepTimeoutMs;
    gen.shared ??= within('new browser context', t, gen.browser.createBrowserContext());
    const page = await within('new page', t, (await gen.shared).newPage());
    await within('disable JavaScript', t, page.setJavaScriptEnabled(false));
    return page;
  }

  /** A prepared context for one document; another is prepared for the next one. */
  private take(gen: Generation): Promise<Prepared> {
    const spare = gen.spares.shift() ?? this.prepare(gen);
    if (!gen.retiring && !gen.dead && gen.spares.length < Math.min(this.opts.maxPages, 2))
      gen.spares.push(this.prepare(gen));
    return spare;
  }

  private async renderOn(gen: Generation, req: PdfRequest): Promise<Buffer> {
    const t = Math.min(
      Math.max(req.timeoutMs ?? this.opts.stepTimeoutMs, this.opts.stepTimeoutMs),
      Math.max(this.opts.maxStepTimeoutMs ?? this.opts.stepTimeoutMs, this.opts.stepTimeoutMs),
    );
    gen.inUse++;
    let context: BrowserContext | undefined;
    let page: Page | undefined;
    let printed = false;
    try {
      if (this.opts.isolation === 'page') page = await this.takePage(gen);
      else ({ context, page } = await this.take(gen));
      await within('set content', t, page.setContent(req.html, { waitUntil: 'load', timeout: t }));
      await within(
        'fonts ready',
        t,
        // A string: evaluated in the page (the service's TypeScript has no DOM types).
        page.evaluate('document.fonts.ready.then(() => true)'),
      );
      const pdf = await within(
        'print to PDF',
        t,
        page.pdf({
          // The template's CSS (@page size, margins, named landscape pages) decides; A4 only if it does not.
          format: 'A4',
          preferCSSPageSize: true,
          printBackground: true,
          // Untagged (the template contract): a tagged PDF has a structure element per table cell,
          // 20× the bytes and twice the print time for a large results table.
          tagged: false,
          displayHeaderFooter: Boolean(req.headerTemplate),
          headerTemplate: req.headerTemplate ?? '<span></span>',
          footerTemplate: '<span></span>',
          timeout: t,
        }),
      );
      gen.renders++;
      this.stats.renders++;
      printed = true;
      return Buffer.from(pdf);
    } finally {
      gen.inUse--;
      if (context && !gen.dead) await within('close context', t, context.close()).catch(() => undefined);
      // A shared page goes back only after a clean print (a failed one may be in any state).
      if (!context && page && !gen.dead) {
        if (printed && !gen.retiring) gen.idle.push(page);
        else await page.close().catch(() => undefined);
      }
      this.afterRender(gen);
    }
  }

  /** Retires a browser past its renders or memory; closes a retired one once its pages are done. */
  private afterRender(gen: Generation): void {
    if (!gen.retiring && !gen.dead) {
      const tooMany = gen.renders >= this.opts.restartAfter;
      const tooBig = gen.renders % 10 === 0 && this.chromiumRssOf(gen) > this.opts.maxRssMb;
      if (tooMany || tooBig) {
        gen.retiring = true;
        this.stats.recycled++;
        this.opts.logger.info({ renders: gen.renders, tooBig }, 'retiring Chromium');
        if (this.current === gen) this.current = undefined;
      }
    }
    if (gen.retiring && gen.inUse === 0) void this.close(gen);
  }

  private chromiumRssOf(gen: Generation): number {
    const rss = treeRssMb(gen.pid);
    if (rss > this.stats.peakChromiumRssMb) this.stats.peakChromiumRssMb = rss;
    return rss;
  }

  /** A crashed or hung browser: killed at once (its other pages fail and are retried too). */
  private replace(gen: Generation): void {
    if (gen.dead) {
      if (this.current === gen) this.current = undefined;
      return;
    }
    this.stats.replaced++;
    gen.dead = true;
    if (this.current === gen) this.current = undefined;
    this.kill(gen);
  }

  private kill(gen: Generation): void {
    gen.dead = true;
    this.all.delete(gen);
    try {
      gen.browser.process()?.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }

  private async close(gen: Generation): Promise<void> {
    if (!this.all.has(gen)) return;
    const spares = gen.spares.splice(0);
    await Promise.all(spares.map((p) => p.then((x) => x.context.close()).catch(() => undefined)));
    await within('close Chromium', 5000, gen.browser.close()).catch(() => undefined);
    this.kill(gen);
  }
}
