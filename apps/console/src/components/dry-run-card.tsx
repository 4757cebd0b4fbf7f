import { Alert, Button, Card, Descriptions, Input, Space, Tag } from 'antd';
import { useState } from 'react';
import { post } from '../api';
import { cstToday, shiftDate } from '../cst';
import { ErrorCode, useApiFeedback } from './api-feedback';
import { fieldProblemZh } from './field-problems';
import { sentenceForCode } from '../locale';
import { formatGrams, groupDigits } from './carbon-units';
import { JsonView } from './json-view';
import { TraceTable, type TraceStep } from './trace-table';

interface DryRunResult {
  outcome: 'quantified' | 'rejected' | 'invalid-input';
  grams?: string;
  points?: string;
  reason?: string;
  message?: string;
  details?: unknown;
  trace?: TraceStep[];
  version: number;
}

/** A plausible input per methodology (yesterday morning, China Standard Time) to start a dry run from. */
function exampleInput(methodologyId: string): Record<string, unknown> {
  const day = shiftDate(cstToday(), -1);
  const at = (time: string) => `${day}T${time}:00+08:00`;
  const trip = { startedAt: at('08:00'), endedAt: at('08:20') };
  switch (methodologyId) {
    case 'cycling':
      return { mode: 'bike', distanceM: 5000, ...trip };
    case 'bus':
    case 'metro':
      return { distanceM: 8000, ...trip };
    case 'walking':
      return { date: day, steps: 8000 };
    case 'carpool':
      return { distanceM: 10000, detourM: 500, occupants: 3, ...trip };
    case 'clothes-recycling':
      return { weightG: 2000, droppedAt: at('10:00'), receiptId: 'DRYRUN-001' };
    default:
      return {};
  }
}

const OUTCOME = {
  quantified: { label: '可量化', color: 'green' },
  rejected: { label: '不予认定', color: 'red' },
  'invalid-input': { label: '输入无效', color: 'orange' },
} as const;

/** Quantifies an input with one version, whatever its status; the API writes nothing. */
export function DryRunCard({ methodologyId, version }: { methodologyId: string; version: number }) {
  const feedback = useApiFeedback();
  const [text, setText] = useState(() => JSON.stringify(exampleInput(methodologyId), null, 2));
  const [parseError, setParseError] = useState<string>();
  const [result, setResult] = useState<DryRunResult>();
  const [busy, setBusy] = useState(false);

  const run = async () => {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      setParseError(`JSON 格式错误：${(error as Error).message}`);
      return;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      setParseError('输入必须是 JSON 对象');
      return;
    }
    setParseError(undefined);
    setBusy(true);
    try {
      setResult(
        await post<DryRunResult>(`/admin/v1/methodologies/${methodologyId}/versions/${version}/dry-run`, {
          data,
        }),
      );
    } catch (error) {
      feedback.error(error, '试算失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="试算（不写入任何数据）" data-testid="dry-run">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <label htmlFor="dry-run-input">行为输入（JSON，与市民或合作方提交的数据相同）</label>
        <Input.TextArea
          id="dry-run-input"
          translate="no"
          data-testid="dry-run-input"
          rows={8}
          value={text}
          onChange={(event) => setText(event.target.value)}
          style={{ fontFamily: 'monospace' }}
        />
        {parseError && <Alert type="error" title={parseError} />}
        <Button data-testid="dry-run-submit" onClick={run} loading={busy}>
          试算
        </Button>
        {result && (
          <Descriptions bordered size="small" column={1} data-testid="dry-run-result">
            <Descriptions.Item label="结果">
              <Tag color={OUTCOME[result.outcome].color}>{OUTCOME[result.outcome].label}</Tag>
            </Descriptions.Item>
            {result.grams !== undefined && (
              <Descriptions.Item label="减排量">
                <span data-testid="dry-run-grams">{groupDigits(result.grams)} 克</span>（
                {formatGrams(result.grams)}）
              </Descriptions.Item>
            )}
            {result.points !== undefined && (
              <Descriptions.Item label="积分">{groupDigits(result.points)}</Descriptions.Item>
            )}
            {result.reason && (
              <Descriptions.Item label="原因">
                {sentenceForCode(result.reason)} <ErrorCode code={result.reason} />
              </Descriptions.Item>
            )}
            {result.details !== undefined && (
              <Descriptions.Item label="详情">
                {result.outcome === 'invalid-input' && Array.isArray(result.details) ? (
                  <ul style={{ margin: 0 }} data-testid="dry-run-problems">
                    {(result.details as { field: string; problem: string }[]).map((issue) => (
                      <li key={issue.field + issue.problem}>
                        <span translate="no">{issue.field}</span>：{fieldProblemZh(issue.problem)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <div translate="no">
                    <JsonView value={result.details} />
                  </div>
                )}
              </Descriptions.Item>
            )}
            {result.trace && (
              <Descriptions.Item label="计算过程">
                <TraceTable trace={result.trace} testId="dry-run-trace" />
              </Descriptions.Item>
            )}
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}
