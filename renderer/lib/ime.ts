import type { KeyboardEvent } from 'react';

/** Enter that confirms a candidate in a Chinese input method (composition still open). */
export const isImeEnter = (e: KeyboardEvent): boolean =>
  e.key === 'Enter' && (e.nativeEvent.isComposing || e.keyCode === 229 || e.nativeEvent.keyCode === 229);

/** Put on a <Form onKeyDown>: an IME Enter never submits the form. */
export function guardImeEnter(e: KeyboardEvent): void {
  if (isImeEnter(e)) {
    e.preventDefault();
    e.stopPropagation();
  }
}
