import { Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ActionSearch } from '../components/actions/action-search';
import { AuditView } from '../components/actions/audit-view';
import { PageTitle } from '../components/page-title';
import { navigate } from '../router';
import type { PageProps } from './index';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * #/actions is 行为查询 (find actions by citizen, district, methodology, source, status and date);
 * #/actions/<id> is that action's audit, with one box to open another by its id.
 */
export function ActionAuditPage({ segments }: PageProps) {
  const id = segments[0];
  if (!id)
    return (
      <>
        <PageTitle>行为查询</PageTitle>
        <ActionSearch />
      </>
    );
  return <AuditPage id={id} />;
}

function AuditPage({ id }: { id: string }) {
  // One controlled box whatever is searched: its text follows the page's id.
  const [text, setText] = useState(id);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setText(id);
    setProblem(undefined);
  }, [id]);

  const open = (value: string) => {
    const wanted = value.trim();
    if (!UUID.test(wanted)) {
      setProblem('请输入完整的行为编号（36 位，含连字符）；按市民或日期查找请用行为查询。');
      return;
    }
    setProblem(undefined);
    navigate(`/actions/${wanted.toLowerCase()}`);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageTitle extra={<a href="#/actions">返回行为查询</a>}>行为审计</PageTitle>
      <div style={{ maxWidth: 560 }}>
        <Input.Search
          data-testid="audit-search"
          aria-label="行为编号"
          placeholder="输入行为编号"
          enterButton="打开"
          value={text}
          status={problem ? 'error' : undefined}
          onChange={(event) => setText(event.target.value)}
          onSearch={open}
        />
        {problem && (
          <Typography.Text type="danger" data-testid="audit-search-problem">
            {problem}
          </Typography.Text>
        )}
      </div>
      <AuditView key={id} id={id} />
    </Space>
  );
}
