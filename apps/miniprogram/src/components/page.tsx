import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { pressable } from './ui';

const TABS = [
  { url: '/pages/home/index', label: '首页' },
  { url: '/pages/record/index', label: '记录' },
  { url: '/pages/social/index', label: '社区' },
  { url: '/pages/shop/index', label: '商城' },
  { url: '/pages/me/index', label: '我的' },
] as const;

export type TabUrl = (typeof TABS)[number]['url'];

export function go(url: string): void {
  void Taro.navigateTo({ url });
}

/** A page: its heading, its content, and (for the five main pages) the bottom navigation. */
export function Page(props: { title: string; tab?: TabUrl; children: ReactNode; back?: boolean }) {
  const { title, tab, children } = props;
  const back = () => void Taro.navigateBack().catch(() => Taro.reLaunch({ url: '/pages/home/index' }));
  const open = (url: string) => url !== tab && void Taro.reLaunch({ url });
  return (
    <View className="page">
      <View className="page-header">
        {props.back ? (
          <View className="back" aria-label="返回" onClick={back} {...pressable(back, 'link')}>
            ‹ 返回
          </View>
        ) : null}
        <View className="page-title" role="heading" aria-level={1}>
          {title}
        </View>
      </View>
      <View className="page-body" role="main">
        {children}
      </View>
      {tab ? (
        <View className="tabbar" role="navigation" aria-label="主导航">
          {TABS.map((item) => (
            <View
              key={item.url}
              className={`tab${item.url === tab ? ' tab-current' : ''}`}
              aria-current={item.url === tab ? 'page' : undefined}
              onClick={() => open(item.url)}
              {...pressable(() => open(item.url), 'link')}
            >
              {item.label}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
