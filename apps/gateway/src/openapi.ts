import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemResponse } from './http/api-models';

const WRITES = new Set(['post', 'put', 'patch', 'delete']);

interface Operation {
  responses?: Record<string, unknown>;
  parameters?: { name: string; in: string; [k: string]: unknown }[];
}

/** The OpenAPI document, generated from the code. A checked-in copy (openapi.json) is kept fresh by CI. */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('TĐKT — API nền tảng thi đua, khen thưởng')
    .setDescription(
      'REST API cho các nhóm giao diện. Đăng nhập tại POST /api/v1/auth/login, gửi token trong ' +
        'header Authorization: Bearer. Lỗi trả về application/problem+json (RFC 7807) với `errors[].field`.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const doc = SwaggerModule.createDocument(app, config, { extraModels: [ProblemResponse] });
  const problemRef = { $ref: '#/components/schemas/ProblemResponse' };
  const problem = (description: string) => ({
    description,
    content: { 'application/problem+json': { schema: problemRef } },
  });
  for (const [route, path] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(path) as [string, Operation][]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      for (const status of ['400', '401', '403', '404', '409', '504'])
        op.responses[status] ??= problem('Problem (RFC 7807)');
      op.responses['413'] ??= problem('Nội dung yêu cầu (hoặc kết quả) quá lớn');
      op.responses['503'] ??= {
        ...problem('Dịch vụ tạm thời không sẵn sàng; thử lại sau số giây trong Retry-After'),
        headers: {
          'Retry-After': { description: 'Số giây nên chờ trước khi thử lại', schema: { type: 'integer' } },
        },
      };
      if (!WRITES.has(method) || route.endsWith('/auth/login')) continue;
      op.parameters ??= [];
      if (!op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key'))
        op.parameters.push({
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          description:
            'Khóa chống ghi trùng (8–128 ký tự A-Z a-z 0-9 . _ : -). Gửi lại cùng khóa sau lỗi 503/504 hoặc mất ' +
            'kết nối: trả lại đúng kết quả lần đầu, không ghi lần hai. Khóa của mỗi người dùng, giữ 24 giờ.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,128}$' },
        });
      op.responses['422'] ??= problem(
        'Nội dung không đạt yêu cầu, hoặc Idempotency-Key đã dùng cho yêu cầu khác',
      );
    }
  }
  return doc;
}
