import { describe, expect, it } from 'vitest';
import {
  createKeyFile, generateRecoveryPassphrase, normalisePassphrase, unwrapWithPassphrase, WrongPassphraseError,
} from '../../electron/crypto/key-file';

describe('recovery passphrase', () => {
  it('is 8 groups of 5 characters without look-alikes', () => {
    const p = generateRecoveryPassphrase();
    expect(p).toMatch(/^[A-HJKMNP-TV-Z2-9]{5}(-[A-HJKMNP-TV-Z2-9]{5}){7}$/);
    expect(generateRecoveryPassphrase()).not.toBe(p);
  });

  it('reads a generated passphrase back in any case, with or without dashes', () => {
    const p = 'DHA4N-63TXW-5ZVWH-3HDDY-93PHT-27EQ8-A9YMY-SZP8R';
    expect(normalisePassphrase(' dha4n 63txw 5zvwh 3hddy 93pht 27eq8 a9ymy szp8r ')).toBe(p);
    expect(normalisePassphrase('DHA4N63TXW5ZVWH3HDDY93PHT27EQ8A9YMYSZP8R')).toBe(p);
    // A passphrase of one's own (the CLI's) keeps its case: only spacing is forgiven.
    expect(normalisePassphrase('  My  Own Passphrase ')).toBe('My Own Passphrase');
  });

  it('unwraps the data key with the passphrase and refuses any other', async () => {
    const p = generateRecoveryPassphrase();
    const { file, dataKey } = await createKeyFile(p);
    expect(await unwrapWithPassphrase(file, p.toLowerCase().replaceAll('-', ' '))).toEqual(dataKey);
    await expect(unwrapWithPassphrase(file, `${p}X`)).rejects.toBeInstanceOf(WrongPassphraseError);
    const tampered = { ...file, passphrase: { ...file.passphrase, sealed: { ...file.passphrase.sealed, data: Buffer.alloc(32, 1).toString('base64') } } };
    await expect(unwrapWithPassphrase(tampered, p)).rejects.toBeInstanceOf(WrongPassphraseError);
  });
});
