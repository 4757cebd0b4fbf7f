import { PersistenceModule, RecordedIntakeRepository } from '@app/persistence';
import { QueuesModule } from '@app/queues';
import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../common/idempotency.module.js';
import { ActionIntakeBatcher } from './action-intake-batcher.js';
import { KeyedActionIntake } from './keyed-action-intake.js';

/**
 * Receiving a submitted action under its Idempotency-Key, citizens' and organisations' alike: one
 * batcher for both, so their rows share the group-committed statements.
 */
@Module({
  imports: [PersistenceModule, QueuesModule, IdempotencyModule],
  providers: [KeyedActionIntake, ActionIntakeBatcher, RecordedIntakeRepository],
  exports: [KeyedActionIntake, ActionIntakeBatcher],
})
export class ActionIntakeModule {}
