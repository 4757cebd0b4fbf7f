import { jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { verifyAccessToken } from './access-token.js';

describe('verifyAccessToken', () => {
  const jwt = new JwtService({ secret: 'a-test-secret-of-enough-length-0123456789' });
  const claims = { sub: 'c1', role: 'citizen' as const, dst: '370102' };

  afterEach(() => jest.restoreAllMocks());

  it('answers a verified token again without its signature check, until it expires', async () => {
    const now = Date.now();
    const token = await jwt.signAsync(claims, { expiresIn: 60 });
    await expect(verifyAccessToken(jwt, token)).resolves.toMatchObject(claims);
    const verify = jest.spyOn(jwt, 'verifyAsync');
    await expect(verifyAccessToken(jwt, token)).resolves.toMatchObject(claims);
    expect(verify).not.toHaveBeenCalled();

    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    await expect(verifyAccessToken(jwt, token)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('never answers from what another signing key verified', async () => {
    const token = await jwt.signAsync(claims, { expiresIn: 60 });
    await verifyAccessToken(jwt, token);
    const other = new JwtService({ secret: 'another-secret-of-enough-length-9876543210' });
    await expect(verifyAccessToken(other, token)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses a token whose signature does not match, however often it is sent', async () => {
    const token = await jwt.signAsync(claims, { expiresIn: 60 });
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    for (let i = 0; i < 2; i++)
      await expect(verifyAccessToken(jwt, forged)).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
