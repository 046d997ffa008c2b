// The file storage port: where ticket attachments (and later other uploads) keep their bytes.
// Keys are opaque, chosen by the caller; nothing here decides who may read a file.
export interface FileStorage {
  readonly name: string;
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  /** The bytes, or null when the key holds nothing. */
  get(key: string): Promise<Uint8Array | null>;
  delete(key: string): Promise<void>;
}

/** Keys are tenant-scoped random names: letters, digits, `/`, `_`, `-`; never `..`. */
export function assertStorageKey(key: string): string {
  if (!/^[a-zA-Z0-9/_-]{1,200}$/.test(key) || key.includes("..")) throw new Error(`invalid storage key ${key}`);
  return key;
}
