import { Client } from 'minio';
import { presignV4 } from './presign';

const creds = {
  accessKey: 'AKIDEXAMPLE',
  secretKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};

describe('presignV4', () => {
  it('signs like the minio client when only the host is signed', async () => {
    const now = new Date('2026-11-24T10:20:30.123Z');
    const key = 'submissions/3f1c/Hồ sơ (bản 2)!.pdf';
    const client = new Client({
      endPoint: '127.0.0.1',
      port: 9000,
      useSSL: false,
      pathStyle: true,
      ...creds,
    });
    const theirs = await client.presignedUrl('PUT', 'evidence', key, 900, {}, now);
    const ours = presignV4({
      method: 'PUT',
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'evidence',
      key,
      expiresIn: 900,
      now,
      ...creds,
    });
    const sig = (u: string) => new URL(u).searchParams.get('X-Amz-Signature');
    expect(new URL(ours.url).pathname).toBe(new URL(theirs).pathname);
    expect(sig(ours.url)).toBe(sig(theirs));
    expect(ours.headers).toEqual({});
  });

  it('binds the content type and the exact size: another value makes another signature', () => {
    const base = {
      method: 'PUT' as const,
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'evidence',
      key: 'k',
      expiresIn: 900,
      now: new Date('2026-11-24T00:00:00Z'),
      ...creds,
    };
    const a = presignV4({
      ...base,
      headers: { 'Content-Type': 'application/pdf', 'Content-Length': '1048576' },
    });
    const b = presignV4({
      ...base,
      headers: { 'Content-Type': 'application/pdf', 'Content-Length': '1048577' },
    });
    const c = presignV4({ ...base, headers: { 'Content-Type': 'image/png', 'Content-Length': '1048576' } });
    expect(a.headers).toEqual({ 'content-type': 'application/pdf', 'content-length': '1048576' });
    expect(new URL(a.url).searchParams.get('X-Amz-SignedHeaders')).toBe('content-length;content-type;host');
    const sigs = new Set([a, b, c].map((x) => new URL(x.url).searchParams.get('X-Amz-Signature')));
    expect(sigs.size).toBe(3);
  });
});
