import { MAX_WEB_CONCURRENCY, webConcurrency } from './cluster';

describe('WEB_CONCURRENCY', () => {
  it('is one process unless set', () => {
    expect(webConcurrency(undefined)).toBe(1);
    expect(webConcurrency('')).toBe(1);
    expect(webConcurrency(' ')).toBe(1);
  });

  it('takes an integer from 1 to the maximum', () => {
    expect(webConcurrency('1')).toBe(1);
    expect(webConcurrency('4')).toBe(4);
    expect(webConcurrency(String(MAX_WEB_CONCURRENCY))).toBe(MAX_WEB_CONCURRENCY);
  });

  it.each(['0', '-2', '1.5', 'two', String(MAX_WEB_CONCURRENCY + 1)])('refuses %p, naming the variable', (value) => {
    expect(() => webConcurrency(value)).toThrow(/WEB_CONCURRENCY/);
  });
});
