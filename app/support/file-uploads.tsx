"use client";
// Attaching files (desk and portal): a file input, the upload to the ticket's attachments
// route, and the list of a message's files.

const formatSize = (n: number) =>
  n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : n >= 1024 ? `${Math.round(n / 1024)} KB` : `${n} B`;

export const ACCEPT = "image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain";

/** Uploads files to `url`; throws the server's message (too large, wrong type…) on refusal. */
export async function uploadFiles(url: string, files: File[]) {
  if (files.length === 0) return;
  const form = new FormData();
  for (const f of files) form.append("files", f);
  const res = await fetch(url, { method: "POST", body: form });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The upload failed (${res.status})`);
  }
}

export function FileList({
  files,
}: {
  files: Array<{ id: string; fileName: string; sizeBytes: number; url: string }>;
}) {
  if (files.length === 0) return null;
  return (
    <ul className="list-plain small mt-1">
      {files.map((f) => (
        <li key={f.id}>
          📎 <a href={f.url}>{f.fileName}</a> <span className="muted">({formatSize(f.sizeBytes)})</span>
        </li>
      ))}
    </ul>
  );
}
