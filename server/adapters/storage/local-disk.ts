// Files on the local disk under one directory (ATTACHMENTS_DIR, default .data/attachments):
// the default for one machine and for development. Keys may only name files inside it.
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertStorageKey, type FileStorage } from "./port";

export class LocalDiskStorage implements FileStorage {
  readonly name = "local-disk";
  constructor(private readonly root: string) {}

  private pathOf(key: string) {
    return path.join(this.root, assertStorageKey(key));
  }

  async put(key: string, bytes: Uint8Array) {
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes, { mode: 0o600 });
  }

  async get(key: string) {
    try {
      return new Uint8Array(await readFile(this.pathOf(key)));
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return null;
      throw error;
    }
  }

  async delete(key: string) {
    await rm(this.pathOf(key), { force: true });
  }
}
