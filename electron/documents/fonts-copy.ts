import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_FONTS, documentFontFiles } from './fonts';

/** Where @fontsource keeps a family's files, under the project's node_modules. */
export const fontsourceDir = (projectRoot: string, pkg: string): string => join(projectRoot, 'node_modules', '@fontsource', pkg, 'files');

/** The installed file behind a document font file name, or null for a name that is not one. */
export function fontSourcePath(projectRoot: string, fileName: string): string | null {
  if (!documentFontFiles().includes(fileName)) return null;
  const font = DOCUMENT_FONTS.find((f) => fileName.startsWith(`${f.pkg}-`))!;
  return join(fontsourceDir(projectRoot, font.pkg), fileName);
}

/**
 * Copies the document fonts (about 8 MB: Noto Serif SC 400 and Noto Sans SC 700, every subset) into
 * one folder: the build calls it for dist/renderer/fonts, served at app://tiaojie/fonts/.
 */
export function copyDocumentFonts(projectRoot: string, destDir: string): number {
  mkdirSync(destDir, { recursive: true });
  let n = 0;
  for (const file of documentFontFiles()) {
    const from = fontSourcePath(projectRoot, file)!;
    if (!existsSync(from)) throw new Error(`font file missing: ${from}`);
    copyFileSync(from, join(destDir, file));
    n++;
  }
  return n;
}
