// The technician app's offline store, in IndexedDB: the last copy of today's jobs and the van
// (so the app opens without a connection), and the queue of actions taken on the phone. Every
// action gets its idempotency key when it is queued; replaying it, once or twice, applies it once.

export type QueuedOp = "move" | "record" | "addPhoto" | "sign" | "complete";
export type QueuedAction = {
  seq?: number;
  key: string;
  op: QueuedOp;
  workOrderId: string;
  input: Record<string, unknown>;
  /** What the technician sees while it waits ("Arrived", "Photo", …). */
  label: string;
  queuedAt: number;
  /** Set when the server refused it (the order changed meanwhile): shown, never retried. */
  conflict?: string;
};

const DB = "fiberops-tech";
const QUEUE = "queue";
const CACHE = "cache";

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore(QUEUE, { keyPath: "seq", autoIncrement: true });
      req.result.createObjectStore(CACHE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(store: string, mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(store, mode);
      const req = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const queue = {
  add: (action: QueuedAction) => run(QUEUE, "readwrite", (s) => s.add(action)),
  /** Oldest first: the order the technician acted in. */
  all: () => run<QueuedAction[]>(QUEUE, "readonly", (s) => s.getAll() as IDBRequest<QueuedAction[]>),
  remove: (seq: number) => run(QUEUE, "readwrite", (s) => s.delete(seq)),
  put: (action: QueuedAction) => run(QUEUE, "readwrite", (s) => s.put(action)),
};

export const cache = {
  get: <T>(key: string) => run<T | undefined>(CACHE, "readonly", (s) => s.get(key) as IDBRequest<T | undefined>),
  set: (key: string, value: unknown) => run(CACHE, "readwrite", (s) => s.put(value, key)),
};
