// J13: the field technician, on a phone. The demo technician signs in and lands on today's
// jobs, their route on a map and a navigate link per job; the phone loses its connection (the app and today's jobs still open from the phone's
// own copy); offline they arrive, start, tick the checklist, take the ONU from the van by
// serial, record the optical power, a photo and the customer's signature, and complete. Nothing
// reaches the server until the connection returns; then the queued actions apply exactly once,
// the install starts provisioning (visible on the phone), and the new subscriber's CPE dials the
// BNG simulator and FreeRADIUS accepts it.
import { mapCanvas } from "./map";
import { DEMO, expect, signIn, sql, test } from "./support";
import { addPhoto, bng, completeJob, onuFromVan, PHONE, saveFindings, sign, startJob, tickChecklist } from "./tech";

test.use(PHONE);

const INSTALL = "Install fibre for Emma Hoffmann";
const USERNAME = "emma.hoffmann@acme-fiber";
const PASSWORD = "demo-emma.hoffmann";

type OrderRow = { id: string; status: string; onuSerial: string | null; provisioningJobId: string | null };
const order = async () =>
  (
    await sql<OrderRow>(`SELECT id, status, "onuSerial", "provisioningJobId" FROM "WorkOrder" WHERE title = $1`, [
      INSTALL,
    ])
  )[0];

test("a technician completes today's install offline; back online it applies once, provisions, and the subscriber authenticates", async ({
  page,
  context,
}) => {
  test.setTimeout(240_000);
  await signIn(page, DEMO.technician);
  await expect(page).toHaveURL(/\/tech$/);
  await expect(page.getByRole("heading", { name: "Today's jobs" })).toBeVisible();
  const card = page.getByRole("listitem").filter({ hasText: INSTALL });
  await expect(card).toBeVisible();
  await expect(page.getByTestId("sync-status")).toHaveText("All changes saved");

  // Today's route on a map; its text list numbers the jobs in visiting order; each job has a
  // navigate link (a geo: URI the phone's maps app opens).
  await mapCanvas(page, "Today's route");
  await expect(page.getByRole("region", { name: "Jobs", exact: true })).toContainText(/1\. WO-\d+ · /);
  const [at] = await sql<{ latitude: number; longitude: number }>(
    `SELECT latitude, longitude FROM "WorkOrder" WHERE title = $1`,
    [INSTALL],
  );
  await expect(card.getByRole("link", { name: /^Navigate to WO-\d+$/ })).toHaveAttribute(
    "href",
    new RegExp(`^geo:${at?.latitude},${at?.longitude}\\?`),
  );

  // The service worker stored the shell when it installed: offline, a reload still opens the app.
  await expect(page.getByTestId("offline-ready")).toHaveText("Ready for offline use");
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByTestId("sync-status")).toHaveText(/^Offline/);
  await expect(card).toBeVisible();
  await expect(page.getByTestId("route-map-offline")).toContainText("The route map is unavailable offline");

  // Offline: everything the technician does is queued on the phone.
  await startJob(page, INSTALL);
  await tickChecklist(page, [
    "Fibre drop run and terminated",
    "ONU mounted and powered",
    "Router connected and WiFi shown to the customer",
    "Site left tidy",
  ]);
  const serial = await onuFromVan(page);
  await saveFindings(page, { opticalPowerDbm: "-19.4", onuSerial: serial });
  await addPhoto(page);
  await sign(page, "Emma Hoffmann");
  await completeJob(page);
  await expect(page.getByTestId("sync-status")).toHaveText("Offline — 10 actions waiting to sync");
  expect((await order()).status).toBe("SCHEDULED");

  // Back online: the queue replays in order, once.
  await context.setOffline(false);
  await expect(page.getByTestId("sync-status")).toHaveText("All changes saved", { timeout: 30_000 });
  const done = await order();
  expect(done).toMatchObject({ status: "COMPLETED", onuSerial: serial });
  const events = await sql<{ kind: string; n: string }>(
    `SELECT kind, count(*)::text AS n FROM "WorkOrderEvent" WHERE "workOrderId" = $1 GROUP BY kind ORDER BY kind`,
    [done.id],
  );
  expect(Object.fromEntries(events.map((e) => [e.kind, Number(e.n)]))).toMatchObject({
    status: 2,
    photo: 1,
    signed: 1,
    completed: 1,
  });
  const moves = await sql<{ kind: string }>(
    `SELECT m.kind FROM "InventoryMovement" m JOIN "InventoryItem" i ON i.id = m."itemId" WHERE i.serial = $1 ORDER BY m."createdAt"`,
    [serial],
  );
  expect(moves.map((m) => m.kind)).toEqual(["RECEIVE", "ASSIGN"]);

  // The install started provisioning; the phone follows it to the end.
  await expect(page.getByTestId("provisioning-status")).toHaveText("Service is live", { timeout: 120_000 });
  const jobs = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM "OrchestrationJob" WHERE id = $1`, [
    done.provisioningJobId,
  ]);
  expect(jobs[0]?.n).toBe("1");

  // The subscriber's router dials; FreeRADIUS accepts it with the plan's rate.
  const cpe = await fetch(`${bng()}/cpes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD, autoDial: true }),
  });
  expect(cpe.status).toBe(201);
  type Session = { username: string; rate?: string };
  await expect
    .poll(
      async () => {
        const sessions = (await (await fetch(`${bng()}/sessions`)).json()) as Session[];
        return sessions.find((s) => s.username === USERNAME)?.rate ?? null;
      },
      { timeout: 30_000 },
    )
    .toBe("60M/300M");
});
