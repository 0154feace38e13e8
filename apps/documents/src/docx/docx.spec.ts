import { DocumentType } from '@tdkt/domain';
import { TEMPLATES, type DocumentTemplate } from '../templates';
import { SAMPLE_GROUP, SAMPLES } from '../templates/samples';
import { unzip, wordText } from './unzip';

/** Every template's Word draft: a real .docx (a zip with word/document.xml) with the document's texts and layout. */

const render = (type: DocumentType, data?: unknown) =>
  (TEMPLATES[type] as DocumentTemplate<unknown>).docx(data ?? SAMPLES[type]);

async function open(type: DocumentType, data?: unknown) {
  const buf = await render(type, data);
  expect(buf.subarray(0, 2).toString()).toBe('PK');
  const files = unzip(buf);
  const xml = files.get('word/document.xml')?.toString('utf8') ?? '';
  return { files, xml, text: wordText(xml) };
}

const KIND: Record<DocumentType, string> = {
  [DocumentType.CONFERENCE_PLAN]: 'KẾ HOẠCH',
  [DocumentType.GROUP_REPORT]: 'BÁO CÁO',
  [DocumentType.MINUTES]: 'BIÊN BẢN',
  [DocumentType.INVITATION]: 'GIẤY MỜI',
  [DocumentType.PROPOSAL]: 'TỜ TRÌNH',
  [DocumentType.RECEIPT]: 'PHIẾU TIẾP NHẬN HỒ SƠ',
  [DocumentType.RESULTS_TABLE]: 'BẢNG TỔNG HỢP',
};

describe('Word drafts', () => {
  it.each(Object.values(DocumentType))(
    '%s opens as a .docx with the Decree 30 header, its kind and signer',
    async (type) => {
      const { files, xml, text } = await open(type);
      expect(files.has('[Content_Types].xml')).toBe(true);
      expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
      expect(text).toContain('Độc lập - Tự do - Hạnh phúc');
      expect(text).toContain('CỤM THI ĐUA CÁC TỈNH TÂY NGUYÊN VÀ DUYÊN HẢI MIỀN TRUNG');
      expect(text).toContain(KIND[type]);
      // A4 with Decree 30 margins (left 30 mm = 1701 twips, right 15 mm = 850).
      expect(xml).toMatch(/<w:pgSz w:w="(11906|16838)" w:h="(16838|11906)"/);
      expect(xml).toContain('w:left="1701"');
      expect(xml).toContain('w:right="850"');
      // Page numbers from page 2: a different first page, a PAGE field in the default header.
      expect(xml).toContain('<w:titlePg');
      const headers = [...files.keys()].filter((k) => /^word\/header\d+\.xml$/.test(k));
      expect(headers.some((h) => /PAGE/.test(files.get(h)!.toString('utf8')))).toBe(true);
      expect(files.get('word/styles.xml')!.toString('utf8')).toContain('Times New Roman');
    },
  );

  it('the plan carries seed 000 structure, the chair and the signer', async () => {
    const { text } = await open(DocumentType.CONFERENCE_PLAN);
    for (const s of [
      'Số: 214/KH-CTĐTN&DHMT',
      'Bình Định, ngày 04 tháng 12 năm 2023',
      'I. MỤC ĐÍCH, YÊU CẦU',
      'II. THÀNH PHẦN, ĐỊA ĐIỂM, THỜI GIAN, NỘI DUNG VÀ CHƯƠNG TRÌNH HỘI NGHỊ',
      'III. KINH PHÍ',
      'IV. TỔ CHỨC THỰC HIỆN',
      '1. Tỉnh Bình Định - Đơn vị Cụm trưởng',
      '2. Tỉnh Lâm Đồng - Đơn vị Cụm phó',
      'TM. CỤM THI ĐUA',
      'CỤM TRƯỞNG',
      'Phạm Anh Tuấn',
      'Nơi nhận:',
      '- Lưu: VT, K2.',
    ])
      expect(text).toContain(s);
    expect(text).toContain('05/02/2024');
  });

  it('the report has its appendix in a landscape section with every province and the seed totals', async () => {
    const { xml, text } = await open(DocumentType.GROUP_REPORT);
    expect(xml).toContain('w:orient="landscape"');
    for (const m of SAMPLE_GROUP.members) expect(text).toContain(m.name);
    for (const s of [
      'KẾT QUẢ KHEN THƯỞNG 6 THÁNG ĐẦU NĂM 2023',
      'Huân chương Hữu nghị',
      'Huy hiệu của tỉnh',
      '9.509',
      '1.527',
    ])
      expect(text).toContain(s);
    // The appendix is numbered on its own.
    expect(xml).toContain('w:start="1"');
  });

  it('the receipt lists every file with its size and SHA-256, and the verification code', async () => {
    const data = SAMPLES[DocumentType.RECEIPT];
    const { text } = await open(DocumentType.RECEIPT);
    for (const f of data.files) {
      expect(text).toContain(f.name);
      expect(text).toContain(f.sha256);
    }
    expect(text).toContain('14 giờ 05 phút 09 giây, ngày 04/02/2024');
    expect(text).toContain(data.verificationCode);
    expect(text).toContain(data.verifyUrl);
  });

  it('the minutes have the agreed scores, the undecided tie and both signatures', async () => {
    const { text } = await open(DocumentType.MINUTES);
    for (const s of [
      'THƯ KÝ',
      'CHỦ TRÌ',
      'Nguyễn Thị Thu Hà',
      'Lâm Hải Giang',
      'Khánh Hòa, Quảng Nam',
      'Cụm trưởng: Tỉnh Lâm Đồng',
    ])
      expect(text).toContain(s);
  });

  it('markup in the data is text in Word too', async () => {
    const data = structuredClone(SAMPLES[DocumentType.INVITATION]);
    data.addressee = '<script>alert(1)</script> & "x"';
    const { xml, text } = await open(DocumentType.INVITATION, data);
    expect(text).toContain('<script>alert(1)</script> & "x"');
    expect(xml).not.toContain('<script>');
  });
});
