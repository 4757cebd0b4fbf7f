import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { useState } from 'react';
import { sentenceForCode } from '../../../../../libs/contracts/src/messages-zh';
import { api } from '../../api';
import { useAction } from '../../api/hooks';
import { pollUntil } from '../../api/resource';
import type { Schemas } from '../../api/types';
import { Btn, Card, Field, Notice, Row } from '../../components/ui';
import { Page } from '../../components/page';
import { cstDate, formatDayKey, shiftDay } from '../../lib/china-time';
import { formatGrams, formatSteps } from '../../lib/format';
import { requireSession } from '../../lib/session';
import { WERUN_DAY_STATUS_ZH } from '../../lib/terms';

type DayResult = Schemas['WerunDayResultDto'];
type Encrypted = Schemas['WerunSyncDto'];

const isH5 = process.env.TARO_ENV === 'h5';

class WeRunUnavailable extends Error {}

/**
 * WeChat gives the last 30 days of steps encrypted with the session key; the API decrypts them.
 * In H5 (no wx.getWeRunData) the development route encrypts a sample the same way.
 */
async function encryptedSteps(sample: { today: string; yesterday: string }): Promise<Encrypted> {
  if (!isH5) {
    try {
      const { encryptedData, iv } = await Taro.getWeRunData();
      return { encryptedData, iv };
    } catch {
      // The citizen declined 微信运动 (scope.werun) or WeChat could not read it.
      throw new WeRunUnavailable();
    }
  }
  const today = cstDate();
  return api.post('/v1/dev/werun-sample', {
    body: {
      days: [
        { date: shiftDay(today, -1), steps: Number(sample.yesterday) || 0 },
        { date: today, steps: Number(sample.today) || 0 },
      ],
    },
  });
}

/** 微信运动: sync steps; each day becomes (or replaces) one walking action. */
export default function WeRun() {
  requireSession();
  const [sample, setSample] = useState({ today: '8000', yesterday: '6000' });
  const [days, setDays] = useState<DayResult[]>();
  const [grams, setGrams] = useState<Record<string, string>>({});
  const { run, pending, error, setError } = useAction();

  const sync = () =>
    run(async () => {
      setGrams({});
      const encrypted = await encryptedSteps(sample).catch((failure: unknown) => {
        if (!(failure instanceof WeRunUnavailable)) throw failure;
        setError('没有读到微信运动步数：请在小程序设置中允许使用“微信运动步数”后再试。');
        return undefined;
      });
      if (!encrypted) return;
      const result = await api.post('/v1/me/werun', { body: encrypted });
      setDays(result.days);
      for (const day of result.days) {
        if (!day.actionId || day.status === 'skipped') continue;
        const id = day.actionId;
        const { value } = await pollUntil(
          () => api.get('/v1/me/actions/{id}', { path: { id } }),
          (action) => action.status === 'settled' || action.status === 'rejected',
          { intervalMs: 1000, timeoutMs: 15_000 },
        );
        if (value.grams !== null) setGrams((known) => ({ ...known, [day.date]: value.grams! }));
      }
    });

  return (
    <Page title="微信运动" back>
      <Card title="同步步数">
        <View className="muted">
          每天的步数记为一次步行减排；同一天再次同步会以新步数替换，不会重复计入。
        </View>
        {isH5 ? (
          <>
            <View className="info">
              网页版没有微信运动，开发环境下用下面的步数生成一份与微信相同加密方式的数据。
            </View>
            <Field
              id="steps-yesterday"
              label="昨天的步数"
              type="number"
              value={sample.yesterday}
              onInput={(v) => setSample({ ...sample, yesterday: v })}
            />
            <Field
              id="steps-today"
              label="今天的步数"
              type="number"
              value={sample.today}
              onInput={(v) => setSample({ ...sample, today: v })}
            />
          </>
        ) : null}
        <Notice error={error} />
        <Btn onClick={() => void sync()} disabled={pending} testId="werun-sync">
          {pending ? '同步中…' : '同步微信运动步数'}
        </Btn>
      </Card>
      {days ? (
        <Card title="同步结果" testId="werun-days">
          {days.length === 0 ? <View className="muted">没有可同步的步数。</View> : null}
          {days.map((day) => (
            <View key={day.date} className="list-item" data-testid={`werun-${day.date}`}>
              <Row label={formatDayKey(day.date)} value={formatSteps(day.steps)} />
              <View className="small">
                {WERUN_DAY_STATUS_ZH[day.status] ?? day.status}
                {grams[day.date] ? ` · 减排 ${formatGrams(grams[day.date]!)}` : ''}
                {day.reason ? ` · ${sentenceForCode(day.reason)}` : ''}
              </View>
            </View>
          ))}
        </Card>
      ) : null}
    </Page>
  );
}
