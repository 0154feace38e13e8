import { hashPassword, needsRehash, passwordProblem, SCRYPT, verifyPassword } from './password';

describe('passwords', () => {
  it('the policy: 12 characters at least, not the login, not a common one', () => {
    expect(passwordProblem('ngắn-quá', 'an')).toBe('PASSWORD_TOO_SHORT');
    expect(passwordProblem('nguyen.van.a-2026', 'nguyen.van.a')).toBe('PASSWORD_IS_LOGIN');
    expect(passwordProblem('NGUYEN.VAN.A!!!!', 'nguyen.van.a')).toBe('PASSWORD_IS_LOGIN');
    expect(passwordProblem('password1234', 'an')).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('Mật khẩu 2026', 'an')).toBe(null);
    expect(passwordProblem('matkhau123456', 'an')).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('123456789012345', 'an')).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('aaaaaaaaaaaaaa', 'an')).toBe('PASSWORD_TOO_COMMON');
    expect(passwordProblem('sông Hương núi Ngự', 'hue')).toBe(null);
  });

  it('a hash keeps its parameters: older forms verify, weaker ones are marked for a re-hash', async () => {
    const h = await hashPassword('mật khẩu đủ dài');
    expect(h).toMatch(new RegExp(`^scrypt\\$N=${SCRYPT.N},r=${SCRYPT.r},p=${SCRYPT.p}\\$`));
    expect(await verifyPassword('mật khẩu đủ dài', h)).toBe(true);
    expect(await verifyPassword('mật khẩu khác hẳn', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
    const weak = await hashPassword('mật khẩu đủ dài', { N: 1024, r: 8, p: 1 });
    expect(await verifyPassword('mật khẩu đủ dài', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    // The oldest form, `scrypt$N$salt$hash` (r=8, p=1).
    const [, , salt, hash] = weak.split('$');
    expect(await verifyPassword('mật khẩu đủ dài', `scrypt$1024$${salt}$${hash}`)).toBe(true);
    expect(await verifyPassword('x', '!')).toBe(false);
  });
});
