// The dispatcher's board: today's install sits in the technician's morning slot; dragged onto
// the afternoon slot it moves there; its "Move…" button (the keyboard's way) moves it back to
// the morning, then to a narrower window inside it, which tells the customer nothing new; the
// week view shows it on today. The day's map draws the technician's route from their base
// through the install in appointment order (also in its text list); clicking the install on the
// map selects it on the board. The install stays with the technician for J13.
import { clickMap, mapCanvas } from "./map";
import { DEMO, expect, expectToast, signIn, sql, test } from "./support";

const INSTALL = "Install fibre for Emma Hoffmann";

test("a dispatcher drags an order to another slot and moves it back from the keyboard", async ({ page }) => {
  const [tech] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [DEMO.technician.email]);
  const [order] = await sql<{ number: number; subscriberId: string }>(
    `SELECT number, "subscriberId" FROM "WorkOrder" WHERE title = $1`,
    [INSTALL],
  );
  const told = async () =>
    Number(
      (
        await sql<{ n: string }>(
          `SELECT count(*)::text AS n FROM "Notification" WHERE "subscriberId" = $1 AND template = 'work_order_assigned'`,
          [order?.subscriberId],
        )
      )[0]?.n,
    );
  const today = new Date().toISOString().slice(0, 10);
  const cell = (hour: number) => page.getByTestId(`cell-${tech?.id}-${today}-${hour}`);
  const chip = page.getByTestId(`board-order-${order?.number}`);

  await signIn(page, DEMO.noc);
  await page.goto("/noc/dispatch");
  await expect(cell(8).getByTestId(`board-order-${order?.number}`)).toBeVisible();
  const before = await told();

  // Drag: the morning's install onto the afternoon slot.
  await chip.dragTo(cell(12));
  await expectToast(page, `WO-${order?.number} moved`);
  await expect(cell(12).getByTestId(`board-order-${order?.number}`)).toBeVisible();
  expect(await told()).toBe(before + 1);

  // Keyboard: Move… → the form → back to the morning slot.
  await page.getByRole("button", { name: `Move WO-${order?.number}…` }).press("Enter");
  const form = page.getByRole("region", { name: new RegExp(`Move WO-${order?.number}`) });
  await expect(form.getByTestId("free-slots")).toContainText(DEMO.technician.name);
  await form.getByLabel("Window starts (UTC)").fill("08:00");
  await form.getByLabel("Window ends (UTC)").fill("12:00");
  await form.getByRole("button", { name: `Move to ${DEMO.technician.name}` }).press("Enter");
  await expect(cell(8).getByTestId(`board-order-${order?.number}`)).toBeVisible();
  expect(await told()).toBe(before + 2);

  // Inside the window the customer was told: nothing new for them.
  await page.getByRole("button", { name: `Move WO-${order?.number}…` }).click();
  await form.getByLabel("Window starts (UTC)").fill("09:00");
  await form.getByLabel("Window ends (UTC)").fill("11:00");
  await form.getByRole("button", { name: `Move to ${DEMO.technician.name}` }).click();
  await expectToast(page, `WO-${order?.number} moved`);
  await expect(form).toBeHidden();
  expect(await told()).toBe(before + 2);

  // The day's routes: from the technician's base through their jobs in appointment order.
  const routes = `Technicians' routes on ${today}`;
  const canvas = await mapCanvas(page, routes);
  const [base] = await sql<{ baseLabel: string; baseLatitude: number; baseLongitude: number }>(
    `SELECT "baseLabel", "baseLatitude", "baseLongitude" FROM "TechnicianProfile" WHERE "userId" = $1`,
    [tech?.id],
  );
  // The technician's jobs today in appointment order, numbered; those with a location are drawn.
  const jobs = (
    await sql<{ number: number; latitude: number | null; longitude: number | null }>(
      `SELECT number, latitude, longitude FROM "WorkOrder" WHERE "assigneeId" = $1 AND status <> 'CANCELLED'
         AND "windowStart" >= $2::date AND "windowStart" < $2::date + 1 ORDER BY "windowStart", number`,
      [tech?.id, today],
    )
  )
    .map((j, i) => ({ ...j, n: i + 1, at: [j.longitude, j.latitude] as [number, number] }))
    .filter((j) => j.latitude !== null && j.longitude !== null);
  const install = jobs.find((j) => j.number === order?.number);
  if (!install || !base) throw new Error("the install or the technician's base has no location");
  // The text list reads the route: the base, then each job numbered in appointment order.
  const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const stops = jobs.map((j) => `${j.n}\\. WO-${j.number} [^→]+`).join("→ ");
  await expect(page.getByRole("region", { name: "Routes and starting points" })).toContainText(
    new RegExp(`Route: ${literal(base.baseLabel)} → ${stops}`),
  );
  await clickMap(canvas, [[base.baseLongitude, base.baseLatitude], ...jobs.map((j) => j.at)], install.at);
  await expect(chip).toHaveAttribute("aria-current", "true");

  await page.getByRole("tab", { name: "Week" }).click();
  await expect(page.getByTestId(`cell-${tech?.id}-${today}`).getByTestId(`board-order-${order?.number}`)).toBeVisible();
});
