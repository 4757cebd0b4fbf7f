import type { ThemeConfig } from 'antd';

/**
 * Colours chosen for contrast ≥ 4.5:1 (WCAG AA) where antd's defaults fall short: links (#1677ff is
 * 4.1:1 on white), danger text and buttons (#ff4d4f is 3.3:1), the selected menu item and the
 * secondary text. The green is the bureau's; every pair was measured against its background.
 */
const GREEN = '#1f7a4d'; // 5.3:1 on white
const DEEP_GREEN = '#176b42'; // 5.6:1 on the selected item's tint
const RED = '#c4161c'; // 6.0:1 on white

export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: GREEN,
    colorLink: GREEN,
    colorInfo: '#0b5cad',
    colorError: RED,
    colorErrorText: RED,
    colorWarningText: '#8a5300',
    colorSuccessText: DEEP_GREEN,
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextDescription: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
  components: {
    Menu: { itemSelectedBg: '#e3f1e8', itemSelectedColor: DEEP_GREEN },
  },
};
