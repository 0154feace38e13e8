import type { Block, Doc } from './doc';
import { dash, h1, h2, h3, p } from './doc';
import { dateShort, dateWords, fileBase, groupShort, groupWords, inProse, pad2 } from './format';
import { renderDocx } from '../docx/render';
import { renderHtml } from './frame';
import type { DocumentTemplate } from './index';
import type {
  Conference,
  ConferencePlanData,
  Duty,
  GroupYear,
  ParticipantGroup,
  ProgrammeItem,
} from './model';

/**
 * 1. Kế hoạch tổ chức Hội nghị tổng kết (seed 000): I. purpose and requirements; II. participants,
 * place, time, content and programme of the preparatory and the official conference; III. funding;
 * IV. duties per unit (chair, vice-chair, members) with their dates. Wording is seed 000's, filled
 * with the group-year's facts; any part can be overridden by the data.
 */

const lc = (s: string) => (s.length > 0 ? s[0].toLowerCase() + s.slice(1) : s);

function honoursRule(d: ConferencePlanData): string {
  if (d.honoursRule) return d.honoursRule;
  const g = d.group;
  const one =
    'chọn 01 đơn vị dẫn đầu để đề nghị tặng Cờ thi đua của Chính phủ và 01 đơn vị có điểm thấp hơn liền kề để đề nghị tặng Bằng khen của Thủ tướng Chính phủ';
  if (g.subgroups.length === 0) return `${groupWords(g).group} ${one}`;
  return g.subgroups.map((s) => `${s.name} ${one}`).join('; ');
}

function defaultPurposes(d: ConferencePlanData): string[] {
  const y = d.group.year;
  const w = groupWords(d.group);
  return [
    `Đánh giá kết quả thực hiện các nội dung giao ước thi đua đã ký kết năm ${y}; đánh giá, chấm điểm, suy tôn các đơn vị dẫn đầu để đề nghị Chính phủ tặng "Cờ thi đua của Chính phủ" và "Bằng khen của Thủ tướng Chính phủ" năm ${y}.`,
    `Triển khai phương hướng nhiệm vụ, đề cử ${w.chair}, ${w.vice} và ký kết giao ước thi đua năm ${y + 1}.`,
    `Trao đổi, học tập kinh nghiệm trong công tác chỉ đạo, triển khai tổ chức thực hiện các phong trào thi đua; tiếp tục đổi mới, nâng cao chất lượng công tác khen thưởng, góp phần thực hiện thắng lợi các nhiệm vụ phát triển kinh tế - xã hội, đảm bảo quốc phòng, an ninh, xây dựng hệ thống chính trị vững mạnh của các đơn vị trong ${w.group}.`,
  ];
}

function defaultRequirements(d: ConferencePlanData): string[] {
  const y = d.group.year;
  const w = groupWords(d.group);
  return [
    `Việc tổ chức Hội nghị tổng kết giao ước thi đua năm ${y} của ${w.group} đảm bảo nội dung, trang trọng, tiết kiệm, hiệu quả.`,
    `Việc đánh giá, chấm điểm, suy tôn đảm bảo dân chủ, công bằng, khách quan, đúng quy chế của ${w.group} và quy định của pháp luật.`,
    `Các đơn vị trong ${w.group} chuẩn bị, triển khai thực hiện các nội dung đúng thời gian theo Kế hoạch.`,
  ];
}

function defaultParticipants(g: GroupYear, kind: Conference['kind']): ParticipantGroup[] {
  const w = groupWords(g);
  if (kind === 'PREPARATORY')
    return [
      {
        label:
          'Đại biểu Trung ương: Lãnh đạo Ban, lãnh đạo Phòng và công chức liên quan của Ban Thi đua - Khen thưởng Trung ương.',
        items: [],
      },
      {
        label: `Đại biểu các đơn vị trong ${w.group}:`,
        items: [
          'Lãnh đạo, công chức Văn phòng UBND các tỉnh phân công theo dõi công tác thi đua, khen thưởng.',
          `Lãnh đạo Sở Nội vụ, Ban (Phòng) Thi đua - Khen thưởng thuộc Sở Nội vụ các tỉnh trong ${w.group}.`,
        ],
      },
    ];
  return [
    {
      label: 'Đại biểu Trung ương:',
      items: [
        `Thường trực, Ủy viên Hội đồng Thi đua - Khen thưởng Trung ương phụ trách ${w.group};`,
        'Lãnh đạo Ban và đại diện các phòng, đơn vị liên quan của Ban Thi đua - Khen thưởng Trung ương.',
      ],
    },
    {
      label: `Đại biểu các đơn vị trong ${w.group}:`,
      items: [
        `Đại diện lãnh đạo UBND các tỉnh trong ${w.group}.`,
        `Đại diện Lãnh đạo Sở Nội vụ, Lãnh đạo Văn phòng UBND các tỉnh trong ${w.group}.`,
        `Lãnh đạo và chuyên viên của Ban (Phòng) Thi đua - Khen thưởng và công chức Văn phòng UBND các tỉnh phân công theo dõi công tác thi đua, khen thưởng trong ${w.group}.`,
      ],
    },
  ];
}

