import type { RecordedAction, RecordedIntakeRepository } from '@app/persistence';
import { ActionIntakeBatcher } from './action-intake-batcher.js';

const action = (scope: string, key: string): RecordedAction => ({
  citizenId: '00000000-0000-4000-8000-000000000001',
  districtCode: '370102',
  methodologyId: 'cycling',
  idempotencyKey: key,
  requestHash: 'f'.repeat(64),
  data: {},
  evidence: null,
  occurredAt: new Date(0),
  interval: null,
  scope,
  source: 'self',
  recordScope: `${scope}:actions`,
});

/** A repository that records each statement's keys and answers from `answer` (a row per key, or throw). */
function repository(answer: (keys: string[]) => Promise<Map<number, { id: string; status: string }>>) {
  const statements: string[][] = [];
  let release: () => void = () => undefined;
  let gate: Promise<void> = Promise.resolve();
  const repo = {
    insertWithRecords: async (actions: RecordedAction[]) => {
      const keys = actions.map((a) => a.idempotencyKey);
      statements.push(keys);
      await gate;
      return answer(keys);
    },
  } as unknown as RecordedIntakeRepository;
  return {
    repo,
    statements,
    hold: () => (gate = new Promise((resolve) => (release = resolve))),
    release: () => release(),
  };
}

const everyRow = async (keys: string[]) => new Map(keys.map((k, i) => [i, { id: `id-${k}`, status: 'received' }]));

describe('ActionIntakeBatcher', () => {
  it('writes the requests of one turn in one statement and answers each its own row', async () => {
    const { repo, statements } = repository(everyRow);
    const batcher = new ActionIntakeBatcher(repo);
    const answers = await Promise.all(['k3', 'k1', 'k2'].map((k) => batcher.insert(action('citizen:a', k))));
    expect(statements).toEqual([['k1', 'k2', 'k3']]);
    expect(answers.map((a) => a?.id)).toEqual(['id-k3', 'id-k1', 'id-k2']);
  });

  it('puts the requests that arrive while a statement is in flight into the next one', async () => {
    const db = repository(everyRow);
    const batcher = new ActionIntakeBatcher(db.repo);
    db.hold();
    const first = batcher.insert(action('citizen:a', 'k1'));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [batcher.insert(action('citizen:a', 'k2')), batcher.insert(action('citizen:b', 'k3'))];
    db.release();
    await Promise.all([first, ...later]);
    expect(db.statements).toEqual([['k1'], ['k2', 'k3']]);
  });

  it('sends one (scope, key) once per statement; the repeat answers undefined (the ordinary path decides)', async () => {
    const { repo, statements } = repository(everyRow);
    const batcher = new ActionIntakeBatcher(repo);
    const [a, b, c] = await Promise.all([
      batcher.insert(action('citizen:a', 'same-key')),
      batcher.insert(action('citizen:a', 'same-key')),
      batcher.insert(action('citizen:b', 'same-key')),
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toHaveLength(2);
    expect(a?.id).toBe('id-same-key');
    expect(b).toBeUndefined();
    expect(c?.id).toBe('id-same-key');
  });

  it('answers undefined for a row the statement skipped (its key exists)', async () => {
    const { repo } = repository(async () => new Map([[1, { id: 'new', status: 'received' }]]));
    const batcher = new ActionIntakeBatcher(repo);
    const [existing, fresh] = await Promise.all([
      batcher.insert(action('citizen:a', 'k1')),
      batcher.insert(action('citizen:a', 'k2')),
    ]);
    expect(existing).toBeUndefined();
    expect(fresh).toEqual({ id: 'new', status: 'received' });
  });

  it('rejects every request of a failed statement, and keeps writing the next ones', async () => {
    let fail = true;
    const { repo } = repository(async (keys) => {
      if (fail) throw new Error('23505');
      return everyRow(keys);
    });
    const batcher = new ActionIntakeBatcher(repo);
    const failed = await Promise.allSettled([
      batcher.insert(action('citizen:a', 'k1')),
      batcher.insert(action('citizen:a', 'k2')),
    ]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    await expect(batcher.insert(action('citizen:a', 'k3'))).resolves.toEqual({
      id: 'id-k3',
      status: 'received',
    });
  });
});
