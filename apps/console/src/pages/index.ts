import type { ComponentType } from 'react';
import { ActionAuditPage } from './action-audit-page';
import { CampaignsPage } from './campaigns-page';
import { CatalogPage } from './catalog-page';
import { DashboardPage } from './dashboard-page';
import { MethodologiesPage } from './methodologies-page';
import { PartnersPage } from './partners-page';
import { PoolsPage } from './pools-page';
import { ReviewsPage } from './reviews-page';

export interface PageProps {
  /** Path segments after the page's prefix, e.g. ['cycling', '2'] for #/methodologies/cycling/2. */
  segments: string[];
}

export interface ConsolePage {
  path: string;
  label: string;
  component: ComponentType<PageProps>;
}

export const PAGES: ConsolePage[] = [
  { path: '/dashboard', label: '数据看板', component: DashboardPage },
  { path: '/methodologies', label: '方法学版本', component: MethodologiesPage },
  { path: '/reviews', label: '审核队列', component: ReviewsPage },
  { path: '/pools', label: '减排量池与注销', component: PoolsPage },
  { path: '/actions', label: '行为审计', component: ActionAuditPage },
  { path: '/partners', label: '合作方与密钥', component: PartnersPage },
  { path: '/catalog', label: '商品与订单', component: CatalogPage },
  { path: '/campaigns', label: '活动', component: CampaignsPage },
];
