import { describe, expect, it } from 'vitest';
import { isNarrowed, readListState, toListQuery, writeListState } from '../../renderer/cases/list-query';
import { shouldRunSearch } from '../../renderer/cases/search-keys';
import { CaseListQuerySchema } from '../../shared/domain/case';

/** A keydown as React hands it to Input.Search's onSearch (via onPressEnter). */
const keydown = (over: { key?: string; keyCode?: number; isComposing?: boolean; nativeKeyCode?: number } = {}) => ({
  key: over.key ?? 'Enter',
  keyCode: over.keyCode ?? 13,
  nativeEvent: { isComposing: over.isComposing ?? false, keyCode: over.nativeKeyCode ?? over.keyCode ?? 13 },
});

describe('the case search box and Chinese input (UX.md)', () => {
  it('searches on a plain Enter, a button click and the clear icon', () => {
    expect(shouldRunSearch(keydown(), false)).toBe(true);
    expect(shouldRunSearch({ type: 'click', button: 0 }, false)).toBe(true);
    expect(shouldRunSearch(undefined, false)).toBe(true);
  });

  it('does not search on the Enter that confirms a pinyin candidate', () => {
    // Simulated composition: 输入 "chenjing", compositionstart … Enter to take 陈静.
    let composing = false;
    const searched: string[] = [];
    const box = {
      value: '',
      compositionStart: () => { composing = true; },
      compositionEnd: (text: string) => { composing = false; box.value += text; },
      search: (event: unknown) => { if (shouldRunSearch(event, composing)) searched.push(box.value); },
    };
    box.compositionStart();
    // Chromium: keydown during composition, isComposing set, keyCode 229.
    box.search(keydown({ isComposing: true, keyCode: 229 }));
    box.compositionEnd('陈静');
    // Safari and some IMEs: compositionend first, then the confirming keydown with keyCode 229.
    box.compositionStart();
    box.compositionEnd('');
    box.search(keydown({ keyCode: 229 }));
    box.search(keydown({ keyCode: 13, nativeKeyCode: 229 }));
    // Still composing (state from compositionstart), whatever the event says.
    box.compositionStart();
    box.search(keydown());
    box.compositionEnd('');
    expect(searched).toEqual([]);
    // The next, deliberate Enter searches for what was composed.
    box.search(keydown());
    expect(searched).toEqual(['陈静']);
  });
});

describe('the case list state in the address', () => {
  it('reads and writes search, filters, paging and sorting, round trip', () => {
    const params = new URLSearchParams({
      page: '3', size: '50', sort: 'registeredOn', order: 'asc', q: '陈静 cj', status: 'registered,accepted',
      category: 'neighbour', local: '5', channel: 'application,police_referral', mediator: '4,7', from: '2026-01-01', to: '2026-03-31',
    });
    const state = readListState(params);
    expect(state).toEqual({
      page: 3, pageSize: 50, sortBy: 'registeredOn', order: 'asc', q: '陈静 cj', status: ['registered', 'accepted'],
      category: ['neighbour'], localCategoryId: [5], channel: ['application', 'police_referral'], leadMediatorId: [4, 7],
      registeredFrom: '2026-01-01', registeredTo: '2026-03-31',
    });
    expect(readListState(new URLSearchParams(writeListState(state)))).toEqual(state);
    expect(isNarrowed(state)).toBe(true);
    // What the page sends is what the contract accepts.
    expect(CaseListQuerySchema.strict().safeParse(toListQuery(state)).success).toBe(true);
  });

  it('drops anything unknown or malformed rather than send it to the core', () => {
    const state = readListState(new URLSearchParams({
      page: '-2', size: '33', sort: 'drop table', order: 'sideways', status: 'registered,bogus', category: 'piracy',
      mediator: '1,x,-3,2.5', from: '2026-02-30', to: 'yesterday', q: `  ${'长'.repeat(150)}  `,
    }));
    expect(state).toMatchObject({
      page: 1, pageSize: 20, sortBy: 'caseNo', order: 'desc', status: ['registered'], category: [], leadMediatorId: [1],
      registeredFrom: null, registeredTo: null,
    });
    expect(state.q).toHaveLength(100);
    expect(CaseListQuerySchema.strict().safeParse(toListQuery(state)).success).toBe(true);
  });

  it('leaves empty filters out of the address and the request', () => {
    const state = readListState(new URLSearchParams());
    expect(isNarrowed(state)).toBe(false);
    expect(writeListState(state)).toEqual({ page: '1', size: '20', sort: 'caseNo', order: 'desc' });
    expect(toListQuery(state)).toEqual({ page: 1, pageSize: 20, sortBy: 'caseNo', order: 'desc' });
  });
});
