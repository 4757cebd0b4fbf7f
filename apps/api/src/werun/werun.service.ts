import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode } from '@app/domain';
import { assessAction, type AssessmentContext } from '@app/methodologies';
import { MethodologyCatalog, WerunReportsRepository, type NewWerunReport } from '@app/persistence';
import { JobProducer } from '@app/queues';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CitizenPrincipal } from '../auth/citizen-principal.js';
import { WechatSessionKeys } from '../auth/wechat/session-keys.js';
import { canonicalJson, sha256Hex } from '../common/canonical-hash.js';
import type {
  WerunDayResultDto,
  WerunSampleDto,
  WerunSampleResultDto,
  WerunSyncResultDto,
} from './dto/werun.dto.js';
import { chinaDate, chinaMidnight, decryptWerunData, encryptWerunData } from './werun-data.js';

// Devices' clocks drift; a day may start at most this far in the future.
const CLOCK_SKEW_MS = 5 * 60_000;
/** The appid WeChat DevTools uses without a registered app; the development data carries it too. */
export const PLACEHOLDER_APP_ID = 'touristappid';

type Day = { date: string; steps: number };
type Planned = { day: Day; occurredAt: Date } | { day: Day; skip: string };

/**
 * 微信运动: WeRun data decrypted with the citizen's session key becomes one walking action per day,
 * from a trusted source. A day sent again with another count replaces the earlier report (the worker
 * supersedes it and, if it had settled, posts only the difference); the same count changes nothing.
 */
@Injectable()
export class WerunService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly catalog: MethodologyCatalog,
    private readonly sessionKeys: WechatSessionKeys,
    private readonly jobs: JobProducer,
    private readonly reports: WerunReportsRepository,
  ) {}

  /** The watermark appid WeRun data must carry: ours, or DevTools' placeholder when none is configured. */
  private get appId(): string {
    return this.config.wechat.appId || PLACEHOLDER_APP_ID;
  }

  async sync(citizen: CitizenPrincipal, encryptedData: string, iv: string): Promise<WerunSyncResultDto> {
    const sessionKey = await this.sessionKeys.recall(citizen.citizenId);
    const data = decryptWerunData(sessionKey, encryptedData, iv, this.appId);
    // One entry per day; should WeChat ever list a day twice, the later entry stands.
    const days = new Map<string, Day>();
    for (const info of [...data.stepInfoList].sort((a, b) => a.timestamp - b.timestamp)) {
      const date = chinaDate(info.timestamp);
      days.set(date, { date, steps: info.step });
    }
    const snapshot = await this.catalog.get();
    const context = {
      versions: snapshot.versions,
      factors: snapshot.factors,
      availableIds: snapshot.methodologyIds,
    };
    const planned = [...days.values()].map((day) => this.plan(context, day, citizen.districtCode));

    const { results, inserted } = await this.dataSource.transaction(async (manager) => {
      await this.reports.lock(manager, citizen.citizenId);
      const earlier = await this.reports.earlier(
        manager,
        citizen.citizenId,
        planned.flatMap((p) => ('skip' in p ? [] : [p.day.date])),
      );
      const results: WerunDayResultDto[] = [];
      const fresh: { report: NewWerunReport; result: WerunDayResultDto }[] = [];
      for (const plan of planned) {
        const { date, steps } = plan.day;
        if ('skip' in plan) {
          results.push({ date, steps, status: 'skipped', actionId: null, reason: plan.skip });
          continue;
        }
        const before = earlier.get(date) ?? [];
        const latest = before.at(-1);
        if (latest && latest.steps === steps) {
          results.push({ date, steps, status: 'unchanged', actionId: latest.id, reason: null });
        } else if (latest && latest.watermark > data.watermark.timestamp) {
          // Data fetched before the data already recorded, arriving late: it must not lower the day.
          results.push({ date, steps, status: 'skipped', actionId: latest.id, reason: 'WERUN_DATA_STALE' });
        } else {
          const result: WerunDayResultDto = {
            date,
            steps,
            status: latest ? 'replaced' : 'recorded',
            actionId: null,
            reason: null,
          };
          results.push(result);
          fresh.push({
            result,
            report: {
              date,
              steps,
              occurredAt: plan.occurredAt,
              requestHash: sha256Hex(canonicalJson({ methodology: 'walking', data: plan.day })),
              replaces: before.map((r) => r.id),
              revision: before.length + 1,
            },
          });
        }
      }
      const ids = await this.reports.insert(
        manager,
        citizen.citizenId,
        citizen.districtCode,
        data.watermark.timestamp,
        fresh.map((f) => f.report),
      );
      fresh.forEach((f, i) => (f.result.actionId = ids[i]));
      return { results, inserted: ids };
    });
    for (const id of inserted) this.jobs.notifyActionReceived(id);
    return { days: results.sort((a, b) => a.date.localeCompare(b.date)) };
  }

  /** Whether the walking methodology would take the day at all; a day it refuses is skipped, not recorded. */
  private plan(context: AssessmentContext, day: Day, districtCode: string): Planned {
    const assessment = assessAction(context, 'walking', day, districtCode);
    switch (assessment.kind) {
      case 'unknown-methodology':
      case 'not-in-force':
        return { day, skip: ErrorCode.MethodologyNotInForce };
      case 'invalid-input':
        return { day, skip: 'INPUT_INVALID' };
      case 'rejected':
        return { day, skip: assessment.reason };
    }
    if (assessment.occurredAt.getTime() > Date.now() + CLOCK_SKEW_MS)
      return { day, skip: ErrorCode.ActionInFuture };
    return { day, occurredAt: assessment.occurredAt };
  }

  /**
   * Development only: WeRun data for the given days encrypted with the citizen's own session key,
   * exactly as wx.getWeRunData() would hand it over, so the H5 build and the tests go through the
   * real decryption. Not there in production or with the real WeChat adapter.
   */
  async sample(citizen: CitizenPrincipal, body: WerunSampleDto): Promise<WerunSampleResultDto> {
    if (this.config.isProduction || this.config.wechat.adapter !== 'dev')
      throw new DomainError(ErrorCode.NotFound, 'no such route');
    const sessionKey = await this.sessionKeys.recall(citizen.citizenId);
    return encryptWerunData(sessionKey, {
      stepInfoList: body.days.map((d) => ({ timestamp: chinaMidnight(d.date), step: d.steps })),
      watermark: { appid: body.appId ?? this.appId, timestamp: Math.floor(Date.now() / 1000) },
    });
  }
}
