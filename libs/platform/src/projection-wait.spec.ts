import { uuidv7 } from '@settle/contracts';
import { awaitProjection, ProjectionBehind } from './projection-wait';

describe('awaitProjection: a projection that trails the owner of what it projects', () => {
  const visibleToAll = () => true;

  it('answers what the projection has at once', async () => {
    const find = jest.fn(async () => ({ id: 'd' }));
    await expect(awaitProjection('Dispute', uuidv7(), find, visibleToAll, 1_000)).resolves.toEqual({ id: 'd' });
    expect(find).toHaveBeenCalledTimes(1);
  });

  it('waits for a recently minted id until the projection hears of it', async () => {
    let reads = 0;
    const find = async () => (++reads >= 4 ? { id: 'd' } : undefined);
    await expect(awaitProjection('Dispute', uuidv7(), find, visibleToAll, 1_000, { intervalMs: 1 })).resolves.toEqual({
      id: 'd',
    });
    expect(reads).toBe(4);
  });

  it('answers ProjectionBehind (503, retry) for a recent id it never hears of, never "not found"', async () => {
    const error = await awaitProjection('Dispute', uuidv7(), async () => undefined, visibleToAll, 30, {
      intervalMs: 5,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectionBehind);
    expect(error).toMatchObject({ kind: 'unavailable', code: 'PROJECTION_BEHIND', retryAfterSeconds: 1 });
  });

  it('answers unknown at once for an old id, a non-UUIDv7 id and an id minted in the future', async () => {
    const now = Date.now();
    for (const id of [uuidv7(now - 10 * 60_000), 'D-1', uuidv7(now + 60 * 60_000)]) {
      const find = jest.fn(async () => undefined);
      await expect(awaitProjection('Dispute', id, find, visibleToAll, 10_000)).resolves.toBeUndefined();
      expect(find).toHaveBeenCalledTimes(1);
    }
  });

  it('treats what the caller may not see as unknown, after the same wait a recent unknown id gets', async () => {
    const started = Date.now();
    const hidden = await awaitProjection(
      'Dispute',
      uuidv7(),
      async () => ({ sellerId: 'S-2' }),
      () => false,
      40,
      {
        intervalMs: 5,
      },
    );
    expect(hidden).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  });
});