function defaultContent(d: ConferencePlanData, kind: Conference['kind']): string[] {
  const y = d.group.year;
  const w = groupWords(d.group);
  if (kind === 'PREPARATORY')
    return [
      'Họp thảo luận, thông qua chương trình, dự thảo các văn bản chuẩn bị cho nội dung hội nghị.',
      'Xem xét, rà soát bảng tự chấm điểm của từng đơn vị để thống nhất các nội dung của hội nghị và chấm điểm, bình xét, xếp thứ hạng thi đua.',
      `Rà soát các tiêu chí chấm điểm của năm ${y} để báo cáo tại Hội nghị tổng kết xem xét, quyết định.`,
    ];
  return [
    `Báo cáo kết quả thực hiện nhiệm vụ giao ước thi đua năm ${y} và phương hướng, nhiệm vụ năm ${y + 1} của ${w.group}.`,
    `Thông báo kết quả đánh giá, chấm điểm, xếp loại thi đua năm ${y} của các đơn vị thành viên, bình chọn, suy tôn đề nghị khen thưởng cho các đơn vị dẫn đầu trong ${w.group}.`,
    `Phát biểu chỉ đạo của ${d.group.organiser}.`,
    `Giới thiệu ${w.chair}, ${w.vice} năm ${y + 1}.`,
    `Phát động thi đua năm ${y + 1}.`,
    `Ký kết giao ước thi đua năm ${y + 1}.`,
  ];
}

function defaultProgramme(d: ConferencePlanData, kind: Conference['kind']): ProgrammeItem[] {
  const y = d.group.year;
  const w = groupWords(d.group);
  if (kind === 'PREPARATORY')
    return [
      'Tuyên bố lý do, giới thiệu đại biểu và chủ trì Hội nghị.',
      `Báo cáo tóm tắt dự thảo Báo cáo tổng kết thực hiện giao ước thi đua năm ${y} và phương hướng nhiệm vụ năm ${y + 1}.`,
      'Thảo luận.',
      `Thống nhất chấm điểm thi đua năm ${y} của các đơn vị trong ${w.group}; đánh giá, bình xét, suy tôn các đơn vị xuất sắc, dẫn đầu của ${w.group}: ${honoursRule(d)}.`,
      'Tổng hợp kết quả, báo cáo Thường trực Hội đồng Thi đua - Khen thưởng Trung ương, Ban Thi đua - Khen thưởng Trung ương trước khi diễn ra Hội nghị chính thức.',
      'Ý kiến của Lãnh đạo Ban Thi đua - Khen thưởng Trung ương.',
      `Tham gia góp ý dự thảo giao ước thi đua năm ${y + 1}.`,
      `Đề cử đơn vị ${w.chair}, ${w.vice} năm ${y + 1}.`,
      'Thống nhất Chương trình Hội nghị chính thức; phân công chủ trì, thư ký Hội nghị.',
      'Kết luận, bế mạc Hội nghị.',
    ].map((text) => ({ text }));
  return [
    'Đón tiếp đại biểu.',
    'Văn nghệ chào mừng.',
    'Tuyên bố lý do, giới thiệu đại biểu, thông qua chương trình làm việc.',
    'Phát biểu khai mạc.',
    `Phát biểu chào mừng của lãnh đạo ${d.official.host ?? (d.group.chair ? inProse(d.group.chair.name) : 'đơn vị đăng cai')}.`,
    `Báo cáo tình hình thực hiện giao ước thi đua năm ${y} và phương hướng nhiệm vụ năm ${y + 1}.`,
    `Thông báo kết quả đánh giá, chấm điểm, xếp loại thi đua năm ${y} của các đơn vị thành viên; bình chọn, suy tôn đề nghị khen thưởng cho các đơn vị dẫn đầu ${w.group}.`,
    'Hội nghị thảo luận.',
    `Phát biểu ý kiến chỉ đạo của ${d.group.organiser}.`,
    `Giới thiệu ${w.chair}, ${w.vice} năm ${y + 1}.`,
    `Phát biểu nhận nhiệm vụ của ${w.chair} và phát động thi đua năm ${y + 1}.`,
    `Ký kết giao ước thi đua năm ${y + 1}.`,
    'Bế mạc Hội nghị.',
  ].map((text) => ({ text }));
}

