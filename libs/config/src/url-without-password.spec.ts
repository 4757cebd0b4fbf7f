import { urlWithoutPassword } from './url-without-password.js';

describe('urlWithoutPassword', () => {
  it('masks the password and keeps the user, host and database', () => {
    expect(urlWithoutPassword('postgres://carbon:s3cret@db.internal:5432/carbon')).toBe(
      'postgres://carbon:***@db.internal:5432/carbon',
    );
  });

  it('leaves a URL without a password as it was', () => {
    expect(urlWithoutPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('refuses a malformed URL', () => {
    expect(() => urlWithoutPassword('not a url')).toThrow();
  });
});
