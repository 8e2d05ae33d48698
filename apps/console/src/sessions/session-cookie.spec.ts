import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session-cookie';

const token = 'A'.repeat(43);

describe('the session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/, and Secure only when asked', () => {
    expect(sessionCookie(token, false)).toBe(`settle_session=${token}; Path=/; HttpOnly; SameSite=Strict`);
    expect(sessionCookie(token, true)).toBe(`settle_session=${token}; Path=/; HttpOnly; SameSite=Strict; Secure`);
    expect(clearedSessionCookie(false)).toBe('settle_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0');
  });

  it('finds the token among other cookies and ignores malformed ones', () => {
    expect(sessionTokenOf({ cookie: `a=1; settle_session=${token}; b=2` })).toBe(token);
    expect(sessionTokenOf({ cookie: `settle_session_old=${token}` })).toBeUndefined();
    expect(sessionTokenOf({ cookie: 'settle_session=short' })).toBeUndefined();
    expect(sessionTokenOf({ cookie: `settle_session=${token}'--` })).toBeUndefined();
    expect(sessionTokenOf({})).toBeUndefined();
  });
});
