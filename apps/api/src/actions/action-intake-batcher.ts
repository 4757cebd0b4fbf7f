import { RecordedIntakeRepository, type RecordedAction } from '@app/persistence';
import { Injectable } from '@nestjs/common';

/** More than this waiting at once go into the next statement: bounds one statement's size and time. */
const MAX_BATCH = 256;

interface Waiting {
  action: RecordedAction;
  resolve: (row: { id: string; status: string } | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the citizens' submitted actions: the requests that arrive while one statement is
 * in flight share the next one (RecordedIntakeRepository: the actions and their idempotency records,
 * one autocommit statement). At one request at a time that is a batch of one with no wait; under
 * load, one round trip, one plan and one WAL flush serve tens of requests. Each request still gets
 * its answer only after the statement holding its action has committed.
 */
@Injectable()
export class ActionIntakeBatcher {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly repository: RecordedIntakeRepository) {}

  /**
   * The new row, once committed with its record; undefined when the action was not written by the
   * batch (its key exists, or the same key waits twice): the caller then takes the ordinary path.
   * Rejects when the batch's statement failed (any row of it may be the cause): nothing of it was written.
   */
  insert(action: RecordedAction): Promise<{ id: string; status: string } | undefined> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ action, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // Requests read in the same turn of the event loop join the first statement.
      setImmediate(() => this.writeNext());
    });
  }

  private writeNext(): void {
    const batch = this.waiting.splice(0, MAX_BATCH);
    if (!batch.length) {
      this.writing = false;
      return;
    }
    // One row per (scope, key) in a statement; key order, so two writers of the same keys lock alike.
    const seen = new Set<string>();
    const unique: Waiting[] = [];
    for (const item of batch) {
      const id = `${item.action.scope}\u0000${item.action.idempotencyKey}`;
      if (seen.has(id)) item.resolve(undefined);
      else {
        seen.add(id);
        unique.push(item);
      }
    }
    unique.sort((a, b) => compare(a.action, b.action));
    this.repository
      .insertWithRecords(unique.map((w) => w.action))
      .then(
        (rows) => unique.forEach((w, i) => w.resolve(rows.get(i))),
        (error: unknown) => unique.forEach((w) => w.reject(error)),
      )
      .finally(() => this.writeNext());
  }
}

function compare(a: RecordedAction, b: RecordedAction): number {
  if (a.scope !== b.scope) return a.scope < b.scope ? -1 : 1;
  return a.idempotencyKey < b.idempotencyKey ? -1 : a.idempotencyKey > b.idempotencyKey ? 1 : 0;
}
