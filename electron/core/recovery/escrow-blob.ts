import { armor, Decrypter, Encrypter } from 'age-encryption';

// The escrow blob is plain armored age (X25519), so the stock `age -d -i office.key` opens it too.

/** The data key encrypted to one age recipient, ASCII-armored. */
export async function sealToRecipient(dataKey: Buffer, recipient: string): Promise<string> {
  const e = new Encrypter();
  e.addRecipient(recipient);
  return armor.encode(await e.encrypt(new Uint8Array(dataKey)));
}

/** The data key from an escrow blob, trying each identity; null when none of them opens it. */
export async function openWithIdentities(blob: string, identities: string[]): Promise<Buffer | null> {
  let bytes: Uint8Array;
  try {
    bytes = armor.decode(blob);
  } catch {
    return null;
  }
  for (const identity of identities) {
    const d = new Decrypter();
    d.addIdentity(identity);
    try {
      return Buffer.from(await d.decrypt(bytes));
    } catch { /* not this identity */ }
  }
  return null;
}
