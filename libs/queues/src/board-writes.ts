import type { ChainableCommander } from 'ioredis';
import type { RedisClient } from './redis-connection.js';

/**
 * Commands for many boards sent together. On one server they go in one MULTI (or pipeline), so the
 * boards change at once. On a cluster each board lives in its own slot, and ioredis refuses a MULTI
 * or pipeline whose keys span nodes: there each board gets its own block, sent in parallel, so each
 * board still changes at once, the boards one after another.
 */
export class BoardWrites {
  private readonly blocks = new Map<string, ChainableCommander>();

  constructor(
    private readonly redis: RedisClient,
    private readonly perBoard: boolean,
    private readonly kind: 'multi' | 'pipeline' = 'multi',
  ) {}

  /** The block to add a command for this board to. */
  to(board: string): ChainableCommander {
    const group = this.perBoard ? board : '';
    let block = this.blocks.get(group);
    if (!block) {
      block = this.kind === 'multi' ? this.redis.multi() : this.redis.pipeline();
      this.blocks.set(group, block);
    }
    return block;
  }

  async exec(): Promise<void> {
    await Promise.all([...this.blocks.values()].map((block) => block.exec()));
  }
}
