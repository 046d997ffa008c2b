// J6 Fibre cut: the tenant admin cuts the fibre behind a PON port of the simulated demo network
// (Integrations → Simulated network: fibre cut). Every ONU on the port raises loss of signal;
// the NOC sees exactly one incident rooted at that port with the affected active subscribers,
// one support ticket and one outage notice to them. The repair clears the alarms: the incident
// resolves and one restoration notice goes out.
import { confirmDialog, DEMO, expect, expectToast, signIn, signOut, sql, test } from "./support";

test("a fibre cut becomes one incident with its impact list, one ticket and notices; the repair resolves it", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/noc/integrations");
  const card = page.getByRole("region", { name: "Simulated network: fibre cut" });
  await expect(card.getByLabel("OLT")).toBeVisible();
  await card.getByLabel("OLT").selectOption({ label: "Acme-OLT-1" });
  await expect(card.getByLabel("PON port").locator("option")).toHaveCount(4);
  const label = (await card.getByLabel("PON port").locator("option:checked").textContent())?.trim() ?? "";
  const [port] = await sql<{ id: string }>(
    `SELECT p.id FROM "PonPort" p JOIN "Olt" o ON o.id = p."oltId" WHERE o.name = 'Acme-OLT-1' AND p.label = $1`,
    [label],
  );
  const [{ n: affected }] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM "Onu" o JOIN "Subscriber" s ON s.id = o."subscriberId"
      WHERE o."ponPortId" = $1 AND s.status = 'ACTIVE'`,
    [port.id],
  );
  expect(affected).toBeGreaterThan(0);
  const before = await sql<{ id: string }>(`SELECT id FROM "Incident"`);

  await card.getByRole("button", { name: "Cut fibre" }).click();
  await confirmDialog(page);
  await expectToast(page, new RegExp(`Fibre behind Acme-OLT-1 ${label} cut`));

  // The NOC engineer sees one new incident on that port.
  await signOut(page);
  await signIn(page, DEMO.noc);
  await page.goto("/noc/incidents");
  const row = page.getByRole("row").filter({ hasText: `Outage on PON port Acme-OLT-1 ${label}` });
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await row.getByRole("link").first().click();
  await expect(page.getByTestId("incident-status")).toHaveText("Open");
  await expect(page.getByTestId("affected-count")).toContainText(`${affected} (`);
  await expect(page.getByRole("table", { name: "Affected subscribers" }).getByRole("row")).toHaveCount(
    Math.min(affected, 25) + 1,
  );
  const incidents = await sql<{ id: string; ticketId: string | null; outageNoticeJobId: string | null }>(
    `SELECT id, "ticketId", "outageNoticeJobId" FROM "Incident" WHERE NOT (id = ANY($1::uuid[]))`,
    [before.map((b) => b.id)],
  );
  expect(incidents).toHaveLength(1);
  const [incident] = incidents;
  expect(incident.ticketId).not.toBeNull();
  expect(await sql(`SELECT id FROM "Ticket" WHERE "incidentId" = $1`, [incident.id])).toHaveLength(1);
  const [outage] = await sql<{ n: number }>(
    `SELECT cardinality("subscriberIds") AS n FROM "BulkNotificationJob" WHERE id = $1 AND template = 'outage'`,
    [incident.outageNoticeJobId],
  );
  expect(outage.n).toBe(affected);

  // Acknowledge: someone is on it.
  await page.getByRole("button", { name: "Acknowledge" }).click();
  await expectToast(page, "Acknowledged");
  await expect(page.getByTestId("incident-status")).toHaveText("Acknowledged");

  // The repair: every ONU comes back, the incident resolves and the restoration notice goes out.
  await signOut(page);
  await signIn(page, DEMO.tenantAdmin);
  await page.goto("/noc/integrations");
  await card.getByLabel("OLT").selectOption({ label: "Acme-OLT-1" });
  await card.getByLabel("PON port").selectOption({ label });
  await card.getByRole("button", { name: "Repair fibre" }).click();
  await expectToast(page, new RegExp(`Fibre behind Acme-OLT-1 ${label} repaired`));
  await page.goto(`/noc/incidents/${incident.id}`);
  await expect(page.getByTestId("incident-status")).toHaveText("Resolved", { timeout: 30_000 });
  await expect
    .poll(
      async () =>
        (
          await sql<{ n: number }>(
            `SELECT count(*)::int AS n FROM "BulkNotificationJob" j JOIN "Incident" i ON i."restorationNoticeJobId" = j.id
              WHERE i.id = $1 AND j.template = 'service_restored'`,
            [incident.id],
          )
        )[0].n,
    )
    .toBe(1);
});
