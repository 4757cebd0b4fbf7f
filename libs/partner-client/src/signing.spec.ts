import { signature, stringToSign } from './signing.js';

// The README's worked example; the expected values were computed with sha256sum and
// `openssl dgst -sha256 -hmac`, independently of this code.
const example = {
  method: 'post',
  pathWithQuery: '/partner/v1/actions:batch',
  timestamp: '1795257600',
  nonce: '3f2a9c1e5b7d4a60',
  body: '{"actions":[]}',
};
const SECRET = 'demo-secret-please-rotate';

describe('partner request signing', () => {
  it('signs METHOD, path with query, timestamp, nonce and the body hash, newline-separated', () => {
    expect(stringToSign(example)).toBe(
      'POST\n/partner/v1/actions:batch\n1795257600\n3f2a9c1e5b7d4a60\n7d357b0ef1f85ba71c5ccebb6671b0c34f4b3950f5b21d2af7b4a3d4e9dcd570',
    );
    expect(signature(SECRET, example)).toBe(
      'c36eefabef00a3ba625297e87a8874a544e33293a30ac53607d22df691c5c9e6',
    );
  });

  it('changes with every signed part', () => {
    const base = signature(SECRET, example);
    expect(signature('another-secret', example)).not.toBe(base);
    expect(signature(SECRET, { ...example, body: '{"actions":[1]}' })).not.toBe(base);
    expect(signature(SECRET, { ...example, pathWithQuery: '/partner/v1/actions:batch?x=1' })).not.toBe(base);
    expect(signature(SECRET, { ...example, timestamp: '1795257601' })).not.toBe(base);
    expect(signature(SECRET, { ...example, nonce: 'another-nonce' })).not.toBe(base);
    expect(signature(SECRET, { ...example, method: 'GET' })).not.toBe(base);
  });
});
