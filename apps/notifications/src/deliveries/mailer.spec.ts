import { classify } from './mailer';
import { backoffMs } from './sender';

describe('SMTP failures', () => {
  it('5xx and refused addresses are permanent; 4xx, connections, timeouts and auth are transient', () => {
    expect(classify({ code: 'EENVELOPE', responseCode: 550, response: '550 Mailbox unavailable' })).toEqual({
      permanent: true,
      reason: '550 Mailbox unavailable',
    });
    expect(classify({ code: 'EENVELOPE', message: 'No recipients defined' }).permanent).toBe(true);
    expect(classify({ code: 'EENVELOPE', responseCode: 450, response: '450 Try again' }).permanent).toBe(
      false,
    );
    expect(classify({ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:1025' }).permanent).toBe(
      false,
    );
    expect(classify({ code: 'ETIMEDOUT', message: 'Timeout' }).permanent).toBe(false);
    expect(classify({ code: 'EAUTH', responseCode: 535, response: '535 Auth failed' }).permanent).toBe(false);
    expect(classify(new Error('socket hang up')).permanent).toBe(false);
  });

  it('backoff doubles per attempt, is capped, and jitters within ±20 %', () => {
    const mid = () => 0.5;
    expect(backoffMs(1, 1000, 60_000, mid)).toBe(1000);
    expect(backoffMs(2, 1000, 60_000, mid)).toBe(2000);
    expect(backoffMs(5, 1000, 60_000, mid)).toBe(16_000);
    expect(backoffMs(20, 1000, 60_000, mid)).toBe(60_000);
    expect(backoffMs(1, 1000, 60_000, () => 0)).toBe(800);
    expect(backoffMs(1, 1000, 60_000, () => 1)).toBe(1200);
  });
});
