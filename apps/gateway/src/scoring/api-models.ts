/** OpenAPI shapes of scoring's answers, to the leaves (the scheme's unions as oneOf with a discriminator). */
import { ApiExtraModels, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { DateTime, Int, Uuid } from '../http/api-models';
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
  CriterionResultView,
  CriterionView,
  MethodView,
  RankingRowView,
  ScorerView,
  SectionView,
} from '@tdkt/contracts';

const ref = (name: string) => ({ $ref: getSchemaPath(name) });
const oneOf = (property: string, mapping: Record<string, string>) => ({
  oneOf: Object.values(mapping).map(ref),
  discriminator: {
    propertyName: property,
    mapping: Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, getSchemaPath(v)])),
  },
});

// ---------- the scheme ----------

export class MethodManual {
  @ApiProperty({ enum: ['MANUAL'], description: 'Điểm nhập trực tiếp (0 … max)' }) kind: 'MANUAL';
}
export class MethodTarget {
  @ApiProperty({
    enum: ['TARGET'],
    description: 'Đạt chỉ tiêu: tối đa khi đạt, tỷ lệ khi chưa, không dưới floor',
  })
  kind: 'TARGET';
  @ApiProperty() target: number;
  @ApiProperty() floor: number;
}
export class MethodRank {
  @ApiProperty({ enum: ['RANK'], description: 'Xếp thứ: cao nhất được tối đa, mỗi bậc sau bớt step' })
  kind: 'RANK';
  @ApiProperty() step: number;
  @ApiProperty({ required: false }) lowerIsBetter?: boolean;
}
export class MethodBonus {
  @ApiProperty({ enum: ['BONUS'], description: 'Điểm thưởng, tối đa cap, bắt buộc lý do' }) kind: 'BONUS';
  @ApiProperty() cap: number;
}
export class MethodPenalty {
  @ApiProperty({ enum: ['PENALTY'], description: 'Điểm trừ, tối đa cap, bắt buộc lý do' }) kind: 'PENALTY';
  @ApiProperty() cap: number;
}
const METHOD = oneOf('kind', {
  MANUAL: 'MethodManual',
  TARGET: 'MethodTarget',
  RANK: 'MethodRank',
  BONUS: 'MethodBonus',
  PENALTY: 'MethodPenalty',
});

export class ScorerMember {
  @ApiProperty({ enum: ['MEMBER'], description: 'Đơn vị tự chấm, Cụm trưởng/phó thẩm định' }) kind: 'MEMBER';
}
export class ScorerLeadership {
  @ApiProperty({ enum: ['LEADERSHIP'], description: 'Chỉ Cụm trưởng, Cụm phó chấm' }) kind: 'LEADERSHIP';
}
export class ScorerOutsideBody {
  @ApiProperty({
    enum: ['OUTSIDE_BODY'],
    description: 'Một cơ quan ngoài chấm (body: id đơn vị của cơ quan)',
  })
  kind: 'OUTSIDE_BODY';
  @ApiProperty({
    maxLength: 300,
    description:
      'The outside body: the id or code of its unit (whose officers enter the criterion), or its name',
  })
  body: string;
}
const SCORER = oneOf('kind', {
  MEMBER: 'ScorerMember',
  LEADERSHIP: 'ScorerLeadership',
  OUTSIDE_BODY: 'ScorerOutsideBody',
});

export class SchemeCriterion implements CriterionView {
  @ApiProperty({ enum: ['CRITERION'] }) type: 'CRITERION';
  @ApiProperty({ example: '1.1' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: 10 }) max: number;
  @ApiProperty(METHOD) method: MethodView;
  @ApiProperty(SCORER) scoredBy: ScorerView;
  @ApiProperty() evidenceRequired: boolean;
}

export class SchemeSection implements SectionView {
  @ApiProperty({ enum: ['SECTION'] }) type: 'SECTION';
  @ApiProperty({ example: 'I' }) code: string;
  @ApiProperty() title: string;
  @ApiProperty({
    type: 'array',
    items: oneOf('type', { SECTION: 'SchemeSection', CRITERION: 'SchemeCriterion' }),
    description: 'Mục con hoặc tiêu chí, sâu tùy ý',
  })
  children: (SectionView | CriterionView)[];
}

@ApiExtraModels(
  MethodManual,
  MethodTarget,
  MethodRank,
  MethodBonus,
  MethodPenalty,
  ScorerMember,
  ScorerLeadership,
  ScorerOutsideBody,
  SchemeCriterion,
  SchemeSection,
)
export class SchemeBodyModel implements SchemeBody {
  @ApiProperty({ type: [SchemeSection] }) sections: SchemeSection[];
}

