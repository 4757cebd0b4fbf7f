import { Alert, Button, Skeleton } from 'antd';
import type { ReactNode } from 'react';
import { ErrorSentence } from './api-feedback';
import type { Remote } from './use-remote';

/** Why a load failed, where the data would be, with a button that tries again. */
export function LoadError({
  error,
  retry,
  what = '数据',
}: {
  error: unknown;
  retry: () => void;
  what?: string;
}) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="load-error"
      title={`${what}加载失败`}
      description={<ErrorSentence error={error} />}
      action={
        <Button onClick={retry} data-testid="load-retry">
          重试
        </Button>
      }
    />
  );
}

/**
 * A remote's three states: a skeleton until the first answer, the error with a retry, or the data
 * (kept on screen while a reload is under way).
 */
export function RemoteView<T>({
  remote,
  what,
  rows = 6,
  children,
}: {
  remote: Remote<T>;
  what?: string;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (remote.error !== undefined) return <LoadError error={remote.error} retry={remote.reload} what={what} />;
  if (remote.data === undefined) return <Skeleton active paragraph={{ rows }} data-testid="loading" />;
  return <>{children(remote.data)}</>;
}

/** The children (a table with its own loading state), or the load error with a retry in their place. */
export function OrLoadError({
  remote,
  what,
  children,
}: {
  remote: Remote<unknown>;
  what?: string;
  children: ReactNode;
}) {
  if (remote.error !== undefined) return <LoadError error={remote.error} retry={remote.reload} what={what} />;
  return <>{children}</>;
}
