import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api';
import { useAction } from '../../api/hooks';
import type { Schemas } from '../../api/types';
import { Btn, Card, Choice, Field, Notice } from '../../components/ui';
import { formatPoints } from '../../lib/format';
import { DONATION_TARGET_ZH } from '../../lib/terms';

type Target = Schemas['DonateDto']['target'];

export function Donate({ onDonated }: { onDonated: () => void }) {
  const [target, setTarget] = useState<Target>('tree-planting');
  const [points, setPoints] = useState('100');
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<string>();
  const action = useAction();
  const donate = () =>
    action.run(async () => {
      setDone(undefined);
      const donation = await api.post('/v1/donations', {
        headers: { 'Idempotency-Key': key },
        body: { target, points },
      });
      setKey(newIdempotencyKey());
      setDone(`感谢！已向${DONATION_TARGET_ZH[target]}捐赠 ${formatPoints(donation.points)}。`);
      onDonated();
    });
  return (
    <Card title="捐赠积分" testId="donate">
      <Choice
        label="捐给"
        value={target}
        onChange={setTarget}
        options={(Object.keys(DONATION_TARGET_ZH) as Target[]).map((value) => ({
          value,
          label: DONATION_TARGET_ZH[value]!,
        }))}
      />
      <Field id="donate-points" label="捐赠积分" type="number" value={points} onInput={setPoints} />
      <Notice error={action.error} success={done} />
      <Btn onClick={() => void donate()} disabled={action.pending || !/^[1-9]\d{0,15}$/.test(points)}>
        捐赠
      </Btn>
    </Card>
  );
}
