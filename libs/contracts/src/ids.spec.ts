import { isUuid, isUuidV7, uuidv7, uuidv7Timestamp } from './ids';

describe('uuidv7', () => {
  afterEach(() => jest.restoreAllMocks());

  it('mints RFC 9562 version 7, variant 10 ids', () => {
    const id = uuidv7();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(isUuidV7(id)).toBe(true);
    expect(isUuid(id)).toBe(true);
  });

  it('encodes the creation millisecond', () => {
    const at = Date.UTC(2025, 2, 14, 9, 0, 0, 123);
    expect(uuidv7Timestamp(uuidv7(at))).toBe(at);
    expect(uuidv7(Date.UTC(2025, 0, 1)).slice(0, 13)).toBe('01941f29-7c00');
    jest.spyOn(Date, 'now').mockReturnValue(at);
    expect(uuidv7Timestamp(uuidv7())).toBeGreaterThanOrEqual(at);
  });

  it('sorts in creation order, even within one millisecond', () => {
    jest.spyOn(Date, 'now').mockReturnValue(4_000_000_000_000);
    const ids = Array.from({ length: 6000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
  });

  it('keeps its order when the clock steps back', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(5_000_000_000_000);
    const before = uuidv7();
    now.mockReturnValue(4_999_999_999_000);
    expect(uuidv7() > before).toBe(true);
  });

  it('refuses an instant it cannot encode', () => {
    expect(() => uuidv7(-1)).toThrow(RangeError);
    expect(() => uuidv7(2 ** 48)).toThrow(RangeError);
  });

  it('tells UUIDs from other strings', () => {
    expect(isUuid('3b241101-e2bb-4255-8caf-4136c566a962')).toBe(true);
    expect(isUuidV7('3b241101-e2bb-4255-8caf-4136c566a962')).toBe(false);
    expect(isUuid('not-a-uuid')).toBe(false);
    expect(isUuid(42)).toBe(false);
    expect(() => uuidv7Timestamp('3b241101-e2bb-4255-8caf-4136c566a962')).toThrow(/not a UUIDv7/);
  });
});
