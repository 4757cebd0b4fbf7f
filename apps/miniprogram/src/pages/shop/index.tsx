import { useState } from 'react';
import { Choice } from '../../components/ui';
import { Page } from '../../components/page';
import { requireSession } from '../../lib/session';
import { Donate } from './donate';
import { Orders } from './orders';
import { Rewards } from './rewards';

/** 积分商城 / 我的订单 / 捐赠. */
export default function Shop() {
  requireSession();
  const [section, setSection] = useState<'rewards' | 'orders' | 'donate'>('rewards');
  const [version, setVersion] = useState(0);
  const changed = () => setVersion((v) => v + 1);
  return (
    <Page title="积分商城" tab="/pages/shop/index">
      <Choice
        label="查看"
        value={section}
        onChange={setSection}
        options={[
          { value: 'rewards', label: '兑换' },
          { value: 'orders', label: '我的订单' },
          { value: 'donate', label: '捐赠' },
        ]}
      />
      {section === 'rewards' ? <Rewards onRedeemed={changed} /> : null}
      {section === 'orders' ? <Orders version={version} /> : null}
      {section === 'donate' ? <Donate onDonated={changed} /> : null}
    </Page>
  );
}