function when(c: Conference): string {
  if (c.date) {
    const day =
      c.endDate && c.endDate !== c.date
        ? `từ ${dateWords(c.date)} đến ${dateWords(c.endDate)}`
        : dateWords(c.date);
    return c.startTime ? `${c.startTime}, ${day}` : day[0].toUpperCase() + day.slice(1);
  }
  return c.timeText ?? 'Sẽ có thông báo cụ thể sau';
}

function conferenceBlocks(d: ConferencePlanData, c: Conference, n: number): Block[] {
  const y = d.group.year;
  const out: Block[] = [
    h2(
      c.kind === 'PREPARATORY'
        ? `${n}. Hội nghị trù bị`
        : `${n}. Hội nghị tổng kết giao ước thi đua năm ${y}`,
    ),
    h3('a) Thành phần'),
  ];
  for (const g of c.participants ?? defaultParticipants(d.group, c.kind)) {
    out.push(dash(g.label));
    for (const i of g.items) out.push(dash(i, '+'));
  }
  out.push(h3('b) Địa điểm, thời gian'));
  out.push(dash(`Địa điểm: ${c.place ?? 'Sẽ có thông báo cụ thể sau'}.`));
  out.push(dash(`Thời gian: ${when(c)}.`));
  // As planned in the registry (issue 15): the host and who chairs.
  if (c.chairs && c.chairs.length > 0) {
    if (c.host) out.push(dash(`Đơn vị đăng cai: ${c.host}.`));
    out.push(dash(`${c.chairs.length > 1 ? 'Đồng chủ trì' : 'Chủ trì'}: ${c.chairs.join('; ')}.`));
  }
  if (!c.date || !c.place) out.push(p('(Địa điểm và thời gian sẽ có Giấy mời cụ thể sau)'));
  const title = c.kind === 'PREPARATORY' ? 'Hội nghị trù bị' : 'Hội nghị tổng kết';
  out.push(h3(`c) Nội dung ${title}`));
  for (const i of c.content ?? defaultContent(d, c.kind)) out.push(dash(i));
  out.push(h3(`d) Chương trình ${title}`));
  for (const i of c.programme ?? defaultProgramme(d, c.kind))
    out.push(dash(`${i.time ? `${i.time}: ` : ''}${i.text}${i.by ? ` (${i.by})` : ''}`));
  return out;
}

function defaultDuties(d: ConferencePlanData): Duty[] {
  const g = d.group;
  const y = g.year;
  const w = groupWords(g);
  const selfScore = d.milestones.find((m) => /tự chấm/i.test(m.label));
  const duties: Duty[] = [];
  if (g.chair)
    duties.push({
      heading: `${g.chair.name} - Đơn vị ${w.chair}`,
      items: [
        `Tổng hợp, dự thảo báo cáo tổng kết thực hiện giao ước thi đua năm ${y} và phương hướng, nhiệm vụ năm ${y + 1} của ${w.group}.`,
        `Rà soát, tổng hợp kết quả chấm điểm các nội dung, tiêu chí thi đua năm ${y} của các đơn vị trong ${w.group}.`,
        'Liên hệ với Ban Thi đua - Khen thưởng Trung ương để thống nhất thời gian cụ thể tổ chức Hội nghị trù bị và Hội nghị chính thức.',
        'Chịu trách nhiệm kinh phí, chuẩn bị cơ sở vật chất, nội dung cần thiết để tổ chức Hội nghị.',
        'Xây dựng Kế hoạch đón tiếp đại biểu.',
        `Hoàn thiện hồ sơ đề nghị Thủ tướng Chính phủ khen thưởng cho các đơn vị trong ${w.group} được suy tôn, dẫn đầu năm ${y}.`,
        'Đồng chủ trì Hội nghị.',
      ],
    });
  if (g.viceChair)
    duties.push({
      heading: `${g.viceChair.name} - Đơn vị ${w.vice}`,
      items: [
        `Xây dựng dự thảo nội dung giao ước thi đua năm ${y + 1}, gửi lấy ý kiến các đơn vị trong ${w.group}.`,
        `Phối hợp với ${g.chair ? `${inProse(g.chair.name)} (đơn vị ${w.chair})` : `đơn vị ${w.chair}`} chuẩn bị nội dung tổ chức Hội nghị, bình chọn, xếp loại các đơn vị trong ${w.group}.`,
        `Chủ trì thực hiện nội dung ký kết giao ước thi đua năm ${y + 1}.`,
        'Đồng chủ trì Hội nghị.',
      ],
    });
  const deadline = selfScore?.date ? ` trước ngày ${dateShort(selfScore.date)}` : '';
  const to = d.submitTo ? ` (${d.submitTo})` : '';
  duties.push({
    heading: `Các đơn vị trong ${w.group}`,
    items: [
      `Xây dựng Báo cáo kết quả thực hiện giao ước thi đua năm ${y} và phương hướng, nhiệm vụ năm ${y + 1} của đơn vị mình (theo đề cương Báo cáo gửi kèm).`,
      `Tự chấm điểm các nội dung, tiêu chí đã đăng ký thi đua năm ${y} và tài liệu minh chứng (bản giấy có chữ ký, đóng dấu đỏ hoặc bản pdf có chữ ký điện tử) gửi về đơn vị ${w.chair}${to}${deadline}.`,
      'Cử đại biểu tham dự theo đúng thành phần Hội nghị.',
      `Các đơn vị được suy tôn, chọn để đề nghị khen thưởng lập báo cáo thành tích gửi về đơn vị ${w.chair} sau Hội nghị tổng kết ${pad2(d.dossierDays ?? 7)} ngày.`,
      ...d.milestones
        .filter((m) => m !== selfScore)
        .map(
          (m) =>
            `${m.label}${m.by ? ` (${lc(m.by)})` : ''}: ${m.date ? dateShort(m.date) : 'sẽ thông báo sau'}${m.note ? ` - ${m.note}` : ''}.`,
        ),
    ],
  });
  return duties;
}

