import { Button, Space } from 'antd';
import { get, type Schema } from '../api';
import { formatCst, formatCstLongDate } from '../cst';
import { navigate } from '../router';
import { formatMass, groupDigits } from './carbon-units';
import { RemoteView } from './remote-view';
import { useRemote } from './use-remote';
import './print.css';

type Certificate = Schema<'RetirementCertificateDto'>;

/** '1 吨（1,000,000 克）': the amount in its best unit, with the exact grams when that unit is larger. */
const amount = (grams: string) => {
  const mass = formatMass(grams, 6);
  return mass.endsWith(' 克') ? mass : `${mass}（${groupDigits(grams)} 克）`;
};

/**
 * A retirement laid out as a certificate (注销证明), printable on A4 without the console's chrome:
 * what was retired, from which pool, for what and when, issued by the configured unit. No ledger ids.
 */
export function RetirementCertificate({ serial }: { serial: string }) {
  const path = `/admin/v1/retirements/${encodeURIComponent(serial)}/certificate`;
  const remote = useRemote(() => get<Certificate>(path), path);
  return (
    <>
      <Space className="no-print" style={{ marginBottom: 16 }}>
        <Button onClick={() => navigate('/pools')}>返回</Button>
        <Button type="primary" data-testid="certificate-print" onClick={() => window.print()}>
          打印
        </Button>
      </Space>
      <RemoteView remote={remote} what="注销证明">
        {(data) => {
          const pool = `${data.regionName}（${data.region}）`;
          return (
            <div className="certificate" data-testid="certificate">
              <h1>碳普惠减排量注销证明</h1>
              <div className="serial">
                编号：<span data-testid="certificate-serial">{data.serial}</span>
              </div>
              <p>
                兹证明，山东省碳普惠平台 {pool} 减排量池已于 {formatCstLongDate(data.retiredAt)}{' '}
                注销经核证的碳普惠减排量 <strong>{formatMass(data.grams, 6)}</strong> 二氧化碳当量，用于“
                {data.purpose}”。 该减排量自注销之日起不再用于其他任何抵消、交易或注销。
              </p>
              <table data-testid="certificate-items">
                <caption>注销明细</caption>
                <tbody>
                  <tr>
                    <th scope="row">注销编号</th>
                    <td>{data.serial}</td>
                  </tr>
                  <tr>
                    <th scope="row">减排量池（区县）</th>
                    <td data-testid="certificate-pool">{pool}</td>
                  </tr>
                  <tr>
                    <th scope="row">注销数量</th>
                    <td data-testid="certificate-amount">{amount(data.grams)} 二氧化碳当量</td>
                  </tr>
                  <tr>
                    <th scope="row">注销用途</th>
                    <td data-testid="certificate-purpose">{data.purpose}</td>
                  </tr>
                  <tr>
                    <th scope="row">受益方</th>
                    <td>{data.beneficiary ?? '—'}</td>
                  </tr>
                  <tr>
                    <th scope="row">注销时间</th>
                    <td data-testid="certificate-date">{formatCst(data.retiredAt)}（北京时间）</td>
                  </tr>
                </tbody>
              </table>
              <div className="seal">
                <div>
                  <div>
                    出具单位（签章）：<span data-testid="certificate-issuer">{data.issuer}</span>
                  </div>
                  <div>日期：{formatCstLongDate(data.retiredAt)}</div>
                </div>
                <div className="seal-box">签章处</div>
              </div>
            </div>
          );
        }}
      </RemoteView>
    </>
  );
}
