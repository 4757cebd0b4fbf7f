import { APP_CONFIG, type AppConfig, type ReadReplicaConfig } from '@app/config';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  asOfFromPosition,
  decide,
  probeIsCurrent,
  replicaFailure,
  type ReadFallback,
  type ReplicaProbe,
} from './read-choice.js';
import { ReplicaLagRepository } from './replica-lag.repository.js';

/** Where one read runs, and the staleness note its answer carries. */
export interface ReadChoice {
  /** Pass it down to the repositories the read uses. */
  manager: EntityManager;
  source: 'replica' | 'primary';
  /** Everything committed on the primary before this instant is visible to the read. */
  asOf: Date;
  /** The standby's lag when the read was routed (null: not measured, or no standby configured). */
  replicaLagMs: number | null;
  /** Set when a configured standby was bypassed, and why. */
  fallback?: ReadFallback;
}

/**
 * Routes the reads that tolerate bounded staleness (reports, dashboards, exports, audits,
 * leaderboard rebuilds) to the streaming standby named by DATABASE_READ_URL, and to the primary
 * when there is none, when it lags more than READ_REPLICA_MAX_LAG_MS, or when it does not answer.
 * Writes never come here: they use the primary DataSource as before.
 *
 * The standby is a DataSource of its own, opened on first use rather than at boot, so a standby
 * that is down never stops the API or a worker from starting (TypeORM's `replication` option
 * connects every slave pool inside initialize()).
 */
@Injectable()
export class ReadReplica implements OnApplicationShutdown {
  private readonly logger = new Logger(ReadReplica.name);
  private readonly config?: ReadReplicaConfig;
  private standbySource?: DataSource;
  private probe?: ReplicaProbe;
  private probing?: Promise<ReplicaProbe>;
  private lastRoute?: string;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly primary: DataSource,
    private readonly lag: ReplicaLagRepository,
  ) {
    this.config = config.database.read;
  }

  get configured(): boolean {
    return this.config !== undefined;
  }

  /** Where a read should go now (the standby's lag is measured at most once per check interval). */
  async choose(): Promise<ReadChoice> {
    const config = this.config;
    if (!config) return this.onPrimary(undefined, null);
    let probe = this.probe;
    if (!probe || !probeIsCurrent(probe, Date.now(), config.checkIntervalMs, config.maxLagMs))
      probe = await this.measure();
    const decision = decide(probe, Date.now(), config.maxLagMs);
    this.noteRoute(
      decision.source === 'replica' ? 'replica' : `primary (${decision.fallback})`,
      decision.lagMs,
    );
    if (decision.source === 'primary') return this.onPrimary(decision.fallback, decision.lagMs);
    return {
      manager: this.standbySource!.manager,
      source: 'replica',
      asOf: new Date(decision.asOfMs),
      replicaLagMs: decision.lagMs,
    };
  }

  /**
   * Runs a read where choose() says; if the standby fails under it (gone, or a recovery conflict
   * cancelled the query), runs it once more on the primary. `work` must only read.
   */
  async read<T>(work: (choice: ReadChoice) => Promise<T>): Promise<T> {
    const choice = await this.choose();
    try {
      return await work(choice);
    } catch (error) {
      const retry = this.fallbackAfter(choice, error);
      if (!retry) throw error;
      return work(retry);
    }
  }

  /**
   * The primary choice to retry a failed standby read with, or undefined when the failure is not the
   * standby's (then the error stands). A standby that went away is not asked again until the next check.
   */
  fallbackAfter(choice: ReadChoice, error: unknown): ReadChoice | undefined {
    if (choice.source !== 'replica') return undefined;
    const failure = replicaFailure(error);
    if (!failure) return undefined;
    if (failure === 'unavailable') this.probe = { at: Date.now(), state: 'unavailable' };
    this.noteRoute(`primary (${failure})`, null, error);
    return this.onPrimary(failure, failure === 'unavailable' ? null : choice.replicaLagMs);
  }

  /** The primary, as the route of a read that bypassed the standby for `fallback`. */
  primaryChoice(fallback: ReadFallback, replicaLagMs: number | null): ReadChoice {
    return this.onPrimary(fallback, replicaLagMs);
  }

  async onApplicationShutdown(): Promise<void> {
    const source = this.standbySource;
    this.standbySource = undefined;
    if (source?.isInitialized) await source.destroy();
  }

  private onPrimary(fallback: ReadFallback | undefined, replicaLagMs: number | null): ReadChoice {
    return { manager: this.primary.manager, source: 'primary', asOf: new Date(), replicaLagMs, fallback };
  }

  /** One probe at a time; concurrent reads wait for the same answer. */
  private measure(): Promise<ReplicaProbe> {
    this.probing ??= this.takeProbe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async takeProbe(): Promise<ReplicaProbe> {
    const at = Date.now();
    // Without the primary's position (it is down) the standby is judged by its last replayed commit.
    const primaryLsn = await this.lag.primaryPosition(this.primary.manager).catch(() => null);
    let probe: ReplicaProbe;
    try {
      const standby = await this.standby();
      const position = await this.lag.standbyPosition(standby.manager, primaryLsn);
      probe = position.inRecovery
        ? { at, state: 'measured', asOfMs: asOfFromPosition(position, at) }
        : { at, state: 'not-a-standby' };
    } catch (error) {
      if (!replicaFailure(error)) this.logger.warn(`read replica probe failed: ${String(error)}`);
      probe = { at, state: 'unavailable' };
    }
    this.probe = probe;
    return probe;
  }

  private async standby(): Promise<DataSource> {
    if (this.standbySource?.isInitialized) return this.standbySource;
    const config = this.config!;
    const source = new DataSource({
      type: 'postgres',
      url: config.url,
      extra: {
        max: config.poolSize,
        application_name: 'carbon-points-read',
        connectionTimeoutMillis: config.connectTimeoutMs,
        // Belt and braces: a DATABASE_READ_URL that names a primary by mistake still cannot be written.
        options: '-c default_transaction_read_only=on',
      },
    });
    await source.initialize();
    this.standbySource = source;
    return source;
  }

  /** Logs when reads change route (standby ↔ primary), not on every read. */
  private noteRoute(route: string, lagMs: number | null, error?: unknown): void {
    if (route === this.lastRoute) return;
    const previous = this.lastRoute;
    this.lastRoute = route;
    const detail = `${lagMs === null ? '' : `; lag ${lagMs} ms`}${error ? `; ${String(error)}` : ''}`;
    if (route === 'replica' && previous === undefined)
      this.logger.log(`reads go to the read replica${detail}`);
    else if (route === 'replica') this.logger.log(`reads are back on the read replica${detail}`);
    else this.logger.warn(`reads fall back to the primary: ${route}${detail}`);
  }
}
