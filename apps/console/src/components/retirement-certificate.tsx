import { Button, Space } from 'antd';
import { get } from '../api';
import { districtLabel } from '../labels';
import { navigate } from '../router';
import { formatCst, formatCstLongDate } from '../cst';
import { formatGramsExact, formatTonnesExact } from './carbon-units';
import type { RetirementView } from './pool-types';
import { useRemote } from './use-remote';
import './print.css';

/** A retirement record laid out as a certificate (注销证明), printable on A4 without the console's chrome. */
export function RetirementCertificate({ serial }: { serial: string }) {
  const path = `/admin/v1/retirements/${encodeURIComponent(serial)}`;
  const { data } = useRemote(() => get<RetirementView>(path), path);
  if (!data) return null;
  const region = `${districtLabel(data.region)}（${data.region}）`;
  return (
    <>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button onClick={() => navigate('/pools')}>返回</Button>
        <Button type="primary" data-testid="certificate-print" onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <div className="certificate" data-testid="certificate">
        <h1>碳普惠减排量注销证明</h1>
        <div className="serial">
          编号：<span data-testid="certificate-serial">{data.serial}</span>
        </div>
        <p>
          兹证明，山东省碳普惠平台 {region} 减排量池已于 {formatCstLongDate(data.createdAt)}{' '}
          注销经核证的碳普惠减排量 <strong>{formatTonnesExact(data.grams)}</strong> 二氧化碳当量，用于“
          {data.purpose}”。 该减排量自注销之日起不再用于其他任何抵消、交易或注销。
        </p>
        <table>
          <tbody>
            <tr>
              <th>注销编号</th>
              <td>{data.serial}</td>
            </tr>
            <tr>
              <th>减排量池</th>
              <td>{region}</td>
            </tr>
            <tr>
              <th>注销数量</th>
              <td data-testid="certificate-amount">
                {formatTonnesExact(data.grams)}（{formatGramsExact(data.grams)}）CO2e
              </td>
            </tr>
            <tr>
              <th>注销用途</th>
              <td>{data.purpose}</td>
            </tr>
            <tr>
              <th>受益方</th>
              <td>{data.beneficiary ?? '—'}</td>
            </tr>
            <tr>
              <th>注销时间</th>
              <td>{formatCst(data.createdAt)}（北京时间）</td>
            </tr>
            <tr>
              <th>账本记录</th>
              <td>分录 {data.postingId}</td>
            </tr>
          </tbody>
        </table>
        <div className="seal">
          <div>
            <div>出具单位（签章）：</div>
            <div>日期：{formatCstLongDate(data.createdAt)}</div>
          </div>
          <div className="seal-box">签章处</div>
        </div>
      </div>
    </>
  );
}
