import {
  mayFollowUpload,
  mayImportAggregate,
  mayImportRecords,
  mayImportRecordsOf,
  mayReadAnyGroupAwards,
  mayReadGroupAwards,
  mayReadNationalAwards,
} from '../access/awards';
import { Grant } from '../access/policy';

const board: Grant[] = [{ role: 'BOARD' }];
const kontum: Grant[] = [{ role: 'UNIT_OFFICER', unitId: 'kt' }];
const chair: Grant[] = [
  { role: 'UNIT_OFFICER', unitId: 'bd' },
  { role: 'CHAIR', groupId: 'g', year: 2023 },
];
const vice: Grant[] = [{ role: 'VICE_CHAIR', groupId: 'g', year: 2023 }];
const council: Grant[] = [{ role: 'COUNCIL_MEMBER', groupId: 'g' }];
const viewer: Grant[] = [{ role: 'VIEWER' }];
const refusal = (d: { allowed: boolean; refusal?: string }) => (d.allowed ? null : d.refusal);

describe('awards access policy', () => {
  it('records: the board for any unit, an officer for their own unit only', () => {
    expect(refusal(mayImportRecords(board, null))).toBeNull();
    expect(refusal(mayImportRecords(kontum, 'kt'))).toBeNull();
    expect(refusal(mayImportRecords(kontum, 'gl'))).toBe('RECORDS_IMPORT_REFUSED');
    expect(refusal(mayImportRecords(viewer, null))).toBe('RECORDS_IMPORT_REFUSED');
    expect(refusal(mayImportRecordsOf(board, null, ['kt', 'gl']))).toBeNull();
    expect(refusal(mayImportRecordsOf(kontum, 'kt', ['kt']))).toBeNull();
    expect(refusal(mayImportRecordsOf(kontum, 'kt', ['kt', 'gl']))).toBe('RECORDS_OTHER_UNIT_REFUSED');
    expect(refusal(mayImportRecordsOf(viewer, null, []))).toBe('RECORDS_IMPORT_REFUSED');
  });

  it('an upload is followed by whoever sent it, or the board', () => {
    expect(refusal(mayFollowUpload(kontum, 'me', { createdBy: 'me' }))).toBeNull();
    expect(refusal(mayFollowUpload(board, 'me', { createdBy: 'other' }))).toBeNull();
    expect(refusal(mayFollowUpload(kontum, 'me', { createdBy: 'other' }))).toBe('UPLOAD_FOLLOW_REFUSED');
  });

  it("a report's table: imported by the group's chair of that year, or the board", () => {
    expect(refusal(mayImportAggregate(chair, 'g', 2023))).toBeNull();
    expect(refusal(mayImportAggregate(board, 'g', 2019))).toBeNull();
    expect(refusal(mayImportAggregate(chair, 'g', 2024))).toBe('AGGREGATE_IMPORT_REFUSED');
    expect(refusal(mayImportAggregate(vice, 'g', 2023))).toBe('AGGREGATE_IMPORT_REFUSED');
    expect(refusal(mayImportAggregate(kontum, 'g', 2023))).toBe('AGGREGATE_IMPORT_REFUSED');
  });

  it("a group's statistics: its members' officers, leaders of that year, council members, the board", () => {
    const s = { groupId: 'g', year: 2023, memberUnitIds: ['kt', 'gl'] };
    for (const g of [board, kontum, chair, vice, council])
      expect(refusal(mayReadGroupAwards(g, s))).toBeNull();
    expect(refusal(mayReadGroupAwards(kontum, { ...s, memberUnitIds: ['gl'] }))).toBe(
      'AWARDS_GROUP_READ_REFUSED',
    );
    expect(refusal(mayReadGroupAwards(vice, { ...s, year: 2024, memberUnitIds: [] }))).toBe(
      'AWARDS_GROUP_READ_REFUSED',
    );
    expect(refusal(mayReadGroupAwards(viewer, s))).toBe('AWARDS_GROUP_READ_REFUSED');
    expect(refusal(mayReadAnyGroupAwards(viewer))).toBe('AWARDS_GROUP_READ_REFUSED');
    expect(refusal(mayReadAnyGroupAwards(council))).toBeNull();
  });

  it('the national table: the board', () => {
    expect(refusal(mayReadNationalAwards(board))).toBeNull();
    expect(refusal(mayReadNationalAwards(council))).toBe('AWARDS_NATIONAL_READ_REFUSED');
  });
});
