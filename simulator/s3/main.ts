// Runs the S3 fake on its own: `npx tsx simulator/s3/main.ts` (PORT, default 4020; S3_BUCKET,
// S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY with test defaults). Point the app at it
// with S3_ENDPOINT=http://127.0.0.1:4020 and the same bucket, region and keys.
import { startFakeS3 } from "./server";

const fake = await startFakeS3({
  port: Number(process.env.PORT ?? 4020),
  bucket: process.env.S3_BUCKET ?? "fiberops-attachments",
  region: process.env.S3_REGION ?? "us-east-1",
  credentials: {
    accessKeyId: process.env.S3_ACCESS_KEY_ID ?? "AKIAFIBEROPSLOCAL",
    secretAccessKey: process.env.S3_SECRET_ACCESS_KEY ?? "fiberops-local-secret",
  },
});
console.log(`fake S3 listening on ${fake.url} (path-style, bucket ${process.env.S3_BUCKET ?? "fiberops-attachments"})`);
