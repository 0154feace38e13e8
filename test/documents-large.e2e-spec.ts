/**
 * THE LARGE CASE (issue 13, Bad input: "a group with 10,000 members — paginated tables, not a
 * crash or a timeout"). A group-year of LARGE_MEMBERS members (10,000 by default) is written
 * straight into this test's own database (registry rows by SQL: test data only), its points table
 * published through the gateway, and its scoring results table rendered through the documents
 * service: the registry's members and scoring's ranking are read page by page (each reply under
 * NATS max_payload), the render's step bound grows with the rows, and the PDF holds every
 * member's name on a sensible number of pages. Durations are never asserted (a loaded machine).
 */
import 'reflect-metadata';
import { DocumentType } from '@tdkt/contracts';
import { expectEventually } from '@tdkt/testing';
import { Client } from 'pg';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadBytes, must, SCHEME } from './support/documents';
import { http, login, startTestSystem, TestSystem } from './support/system';

/* eslint-disable @typescript-eslint/no-explicit-any */
const MEMBERS = Number(process.env.LARGE_MEMBERS ?? 10_000);
const CODE = 'cum-thu-nghiem-lon';
const YEAR = 2023;
const nameOf = (i: number) => `Đơn vị thử ${String(i).padStart(5, '0')}`;

describe('documents: the large case — a group-year of 10,000 members', () => {
  let sys: TestSystem;
  let board: string;

  beforeAll(async () => {
    sys = await startTestSystem({ with: ['scoring', 'awards', 'documents'] });
    board = await login(sys, 'board');
    // Test data only: the group, two subgroups, the units and their memberships of the year, in
    // four statements (the registry has no bulk import of 10,000 units).
    const pg = new Client({ connectionString: sys.db.url });
    await pg.connect();
    try {
      const [g] = (
        await pg.query(
          `INSERT INTO registry.groups (code, name, name_search, kind, organiser_kind)
           VALUES ($1, 'Cụm thi đua thử nghiệm lớn', 'cum thi dua thu nghiem lon', 'CLUSTER', 'CENTRAL_COUNCIL')
           RETURNING id`,
          [CODE],
        )
      ).rows;
      await pg.query(
        `INSERT INTO registry.subgroups (group_id, code, name)
         VALUES ($1, 'nhom-1', 'Nhóm thứ nhất'), ($1, 'nhom-2', 'Nhóm thứ hai')`,
        [g.id],
      );
      await pg.query(
        `INSERT INTO registry.units (code, name, name_search, kind)
         SELECT 'thu-' || lpad(i::text, 5, '0'), 'Đơn vị thử ' || lpad(i::text, 5, '0'),
                'don vi thu ' || lpad(i::text, 5, '0'), 'PROVINCE'
         FROM generate_series(1, $1::int) i`,
        [MEMBERS],
      );
      await pg.query(
        `INSERT INTO registry.memberships (group_id, unit_id, subgroup_id, valid_from)
         SELECT $1, u.id, s.id, '${YEAR}-01-01'
         FROM registry.units u
         JOIN registry.subgroups s ON s.group_id = $1
           AND s.code = CASE WHEN substr(u.code, 5)::int % 2 = 1 THEN 'nhom-1' ELSE 'nhom-2' END
         WHERE u.code LIKE 'thu-%'`,
        [g.id],
      );
    } finally {
      await pg.end();
    }
    const base = `/api/v1/groups/${CODE}/years/${YEAR}`;
    // Scoring's first read of 10,000 members (10 pages from the registry) takes longer than this
    // suite's gateway bound (RPC_TIMEOUT_MS 1000): asked again until its directory holds them.
    await expectEventually(
      async () => {
        const put = await http(sys, 'PUT', `${base}/scheme`, { token: board, body: { scheme: SCHEME } });
        expect(put.status).toBe(200);
      },
      120_000,
      1000,
    );
    await must(
      'publish',
      http(sys, 'POST', `${base}/scheme/publish`, {
        token: board,
        body: { withoutSignatures: true, reason: 'Nhóm thử 10.000 đơn vị, không qua ký kết' },
      }),
    );
  }, 180_000);

  afterAll(async () => {
    await sys?.stop();
  }, 120_000);

  /** Renders through the gateway, follows the job (bounded, generously) and reads the PDF with poppler. */
  async function renderLarge(type: DocumentType) {
    const r = await http<any>(sys, 'POST', '/api/v1/documents', {
      token: board,
      body: { type, groupId: CODE, year: YEAR, wait: 5 },
    });
    expect([200, 201, 202]).toContain(r.status);
    let job = r.body;
    const stages = new Set<string>([job.stage]);
    await expectEventually(
      async () => {
        job = (await http<any>(sys, 'GET', `/api/v1/documents/jobs/${r.body.id}`, { token: board })).body;
        stages.add(job.stage);
        expect(['DONE', 'FAILED']).toContain(job.state);
      },
      900_000,
      1000,
    );
    expect(job.error).toBeNull();
    expect([job.state, job.stage]).toEqual(['DONE', 'DONE']);
    const { bytes } = await downloadBytes(sys, board, job.document.id);
    // poppler directly (the format suite's readPdf also reads every word's box: not needed here).
    const file = join(mkdtempSync(join(tmpdir(), 'large-')), `${type}.pdf`);
    writeFileSync(file, bytes);
    const run = (cmd: string, args: string[]) =>
      execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const text = run('pdftotext', ['-enc', 'UTF-8', file, '-']).normalize('NFC');
    const pages = Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [file]))?.[1]);
    const names = new Set(text.match(/Đơn vị thử \d{5}/g) ?? []);
    console.log(
      `large case: ${type}, ${MEMBERS} members → ${pages} pages, ${bytes.length} bytes; stages seen: ${[...stages].join(', ')}`,
    );
    return { pages, names };
  }

  it(`the results table of ${MEMBERS} members renders with every name, on paginated pages`, async () => {
    const { pages, names } = await renderLarge(DocumentType.RESULTS_TABLE);
    expect(names.size).toBe(MEMBERS);
    expect(names.has(nameOf(1))).toBe(true);
    expect(names.has(nameOf(MEMBERS))).toBe(true);
    // Paginated: tens of rows a page (the scores and the ranking tables), not one endless page.
    expect(pages).toBeGreaterThan(MEMBERS / 60);
    expect(pages).toBeLessThan(MEMBERS / 5);
  }, 1_000_000);

  it(`the group report of ${MEMBERS} members (its awards appendix a column per member) renders with every name`, async () => {
    const { pages, names } = await renderLarge(DocumentType.GROUP_REPORT);
    expect(names.size).toBe(MEMBERS);
    expect(pages).toBeGreaterThan(MEMBERS / 60);
  }, 1_000_000);
});
