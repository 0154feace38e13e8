import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ProblemResponse } from './http/api-models';

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
  for (const path of Object.values(doc.paths)) {
    for (const op of Object.values(path) as { responses?: Record<string, unknown> }[]) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      for (const status of ['400', '401', '403', '404', '409', '503', '504']) {
        op.responses[status] ??= {
          description: 'Problem (RFC 7807)',
          content: { 'application/problem+json': { schema: problemRef } },
        };
      }
    }
  }
  return doc;
}