export function conferencePlanDoc(d: ConferencePlanData): Doc {
  const g = d.group;
  const y = g.year;
  const w = groupWords(g);
  const summary = d.summary ?? `Tổ chức Hội nghị tổng kết thực hiện giao ước thi đua năm ${y} của ${g.name}`;
  const preamble =
    d.preamble ??
    `${w.chair} ${w.group} năm ${y}${g.chair ? ` (${inProse(g.chair.name)})` : ''} ban hành Kế hoạch tổ chức Hội nghị tổng kết thực hiện giao ước thi đua năm ${y} như sau:`;
  const body: Block[] = [
    p(preamble),
    h1('I. MỤC ĐÍCH, YÊU CẦU'),
    h2('1. Mục đích'),
    ...(d.purposes ?? defaultPurposes(d)).map((x) => dash(x)),
    h2('2. Yêu cầu'),
    ...(d.requirements ?? defaultRequirements(d)).map((x) => dash(x)),
    h1('II. THÀNH PHẦN, ĐỊA ĐIỂM, THỜI GIAN, NỘI DUNG VÀ CHƯƠNG TRÌNH HỘI NGHỊ'),
    ...conferenceBlocks(d, d.preparatory, 1),
    ...conferenceBlocks(d, d.official, 2),
    h1('III. KINH PHÍ'),
    p(d.funding ?? 'Kinh phí tổ chức, tham dự Hội nghị thực hiện theo quy định hiện hành của Nhà nước.'),
    h1('IV. TỔ CHỨC THỰC HIỆN'),
  ];
  (d.duties ?? defaultDuties(d)).forEach((duty, i) => {
    body.push(h2(`${i + 1}. ${duty.heading}`));
    for (const item of duty.items) body.push(dash(item));
  });
  body.push(
    p(
      `Trên đây là Kế hoạch tổ chức Hội nghị tổng kết thực hiện giao ước thi đua năm ${y} của ${g.name}, đề nghị các đơn vị trong ${w.group} phối hợp triển khai thực hiện./.`,
    ),
  );
  return {
    name: `Kế hoạch ${summary}`,
    orientation: 'portrait',
    head: d.head,
    kind: 'Kế hoạch',
    summary: [summary],
    bases: d.bases,
    body,
    closing: { recipients: d.recipients, signer: d.signer },
    appendices: [],
  };
}

export const conferencePlanTemplate: DocumentTemplate<ConferencePlanData> = {
  // 3: the host and who chairs, when planned (issue 15).
  version: '3',
  orientation: 'portrait',
  html: (d) => renderHtml(conferencePlanDoc(d)),
  docx: (d) => renderDocx(conferencePlanDoc(d)),
  fileName: (d) => fileBase('KH', d.head.number, 'HNTK', groupShort(d.group), d.group.year),
};
