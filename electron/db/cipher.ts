/** The cipher settings and key every connection to a Tiaojie file uses (SQLCipher 4 compatible); the key is tried at the first read. */
export function keyConnection(db: { pragma(s: string): unknown }, dataKey: Buffer): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
  db.pragma(`key = "x'${dataKey.toString('hex')}'"`);
}
