import { Card, Col, Row, Statistic, Tabs } from 'antd';
import { catalogApi, DONATION_TARGET_LABELS } from '../components/catalog-api';
import { CatalogOrdersTab } from '../components/catalog-orders-tab';
import { CatalogRewardsTab } from '../components/catalog-rewards-tab';
import { CatalogWebhooksTab } from '../components/catalog-webhooks-tab';
import { PageTitle } from '../components/page-title';
import { useRemote } from '../components/use-remote';
import { navigate } from '../router';
import { canWrite } from '../session';
import type { PageProps } from './index';

const TABS = ['rewards', 'orders', 'webhooks', 'donations'] as const;

function DonationTotals() {
  const totals = useRemote(catalogApi.donations, 'donations');
  const byTarget = new Map<string, string>((totals.data ?? []).map((t) => [t.target, t.points]));
  return (
    <Row gutter={16}>
      {Object.entries(DONATION_TARGET_LABELS).map(([target, label]) => (
        <Col key={target} xs={24} md={8}>
          <Card loading={totals.loading}>
            <Statistic title={`${label}：累计捐赠`} value={byTarget.get(target) ?? '0'} suffix="积分" />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

/** Rewards, citizens' orders, webhook deliveries to partners and donation totals, one tab each (#/catalog/<tab>). */
export function CatalogPage({ segments }: PageProps) {
  const writable = canWrite();
  const active = TABS.find((tab) => tab === segments[0]) ?? 'rewards';
  return (
    <>
      <PageTitle>商品与订单</PageTitle>
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(`/catalog/${key}`)}
          destroyOnHidden
          items={[
            { key: 'rewards', label: '商品', children: <CatalogRewardsTab writable={writable} /> },
            { key: 'orders', label: '订单', children: <CatalogOrdersTab writable={writable} /> },
            { key: 'webhooks', label: '推送记录', children: <CatalogWebhooksTab writable={writable} /> },
            { key: 'donations', label: '捐赠', children: <DonationTotals /> },
          ]}
        />
      </Card>
    </>
  );
}
