import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS, passwordProblems, passwordProblemText } from '../../shared/domain/accounts';

// The one password rule (shared/domain/accounts.ts) the core and every password field apply.

describe('passwordProblems', () => {
  it('accepts 10+ characters with 3 classes, or 12+ with 2', () => {
    expect(passwordProblems('Hupan-Lu-88', 'chenjing')).toEqual([]);
    expect(passwordProblems('baisha-2026', 'wangtj')).toEqual([]); // lower, symbol, digit
    expect(passwordProblems('qingshanlu2026', 'wangtj')).toEqual([]); // 14 characters, 2 classes
    expect(passwordProblems('Abcdefgh1!')).toEqual([]); // exactly 10, 4 classes
  });

  it('says each thing that is missing', () => {
    expect(passwordProblems('Ab1!xyz', 'wangtj')).toEqual(['length']);
    expect(passwordProblems('qingshanlu1', 'wangtj')).toEqual(['classes']); // 11 characters, 2 classes: not enough
    expect(passwordProblems('qingshanlushi', 'wangtj')).toEqual(['classes']); // 13 characters, 1 class
    expect(passwordProblems('wangtj-2026', 'wangtj')).toEqual(['username']);
    expect(passwordProblems('WANGTJ-2026', 'wangtj')).toEqual(['username']); // without case
    expect(passwordProblems('Password123', 'wangtj')).toEqual(['common']);
    expect(passwordProblems('chen1', 'chenjing')).toEqual(['length', 'classes']);
    expect(passwordProblems('chenjing1', 'chenjing')).toEqual(['length', 'classes', 'username']);
  });

  it('counts characters, not bytes, and a 2-character login name is not checked', () => {
    expect(passwordProblems('调解委员会密码12', 'ab')).toEqual(['length', 'classes']); // 9 characters, 2 classes
    expect(passwordProblems('调解委员会白沙社区-12', 'ab')).toEqual([]); // 12 characters: symbol-class Chinese, hyphen, digits
    expect(passwordProblems('ab-cd-2026-x', 'ab')).toEqual([]);
  });

  it('every common password is refused (the list is compared without case)', () => {
    for (const p of COMMON_PASSWORDS) expect(passwordProblems(p.toUpperCase())).toContain('common');
  });

  it('the Chinese message names what is missing', () => {
    expect(passwordProblemText(['length', 'username'])).toBe('密码强度不够：至少10位；不能包含登录名');
    expect(passwordProblemText(['classes'])).toContain('至少3类（12位以上时至少2类）');
  });
});
