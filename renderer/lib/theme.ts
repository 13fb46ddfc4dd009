import type { ThemeConfig } from 'antd';

const FONT_FAMILY = [
  '-apple-system', 'BlinkMacSystemFont', '"Segoe UI"', '"PingFang SC"', '"Hiragino Sans GB"',
  '"Microsoft YaHei"', '"Noto Sans CJK SC"', '"Noto Sans SC"', '"Source Han Sans SC"',
  '"WenQuanYi Micro Hei"', 'sans-serif',
].join(', ');

/** Calm, legible defaults for older mediators; large text scales every size token by 1.3. */
export function buildTheme(largeText: boolean): ThemeConfig {
  const s = largeText ? 1.3 : 1;
  const px = (n: number) => Math.round(n * s);
  return {
    token: {
      fontFamily: FONT_FAMILY,
      fontSize: px(16),
      fontSizeSM: px(14),
      fontSizeLG: px(18),
      fontSizeXL: px(20),
      fontSizeHeading1: px(34),
      fontSizeHeading2: px(28),
      fontSizeHeading3: px(23),
      fontSizeHeading4: px(20),
      fontSizeHeading5: px(17),
      controlHeight: px(36),
      controlHeightSM: px(28),
      controlHeightLG: px(44),
      controlInteractiveSize: px(18),
      lineHeight: 1.6,
      colorPrimary: '#1f5fa8',
      // Secondary text, hints and errors darker than Ant Design's defaults: WCAG AA (4.5:1) on white.
      colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
      colorTextDescription: 'rgba(0, 0, 0, 0.58)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
      colorError: '#c4161c',
      colorTextBase: '#1f1f1f',
      colorBgLayout: '#f3f5f8',
      borderRadius: 6,
    },
    components: {
      Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerHeight: px(60), headerPadding: `0 ${px(24)}px` },
      Menu: { itemHeight: px(48), iconSize: px(18), collapsedIconSize: px(18), itemMarginBlock: px(4) },
      Table: { cellPaddingBlock: px(12) },
      Steps: { iconSize: px(32) },
    },
  };
}
