import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface PageProps {
  /** Path segments after the page's prefix, e.g. ['cycling', '2'] for #/methodologies/cycling/2. */
  segments: string[];
}

export interface ConsolePage {
  path: string;
  label: string;
  component: LazyExoticComponent<ComponentType<PageProps>>;
}

/**
 * Each page is its own chunk, loaded when first opened: the login page and the shell carry no page
 * code, and ECharts comes only with the pages that draw charts.
 */
const page = <Name extends string>(load: () => Promise<Record<Name, ComponentType<PageProps>>>, name: Name) =>
  lazy(async () => ({ default: (await load())[name] }));

export const PAGES: ConsolePage[] = [
  {
    path: '/dashboard',
    label: '数据看板',
    component: page(() => import('./dashboard-page'), 'DashboardPage'),
  },
  {
    path: '/methodologies',
    label: '方法学版本',
    component: page(() => import('./methodologies-page'), 'MethodologiesPage'),
  },
  { path: '/reviews', label: '审核队列', component: page(() => import('./reviews-page'), 'ReviewsPage') },
  { path: '/pools', label: '减排量池与注销', component: page(() => import('./pools-page'), 'PoolsPage') },
  {
    path: '/actions',
    label: '行为查询',
    component: page(() => import('./action-audit-page'), 'ActionAuditPage'),
  },
  {
    path: '/partners',
    label: '合作方与密钥',
    component: page(() => import('./partners-page'), 'PartnersPage'),
  },
  { path: '/catalog', label: '商品与订单', component: page(() => import('./catalog-page'), 'CatalogPage') },
  { path: '/campaigns', label: '活动', component: page(() => import('./campaigns-page'), 'CampaignsPage') },
  {
    path: '/organisations',
    label: '单位账户',
    component: page(() => import('./organisations-page'), 'OrganisationsPage'),
  },
];
