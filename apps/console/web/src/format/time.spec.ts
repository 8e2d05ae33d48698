import { countdown, durationParts, groupByDay, utcTitle } from './time';

const NOW = Date.parse('2026-12-04T12:00:00Z');

describe('countdown to a due time', () => {
  it('shows the two largest units left and a tone', () => {
    expect(countdown(NOW + 2 * 86_400_000 + 3 * 3_600_000 + 59_000, NOW)).toEqual({
      overdue: false,
      parts: [
        { unit: 'd', value: 2 },
        { unit: 'h', value: 3 },
      ],
      tone: 'ok',
    });
    expect(countdown(NOW + 5 * 3_600_000 + 7 * 60_000, NOW)).toEqual({
      overdue: false,
      parts: [
        { unit: 'h', value: 5 },
        { unit: 'min', value: 7 },
      ],
      tone: 'soon',
    });
  });

  it('drops a zero second unit and never shows nothing', () => {
    expect(countdown(NOW + 3 * 3_600_000, NOW).parts).toEqual([{ unit: 'h', value: 3 }]);
    expect(countdown(NOW + 400, NOW).parts).toEqual([{ unit: 's', value: 0 }]);
  });

  it('counts past the due time as overdue, in the late tone', () => {
    expect(countdown(NOW - 4 * 60_000 - 10_000, NOW)).toEqual({
      overdue: true,
      parts: [
        { unit: 'min', value: 4 },
        { unit: 's', value: 10 },
      ],
      tone: 'late',
    });
    expect(countdown(NOW, NOW).overdue).toBe(true);
  });

  it('is soon exactly within 24 hours', () => {
    expect(countdown(NOW + 86_400_000, NOW).tone).toBe('soon');
    expect(countdown(NOW + 86_400_001, NOW).tone).toBe('ok');
  });

  it('reads durations the same way', () => {
    expect(durationParts(90_000)).toEqual([
      { unit: 'min', value: 1 },
      { unit: 's', value: 30 },
    ]);
  });
});

describe('timeline days and UTC titles', () => {
  it('groups by the viewer’s day, oldest first', () => {
    const items = [
      { at: '2026-12-04T23:30:00Z', what: 'c' },
      { at: '2026-12-04T01:00:00Z', what: 'a' },
      { at: '2026-12-04T10:00:00Z', what: 'b' },
    ];
    expect(groupByDay(items, (item) => item.at, 'UTC').map(([day, list]) => [day, list.map((i) => i.what)])).toEqual([
      ['2026-12-04', ['a', 'b', 'c']],
    ]);
    // In Shanghai (UTC+8) the last one is already the next day.
    expect(
      groupByDay(items, (item) => item.at, 'Asia/Shanghai').map(([day, list]) => [day, list.map((i) => i.what)]),
    ).toEqual([
      ['2026-12-04', ['a', 'b']],
      ['2026-12-05', ['c']],
    ]);
  });

  it('titles an instant in UTC', () => {
    expect(utcTitle('2026-12-04T16:59:33.123Z')).toBe('2026-12-04 16:59:33 UTC');
  });
});
