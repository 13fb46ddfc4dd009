#!/usr/bin/env node
// `node scripts/icons.mjs`: renders build/icon.svg at every size the installers need into build/icons/NxN.png
// (Linux: deb and AppImage take the folder), and packs build/icon.ico (Windows) and build/icon.icns (macOS)
// from those PNGs. Both formats hold PNGs as they are, so no image tool is needed beyond a Chromium to draw
// the SVG (Debian's /usr/bin/chromium, or Playwright's own). The results are committed; CI does not rerun this.
import { Buffer } from 'node:buffer';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');
const BUILD = join(ROOT, 'build');
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
// Apple's icns types holding a PNG, by pixel size (the @2x types reuse the doubled size).
const ICNS_TYPES = [['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512]];

const svg = readFileSync(join(BUILD, 'icon.svg'), 'utf8');
const browser = await chromium.launch(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {});
const pngs = new Map();
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setContent(`<!doctype html><body style="margin:0;background:transparent">${sized}</body>`);
    await page.evaluate('document.fonts.ready'); // the 调 of the SVG needs its CJK font loaded
    pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
  }
} finally {
  await browser.close();
}

mkdirSync(join(BUILD, 'icons'), { recursive: true });
for (const [size, png] of pngs) writeFileSync(join(BUILD, 'icons', `${size}x${size}.png`), png);

// ICO: a directory of 16-byte entries, then the PNGs (Windows Vista and later read PNG entries).
const header = Buffer.alloc(6 + 16 * ICO_SIZES.length);
header.writeUInt16LE(0, 0);
header.writeUInt16LE(1, 2);
header.writeUInt16LE(ICO_SIZES.length, 4);
let offset = header.length;
ICO_SIZES.forEach((size, i) => {
  const at = 6 + 16 * i;
  const png = pngs.get(size);
  header.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
  header.writeUInt8(size >= 256 ? 0 : size, at + 1);
  header.writeUInt16LE(1, at + 4); // planes
  header.writeUInt16LE(32, at + 6); // bits per pixel
  header.writeUInt32LE(png.length, at + 8);
  header.writeUInt32LE(offset, at + 12);
  offset += png.length;
});
writeFileSync(join(BUILD, 'icon.ico'), Buffer.concat([header, ...ICO_SIZES.map((s) => pngs.get(s))]));

// ICNS: 'icns' and the total length, then per image its type, its length with this 8-byte head, the PNG.
const chunks = ICNS_TYPES.map(([type, size]) => {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'latin1');
  head.writeUInt32BE(8 + pngs.get(size).length, 4);
  return Buffer.concat([head, pngs.get(size)]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'latin1');
icnsHead.writeUInt32BE(8 + chunks.reduce((n, c) => n + c.length, 0), 4);
writeFileSync(join(BUILD, 'icon.icns'), Buffer.concat([icnsHead, ...chunks]));
console.log(`✓ build/icons/{${SIZES.join(',')}}.png, build/icon.ico, build/icon.icns`);
