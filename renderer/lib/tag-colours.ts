import type { CSSProperties } from 'react';

/** Soft tag colours whose text keeps WCAG AA contrast (Ant Design's gold and orange presets do not). */
export const TAG_COLOURS = {
  blue: { background: '#e6f4ff', color: '#0a4ea8', borderColor: '#91caff' },
  cyan: { background: '#e6fffb', color: '#00615a', borderColor: '#87e8de' },
  gold: { background: '#fffbe6', color: '#7a5200', borderColor: '#ffe58f' },
  green: { background: '#f6ffed', color: '#2a6a0f', borderColor: '#b7eb8f' },
  volcano: { background: '#fff2e8', color: '#a02b06', borderColor: '#ffbb96' },
  orange: { background: '#fff7e6', color: '#8a4500', borderColor: '#ffd591' },
  purple: { background: '#f9f0ff', color: '#531dab', borderColor: '#d3adf7' },
  grey: { background: '#f5f5f5', color: '#4a4a4a', borderColor: '#d9d9d9' },
} satisfies Record<string, CSSProperties>;

export type TagColour = keyof typeof TAG_COLOURS;
