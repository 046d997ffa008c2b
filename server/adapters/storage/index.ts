// The storage adapter's face: the installation's file storage, chosen by configuration — an
// S3-compatible bucket when S3_BUCKET is set, else the local disk.
import path from "node:path";
import { env } from "@/server/env";
import { LocalDiskStorage } from "./local-disk";
import type { FileStorage } from "./port";
import { S3Storage } from "./s3";

export type { FileStorage } from "./port";
export { LocalDiskStorage, S3Storage };

function configuredStorage(): FileStorage {
  const e = env();
  if (!e.S3_BUCKET)
    return new LocalDiskStorage(process.env.ATTACHMENTS_DIR ?? path.join(process.cwd(), ".data", "attachments"));
  if (!e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY)
    throw new Error("S3_BUCKET is set but S3_ACCESS_KEY_ID or S3_SECRET_ACCESS_KEY is not");
  return new S3Storage({
    bucket: e.S3_BUCKET,
    region: e.S3_REGION,
    endpoint: e.S3_ENDPOINT,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === "1" || e.S3_FORCE_PATH_STYLE === "true",
    credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY },
  });
}

let storage: FileStorage | undefined;
export function fileStorage(): FileStorage {
  storage ??= configuredStorage();
  return storage;
}
