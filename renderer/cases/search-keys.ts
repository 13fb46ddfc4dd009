import type { KeyboardEvent } from 'react';
import { isImeEnter } from '../lib/ime';

/**
 * Whether a search request from the case search box should run (UX.md, Chinese input): not while
 * an input method is composing, and not for the Enter that confirms a pinyin candidate, which
 * some engines report after compositionend (keyCode 229) and some with isComposing still set.
 * A click on the search button or the clear icon always searches.
 */
export function shouldRunSearch(event: unknown, composing: boolean): boolean {
  if (composing) return false;
  const e = event as Partial<KeyboardEvent> | undefined;
  if (!e || e.key !== 'Enter') return true;
  return !isImeEnter({ ...e, nativeEvent: e.nativeEvent ?? {} } as KeyboardEvent);
}