export class TieBreakMoreAtMaximum {
  @ApiProperty({ enum: ['MORE_AT_MAXIMUM'], description: 'Nhiều tiêu chí đạt điểm tối đa hơn' })
  kind: 'MORE_AT_MAXIMUM';
}
export class TieBreakSection {
  @ApiProperty({ enum: ['SECTION'], description: 'Điểm của một mục cao hơn' }) kind: 'SECTION';
  @ApiProperty() section: string;
}
export class TieBreakCriterion {
  @ApiProperty({ enum: ['CRITERION'], description: 'Điểm của một tiêu chí cao hơn' }) kind: 'CRITERION';
  @ApiProperty() criterion: string;
}
const TIE_BREAKS = {
  type: 'array' as const,
  items: oneOf('kind', {
    MORE_AT_MAXIMUM: 'TieBreakMoreAtMaximum',
    SECTION: 'TieBreakSection',
    CRITERION: 'TieBreakCriterion',
  }),
  description: 'Áp dụng theo thứ tự khi bằng điểm; hòa không phân định được thì báo, không xếp',
};

export class HonourRuleAward {
  @ApiProperty({ example: 'CO-THI-DUA-CHINH-PHU' }) award: string;
  @ApiProperty(Int({ example: 1 })) places: number;
}

@ApiExtraModels(TieBreakMoreAtMaximum, TieBreakSection, TieBreakCriterion)
export class HonourRule implements HonourRuleView {
  @ApiProperty({ enum: ['GROUP', 'SUBGROUP'], enumName: 'RankingScope' }) scope: 'GROUP' | 'SUBGROUP';
  @ApiProperty({ type: [HonourRuleAward] }) awards: HonourRuleAward[];
  @ApiProperty({ type: Number, nullable: true, required: false }) minimumTotal?: number | null;
}

export class SchemeResponse implements SchemeView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty(Int()) version: number;
  @ApiProperty({ enum: SchemeState }) state: SchemeState;
  @ApiProperty({ type: SchemeBodyModel, description: 'sections → criteria (any depth)' }) scheme: SchemeBody;
  @ApiProperty(TIE_BREAKS) tieBreaks: TieBreakView[];
  @ApiProperty({ type: HonourRule }) honours: HonourRuleView;
  @ApiProperty({ description: 'Every maximum plus every bonus cap' }) maximumTotal: number;
  @ApiProperty(DateTime()) createdAt: string;
  @ApiProperty(DateTime({ nullable: true })) publishedAt: string | null;
}

export class ScoreEntryResponse implements ScoreEntryView {
  @ApiProperty() criterion: string;
  @ApiProperty({ type: Number, nullable: true }) selfValue: number | null;
  @ApiProperty() evidence: boolean;
  @ApiProperty({ type: Number, nullable: true }) appraisedValue: number | null;
  @ApiProperty({ enum: ScoreKind, nullable: true }) appraisedKind: ScoreKind | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty(Int()) schemeVersion: number;
  @ApiProperty(DateTime()) updatedAt: string;
}

export class MemberScoresResponse implements MemberScoresView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty(Int()) schemeVersion: number;
  @ApiProperty() locked: boolean;
  @ApiProperty({
    enum: ['ALL', 'OUTSIDE_BODY'],
    enumName: 'ScoresScope',
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
  @ApiProperty(DateTime()) at: string;
}

export class ScoringEventResponse {
  @ApiProperty({ enum: ['LOCK', 'REOPEN'] }) action: 'LOCK' | 'REOPEN';
  @ApiProperty(Uuid({ description: 'The user' })) by: string;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty(DateTime()) at: string;
}

export class CriterionResultResponse implements CriterionResultView {
  @ApiProperty() criterion: string;
  @ApiProperty({ type: Number, nullable: true }) self: number | null;
  @ApiProperty({ type: Number, nullable: true }) final: number | null;
  @ApiProperty() points: number;
  @ApiProperty() selfPoints: number;
  @ApiProperty({ description: 'Appraised points minus self-scored points' }) difference: number;
}

export class RankingRowResponse implements RankingRowView {
  @ApiProperty(Uuid()) memberId: string;
  @ApiProperty() unitName: string;
  @ApiProperty(Int()) rank: number;
  @ApiProperty() total: number;
  @ApiProperty() selfTotal: number;
  @ApiProperty() difference: number;
  @ApiProperty() tied: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'What put it ahead of the next row' })
  aheadOfNextBy: string | null;
  @ApiProperty({ type: Number, nullable: true }) margin: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: 'Points per section, by section code',
  })
  bySection: Record<string, number>;
  @ApiProperty({ type: [CriterionResultResponse] }) criteria: CriterionResultResponse[];
}

