import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ImportAggregateDto, StatisticsQuery } from './awards';
import { isCalendarDate, isWellFormedText, PageQuery } from './common';
import { GrantDto } from './intake/dto';
import {
  CreateUnitDto,
  MembersQuery,
  UpdateGroupDto,
  UpdateMembershipDto,
  UpdateUnitDto,
} from './registry/dto';
import { PutSchemeDto, SchemeGetRequest } from './scoring/dto';

/** The offending fields' paths (`a.b[0].c`), as the pipes name them. */
function problems(cls: new () => object, plain: object): string[] {
  const out: string[] = [];
  const walk = (errors: ValidationError[], parent: string) => {
    for (const e of errors) {
      const field = !parent
        ? e.property
        : /^\d+$/.test(e.property)
          ? `${parent}[${e.property}]`
          : `${parent}.${e.property}`;
      if (e.constraints) out.push(field);
      walk(e.children ?? [], field);
    }
  };
  walk(validateSync(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true }), '');
  return out;
}

describe('calendar dates', () => {
  it('are real days of 1900–2100 in YYYY-MM-DD', () => {
    for (const ok of ['2024-02-29', '1900-01-01', '2100-12-31', '2023-12-31'])
      expect(isCalendarDate(ok)).toBe(true);
    for (const bad of [
      '2023-02-29',
      '2023-02-30',
      '2023-13-01',
      '2023-00-10',
      '2023-04-31',
      '0000-01-01',
      '1899-12-31',
      '2101-01-01',
      '9999-12-31',
      '2023-1-01',
      '31/12/2023',
      '2023-01-01T00:00:00Z',
      20230101,
      null,
    ])
      expect(isCalendarDate(bad)).toBe(false);
  });

  it('are checked wherever a contract takes one', () => {
    expect(problems(CreateUnitDto, { code: 'x', name: 'X', kind: 'OTHER', validFrom: '2023-02-30' })).toEqual(
      ['validFrom'],
    );
    expect(problems(StatisticsQuery, { from: '0000-01-01', to: '2023-13-01' })).toEqual(['from', 'to']);
    expect(problems(MembersQuery, { on: '2023-02-30' })).toEqual(['on']);
  });
});

describe('integers are bounded by their columns', () => {
  it('a page: limit up to the page size, offset up to int4', () => {
    expect(problems(PageQuery, { offset: '99999999999999999999' })).toEqual(['offset']);
    expect(problems(PageQuery, { offset: '2147483648' })).toEqual(['offset']);
    expect(problems(PageQuery, { offset: '2147483647', limit: '500' })).toEqual([]);
    expect(problems(PageQuery, { limit: '501' })).toEqual(['limit']);
  });

  it('years 1900–2100, versions up to int4', () => {
    expect(problems(MembersQuery, { year: '99999999999' })).toEqual(['year']);
    expect(problems(MembersQuery, { year: '1899' })).toEqual(['year']);
    expect(problems(MembersQuery, { year: '2100' })).toEqual([]);
    const actor = { userId: '00000000-0000-4000-8000-000000000000', roles: [] };
    expect(problems(SchemeGetRequest, { actor, groupId: 'g', year: 2023, version: 2 ** 31 })).toEqual([
      'version',
    ]);
    expect(problems(GrantDto, { role: 'CHAIR', year: 1e12 })).toEqual(['year']);
  });
});

describe('text', () => {
  it('refuses a lone surrogate, naming the field, and keeps pairs', () => {
    expect(isWellFormedText('Đắk Lắk 😀')).toBe(true);
    expect(isWellFormedText('a\ud800b')).toBe(false);
    expect(isWellFormedText('\udc00')).toBe(false);
    expect(problems(CreateUnitDto, { code: 'x', name: 'Sở \ud800', kind: 'OTHER' })).toEqual(['name']);
    expect(problems(UpdateUnitDto, { name: '\ud800' })).toEqual(['name']);
  });

  it('required text is not blank', () => {
    expect(problems(CreateUnitDto, { code: 'x', name: '   ', kind: 'OTHER' })).toEqual(['name']);
    expect(problems(UpdateGroupDto, { name: '\t' })).toEqual(['name']);
  });

  it('is stored in NFC (normalised before it is measured)', () => {
    const dto = plainToInstance(CreateUnitDto, {
      code: 'x',
      name: 'Đắk Lắk'.normalize('NFD'),
      kind: 'OTHER',
    });
    expect(dto.name).toBe('Đắk Lắk'.normalize('NFC'));
  });
});

describe('patches', () => {
  it('may leave a field out, but not set a required one to null', () => {
    expect(problems(UpdateUnitDto, {})).toEqual([]);
    expect(problems(UpdateUnitDto, { name: null })).toEqual(['name']);
    expect(problems(UpdateUnitDto, { kind: null })).toEqual(['kind']);
    expect(problems(UpdateGroupDto, { name: null })).toEqual(['name']);
    // null clears what may be cleared
    expect(problems(UpdateUnitDto, { validTo: null })).toEqual([]);
    expect(problems(UpdateGroupDto, { validTo: null })).toEqual([]);
    expect(problems(UpdateMembershipDto, { validTo: null, subgroupId: null })).toEqual([]);
  });
});

describe('nested rules of a scheme', () => {
  it('names the bad leaf of the tie-break and honour rules', () => {
    const scheme = { sections: [] };
    expect(problems(PutSchemeDto, { scheme, tieBreaks: [{ kind: 'SECTION', section: 5 }] })).toEqual([
      'tieBreaks[0].section',
    ]);
    expect(problems(PutSchemeDto, { scheme, tieBreaks: [null] })).toEqual(['tieBreaks', 'tieBreaks[0]']);
    // A list inside the list is not an object either (ValidateNested alone would let it through).
    expect(problems(PutSchemeDto, { scheme, tieBreaks: [[]] })).toEqual(['tieBreaks']);
    expect(
      problems(PutSchemeDto, {
        scheme,
        honours: { scope: 'GROUP', awards: [{ award: 'GOVERNMENT_FLAG', places: 'one' }] },
      }),
    ).toEqual(['honours.awards[0].places']);
    expect(problems(PutSchemeDto, { scheme: 'abc' })).toEqual(['scheme']);
  });
});

describe('aggregate tables', () => {
  it('cells are numbers or null, of a sane size', () => {
    const body = { from: '2023-01-01', to: '2023-06-30', units: ['A'], rows: [] as unknown[] };
    const row = (counts: unknown[]) => ({
      ...body,
      rows: [{ award: 'Giấy khen', counts, reportedTotal: 1 }],
    });
    expect(problems(ImportAggregateDto, row([1]))).toEqual([]);
    expect(problems(ImportAggregateDto, row([null]))).toEqual([]);
    expect(problems(ImportAggregateDto, row([-3]))).toEqual([]); // refused by the domain, with its message
    expect(problems(ImportAggregateDto, row(['A'.repeat(1000)]))).toEqual(['rows[0].counts']);
    expect(problems(ImportAggregateDto, row([1e300]))).toEqual(['rows[0].counts']);
    expect(problems(ImportAggregateDto, { ...body, rows: [[], ...row([1]).rows] })).toEqual(['rows']);
    expect(problems(ImportAggregateDto, { ...body, units: ['x'.repeat(201)], rows: row([1]).rows })).toEqual([
      'units',
    ]);
  });
});
