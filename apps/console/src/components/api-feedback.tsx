import { App, Typography } from 'antd';
import { useMemo } from 'react';
import { ApiError } from '../api';
import { sentenceForCode } from '../locale';
import { fieldProblemZh } from './field-problems';

/** Field errors the API attaches to 400/422 answers ({ fields: [{ field, problem | problems }] }), in Chinese. */
export function fieldErrorsOf(error: unknown): { field: string; problem: string }[] {
  if (!(error instanceof ApiError)) return [];
  const fields = (error.details as { fields?: { field: string; problem?: string; problems?: string[] }[] })
    ?.fields;
  return (fields ?? []).map((f) => ({
    field: f.field,
    problem: (f.problems ?? [f.problem ?? '']).map(fieldProblemZh).join('；'),
  }));
}

/** The support code beside a Chinese sentence: small, grey, copyable by a person reading it out. */
export function ErrorCode({ code }: { code: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="error-code">
      （代码 {code}）
    </Typography.Text>
  );
}

/** What went wrong, in Chinese, with the API's code kept visible for support. */
export function ErrorSentence({ error, summary }: { error: unknown; summary?: string }) {
  if (!(error instanceof ApiError)) return <>无法连接服务器，请检查网络后重试。</>;
  return (
    <>
      {summary ?? sentenceForCode(error.code)} <ErrorCode code={error.code} />
    </>
  );
}

/** Success toasts and API errors (Chinese sentence, code kept small), through antd's App context. */
export function useApiFeedback() {
  const { message, notification } = App.useApp();
  return useMemo(
    () => ({
      success: (text: string) => void message.success(text),
      /** `summary` replaces the code's sentence, e.g. when the details are already shown beside the fields. */
      error: (caught: unknown, title = '操作失败', summary?: string) => {
        notification.error({
          title,
          description: <ErrorSentence error={caught} summary={summary} />,
          duration: 8,
        });
      },
    }),
    [message, notification],
  );
}
