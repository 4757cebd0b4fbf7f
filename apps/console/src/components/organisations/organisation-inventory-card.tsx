import { Alert, Button, Card, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { ApiError, typed, unwrap } from '../../api';
import { cstToday } from '../../cst';
import { sentenceForCode } from '../../locale';
import { RemoteView } from '../remote-view';
import { useRemote } from '../use-remote';
import { InventoryCorrectionModal } from './inventory-correction-modal';
import { InventoryYearView } from './inventory-year-view';

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

/**
 * 公共机构碳中和: a public institution's emissions inventory for a chosen year (last year at first),
 * its revisions, and, for an admin, a correction that adds the next revision.
 */
export function OrganisationInventoryCard({
  organisationId,
  writable,
}: {
  organisationId: string;
  writable: boolean;
}) {
  const [year, setYear] = useState(() => Number(cstToday().slice(0, 4)) - 1);
  // What is typed: the year follows it once it is a whole year in range.
  const [draft, setDraft] = useState<number | null>(year);
  const [correcting, setCorrecting] = useState(false);
  const inventory = useRemote(
    // A year never recorded is an answer here, not a failure.
    () =>
      unwrap(
        typed.GET('/admin/v1/organisations/{id}/inventories/{year}', {
          params: { path: { id: organisationId, year } },
        }),
      ).catch((error: unknown) => {
        if (error instanceof ApiError && error.code === 'INVENTORY_NOT_FOUND') return null;
        throw error;
      }),
    `inventory-${organisationId}-${year}`,
  );

  return (
    <Card
      title="年度排放清单"
      style={{ marginBottom: 16 }}
      extra={
        writable &&
        inventory.data && (
          <Button size="small" onClick={() => setCorrecting(true)} data-testid="correction-open">
            更正清单
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 16 }} wrap>
        <label htmlFor="inventory-year">年度</label>
        <InputNumber
          id="inventory-year"
          min={FIRST_YEAR}
          max={LAST_YEAR}
          precision={0}
          value={draft}
          onChange={(value) => {
            setDraft(value);
            if (value !== null && value >= FIRST_YEAR && value <= LAST_YEAR) setYear(value);
          }}
          data-testid="inventory-year"
        />
      </Space>
      <RemoteView remote={inventory} what="排放清单" rows={4}>
        {(data) =>
          data ? (
            <InventoryYearView inventory={data} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={sentenceForCode('INVENTORY_NOT_FOUND')}
              data-testid="inventory-none"
            />
          )
        }
      </RemoteView>
      <InventoryCorrectionModal
        organisationId={organisationId}
        inventory={correcting && inventory.data ? inventory.data : undefined}
        onClose={() => setCorrecting(false)}
        onCorrected={() => {
          setCorrecting(false);
          inventory.reload();
        }}
      />
    </Card>
  );
}
