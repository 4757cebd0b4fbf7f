import { App } from 'antd';
import { useMemo } from 'react';
import { ApiError } from '../api';

/** Field errors the API attaches to 400/422 answers: { fields: [{ field, problem | problems }] }. */
export function fieldErrorsOf(error: unknown): { field: string; problem: string }[] {
  if (!(error instanceof ApiError)) return [];
  const fields = (error.details as { fields?: { field: string; problem?: string; problems?: string[] }[] })
    ?.fields;
  return (fields ?? []).map((f) => ({ field: f.field, problem: f.problem ?? (f.problems ?? []).join('；') }));
}

/** Success toasts and API errors shown with their stable code, through antd's App context. */
export function useApiFeedback() {
  const { message, notification } = App.useApp();
  return useMemo(
    () => ({
      success: (text: string) => void message.success(text),
      /** `summary` replaces the API's message, e.g. when its details are already shown beside the fields. */
      error: (caught: unknown, title = '操作失败', summary?: string) => {
        const description =
          caught instanceof ApiError ? `${caught.code}：${summary ?? caught.message}` : String(caught);
        notification.error({ title, description, duration: 8 });
      },
    }),
    [message, notification],
  );
}
