// The storage adapter's face: the installation's file storage (local disk; an S3-compatible
// store is not built yet).
import path from "node:path";
import { LocalDiskStorage } from "./local-disk";
import type { FileStorage } from "./port";

export type { FileStorage } from "./port";
export { LocalDiskStorage };

let storage: FileStorage | undefined;
export function fileStorage(): FileStorage {
  storage ??= new LocalDiskStorage(process.env.ATTACHMENTS_DIR ?? path.join(process.cwd(), ".data", "attachments"));
  return storage;
}
