/** OpenAPI shapes of scoring's answers (deep structures are described, not spelled out). */
import { ApiProperty } from '@nestjs/swagger';
import { OBJECT } from '../http/api-models';
import {
  GroupYearStateView,
  HonourRuleView,
  HonoursScopeView,
  HonoursView,
  MemberScoresView,
  RankingScopeView,
  RankingView,
  SchemeBody,
  SchemeState,
  SchemeView,
  ScoreChangeView,
  SelfScoreSheetView,
  YearRankingView,
  ScoreEntryView,
  ScoreKind,
  TieBreakView,
} from '@tdkt/contracts';

export class SchemeResponse implements SchemeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() year: number;
  @ApiProperty() version: number;
  @ApiProperty({ enum: SchemeState }) state: SchemeState;
  @ApiProperty({ ...OBJECT, description: 'sections → criteria (any depth)' }) scheme: SchemeBody;
  @ApiProperty({ type: 'array', items: OBJECT }) tieBreaks: TieBreakView[];
  @ApiProperty(OBJECT) honours: HonourRuleView;
  @ApiProperty({ description: 'Every maximum plus every bonus cap' }) maximumTotal: number;
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) publishedAt: string | null;
}

export class ScoreEntryResponse implements ScoreEntryView {
  @ApiProperty() criterion: string;
  @ApiProperty({ type: Number, nullable: true }) selfValue: number | null;
  @ApiProperty() evidence: boolean;
  @ApiProperty({ type: Number, nullable: true }) appraisedValue: number | null;
  @ApiProperty({ enum: ScoreKind, nullable: true }) appraisedKind: ScoreKind | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() schemeVersion: number;
  @ApiProperty() updatedAt: string;
}

export class MemberScoresResponse implements MemberScoresView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() year: number;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() schemeVersion: number;
  @ApiProperty() locked: boolean;
  @ApiProperty({
    enum: ['ALL', 'OUTSIDE_BODY'],
    description:
      'ALL; OUTSIDE_BODY: an outside body before the lock sees only the criteria it scores (its value and the self-score), no totals',
  })
  scope: 'ALL' | 'OUTSIDE_BODY';
  @ApiProperty({ type: [ScoreEntryResponse] }) entries: ScoreEntryResponse[];
  @ApiProperty({ type: Number, nullable: true, description: 'null in the OUTSIDE_BODY view' }) selfTotal:
    number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null in the OUTSIDE_BODY view' }) total:
    number | null;
}

export class ScoreChangeResponse implements ScoreChangeView {
  @ApiProperty() id: string;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() criterion: string;
  @ApiProperty({ enum: ScoreKind }) kind: ScoreKind;
  @ApiProperty({ type: Number, nullable: true }) oldValue: number | null;
  @ApiProperty() newValue: number;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ example: 'CHAIR' }) authorRole: string;
  @ApiProperty() at: string;
}

export class GroupYearStateResponse implements GroupYearStateView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() year: number;
  @ApiProperty() locked: boolean;
  @ApiProperty({ type: 'array', items: OBJECT, description: 'LOCK / REOPEN with who, when and why' })
  history: GroupYearStateView['history'];
}

export class RankingResponse implements RankingView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() year: number;
  @ApiProperty() schemeVersion: number;
  @ApiProperty() locked: boolean;
  @ApiProperty({ type: 'array', items: OBJECT }) tieBreaks: TieBreakView[];
  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description:
      'Per group or subgroup: rows (rank, total, self-scored total, difference, tie, what put each ahead of the next, margin, per section and per criterion: self, final, points, difference) and the ties the rules cannot break',
  })
  scopes: RankingScopeView[];
}

export class HonoursResponse implements HonoursView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty() year: number;
  @ApiProperty() schemeVersion: number;
  @ApiProperty(OBJECT) rule: HonourRuleView;
  @ApiProperty({
    type: 'array',
    items: OBJECT,
    description:
      'Per group or subgroup: proposals with rationale (rank, total, margin, rule), undecided ties, members below the minimum',
  })
  scopes: HonoursScopeView[];
}

export class SelfScoreSheetResponse implements SelfScoreSheetView {
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() receiptNumber: string;
  @ApiProperty({ enum: ['IMPORTED', 'NO_SHEET', 'REJECTED'] }) status: SelfScoreSheetView['status'];
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
  @ApiProperty() entries: number;
  @ApiProperty() receivedAt: string;
}

export class YearRankingResponse implements YearRankingView {
  @ApiProperty() year: number;
  @ApiProperty() groupYears: number;
  @ApiProperty() members: number;
  @ApiProperty() unbrokenTies: number;
  @ApiProperty({ description: 'Time to read and rank them all, inside the service' }) rankedInMs: number;
  @ApiProperty({ type: 'array', items: OBJECT }) leaders: YearRankingView['leaders'];
  @ApiProperty() leadersTruncated: boolean;
}