export class RankingScopeResponse implements RankingScopeView {
  @ApiProperty(Uuid({ nullable: true, description: 'null: the whole group' })) subgroupId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: [RankingRowResponse] }) rows: RankingRowResponse[];
  @ApiProperty({
    type: 'array',
    items: { type: 'array', items: { type: 'string', format: 'uuid' } },
    description: 'Members (ids) the rules cannot separate',
  })
  ties: string[][];
}

export class RankingPageResponse {
  @ApiProperty(Int()) offset: number;
  @ApiProperty(Int()) limit: number;
  @ApiProperty(Int()) total: number;
  @ApiProperty(Int({ nullable: true, description: 'null on the last page' })) nextOffset: number | null;
}

export class HonourProposalResponse {
  @ApiProperty() award: string;
  @ApiProperty(Uuid()) memberId: string;
  @ApiProperty() unitName: string;
  @ApiProperty(Int()) rank: number;
  @ApiProperty() total: number;
  @ApiProperty({ type: Number, nullable: true }) margin: number | null;
  @ApiProperty() rationale: string;
}

export class HonourUndecidedResponse {
  @ApiProperty() award: string;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } }) candidates: string[];
  @ApiProperty() reason: string;
}

export class HonoursScopeResponse implements HonoursScopeView {
  @ApiProperty(Uuid({ nullable: true, description: 'null: the whole group' })) subgroupId: string | null;
  @ApiProperty() name: string;
  @ApiProperty({ type: [HonourProposalResponse] }) proposals: HonourProposalResponse[];
  @ApiProperty({ type: [HonourUndecidedResponse] }) undecided: HonourUndecidedResponse[];
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } }) belowMinimum: string[];
}

export class YearLeaderResponse {
  @ApiProperty(Uuid()) groupId: string;
  @ApiProperty({ type: 'array', items: { type: 'string', format: 'uuid' } }) memberIds: string[];
  @ApiProperty() total: number;
}

export class GroupYearStateResponse implements GroupYearStateView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty() locked: boolean;
  @ApiProperty({ type: [ScoringEventResponse], description: 'LOCK / REOPEN with who, when and why' })
  history: ScoringEventResponse[];
}

export class RankingResponse implements RankingView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty(Int()) schemeVersion: number;
  @ApiProperty() locked: boolean;
  @ApiProperty(TIE_BREAKS) tieBreaks: TieBreakView[];
  @ApiProperty({
    type: [RankingScopeResponse],
    description:
      'Per group or subgroup: rows (rank, total, self-scored total, difference, tie, what put each ahead of the next, margin, per section and per criterion: self, final, points, difference) and the ties the rules cannot break',
  })
  scopes: RankingScopeResponse[];
  @ApiProperty({
    type: RankingPageResponse,
    required: false,
    description: 'Only when paged (limit asked): which rows of the whole ranking these are',
  })
  page?: RankingPageResponse;
}

export class HonoursResponse implements HonoursView {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty(Int()) year: number;
  @ApiProperty(Int()) schemeVersion: number;
  @ApiProperty({ type: HonourRule }) rule: HonourRuleView;
  @ApiProperty({
    type: [HonoursScopeResponse],
    description:
      'Per group or subgroup: proposals with rationale (rank, total, margin, rule), undecided ties, members below the minimum',
  })
  scopes: HonoursScopeResponse[];
}

export class SelfScoreSheetResponse implements SelfScoreSheetView {
  @ApiProperty({ format: 'uuid' }) submissionId: string;
  @ApiProperty(Int()) version: number;
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty() receiptNumber: string;
  @ApiProperty({ enum: ['IMPORTED', 'NO_SHEET', 'REJECTED'], enumName: 'SelfScoreSheetStatus' })
  status: SelfScoreSheetView['status'];
  @ApiProperty({ type: String, nullable: true }) detail: string | null;
  @ApiProperty(Int()) entries: number;
  @ApiProperty(DateTime()) receivedAt: string;
}

export class YearRankingResponse implements YearRankingView {
  @ApiProperty(Int()) year: number;
  @ApiProperty(Int()) groupYears: number;
  @ApiProperty(Int()) members: number;
  @ApiProperty(Int()) unbrokenTies: number;
  @ApiProperty({ description: 'Time to read and rank them all, inside the service' }) rankedInMs: number;
  @ApiProperty({ type: [YearLeaderResponse] }) leaders: YearLeaderResponse[];
  @ApiProperty() leadersTruncated: boolean;
}
