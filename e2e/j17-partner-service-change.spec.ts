// J17 Partner service change: the reseller's admin (demo: Northwind Connect) sees only its own
// and its agent's customers, opens one, previews a plan change (every step of the change-plan
// saga, nothing changed yet), confirms it, and follows the saga to the end: RADIUS, a
// CoA-Request the BNG acknowledges on the live session, the ONU and billing. The commissions
// page shows the statement of the month with its PDF. The agent sees only the agent's customer.
import { DEMO, expect, expectToast, signIn, sql, test } from "./support";

const SUBSCRIBER = "lea.fischer@acme-fiber"; // Fiber 1000, online, Northwind Connect's customer

type Session = { username: string; rate?: string };
async function sessionOf(username: string) {
  const url = process.env.BNG_CONTROL_URL;
  if (!url) throw new Error("BNG_CONTROL_URL is not set: the AAA e2e service (radius/e2e-service.ts) did not start");
  const all = (await (await fetch(`${url}/sessions`)).json()) as Session[];
  return all.find((s) => s.username === username) ?? null;
}

test("a reseller changes its customer's plan through the change-plan saga and sees its commissions", async ({
  page,
  browser,
}) => {
  test.slow();
  await expect.poll(async () => (await sessionOf(SUBSCRIBER)) !== null, { timeout: 30_000 }).toBe(true);
  const rateBefore = (await sessionOf(SUBSCRIBER))?.rate;
  await signIn(page, DEMO.partnerAdmin);
  await expect(page).toHaveURL(/\/partner$/);
  await expect(page.getByRole("heading", { name: "Northwind Connect", level: 1 })).toBeVisible();
  const customers = page.getByRole("table", { name: "Your customers" });
  await expect(customers).toContainText("Lea Fischer");
  await expect(customers).toContainText("Jonas Weber");
  await expect(customers).toContainText("Kiez Café UG");
  // The ISP's direct customers are not the partner's.
  await expect(customers).not.toContainText("Anna Schmidt");

  await customers.getByRole("link", { name: "Lea Fischer" }).click();
  await expect(page.getByRole("heading", { name: "Lea Fischer", level: 1 })).toBeVisible();
  const form = page.getByRole("form", { name: `Change the plan of ${SUBSCRIBER}` });
  const select = form.getByRole("combobox", { name: "New plan" });
  const option = select.locator("option", { hasText: "Fiber 300:" });
  await select.selectOption((await option.getAttribute("value")) as string);
  await form.getByRole("button", { name: "Review plan change" }).click();
  const preview = form.getByTestId("plan-change-preview");
  await expect(preview).toContainText("CoA");
  // Nothing has run yet.
  const before = await sql<{ n: string }>(
    `SELECT count(*)::text AS n FROM "OrchestrationJob" j JOIN "Subscriber" s ON s.id = j."subscriberId" WHERE s.username = $1`,
    [SUBSCRIBER],
  );
  await form.getByRole("button", { name: "Confirm plan change" }).click();
  await expectToast(page, "The plan change has started");
  await expect(page.getByText("Plan change:").locator("..")).toContainText(/completed/i, { timeout: 60_000 });
  const steps = page.getByTestId("plan-change-steps");
  await expect(steps).toContainText("CoA on live sessions");

  // The live session took the new rate (the BNG acknowledged the CoA).
  expect((await sessionOf(SUBSCRIBER))?.rate).not.toBe(rateBefore);
  const [job] = await sql<{ status: string; coa: string; jobs: string }>(
    `SELECT j.status, c.status::text AS coa,
            (SELECT count(*) FROM "OrchestrationJob" j2 WHERE j2."subscriberId" = s.id)::text AS jobs
       FROM "OrchestrationJob" j JOIN "Subscriber" s ON s.id = j."subscriberId"
       JOIN "OrchestrationJobStep" c ON c."jobId" = j.id AND c.name = 'coa'
      WHERE s.username = $1 AND j.type = 'change-plan' ORDER BY j."createdAt" DESC LIMIT 1`,
    [SUBSCRIBER],
  );
  expect(job).toMatchObject({ status: "COMPLETED", coa: "COMPLETED" });
  const [coa] = await sql<{ output: unknown }>(
    `SELECT c.output FROM "OrchestrationJob" j JOIN "Subscriber" s ON s.id = j."subscriberId"
       JOIN "OrchestrationJobStep" c ON c."jobId" = j.id AND c.name = 'coa'
      WHERE s.username = $1 AND j.type = 'change-plan' ORDER BY j."createdAt" DESC LIMIT 1`,
    [SUBSCRIBER],
  );
  expect(JSON.stringify(coa?.output)).toContain('"outcome":"ACK"');
  expect(Number(job?.jobs)).toBe(Number(before[0]?.n) + 1);
  const [plan] = await sql<{ name: string }>(
    `SELECT p.name FROM "Subscriber" s JOIN "Plan" p ON p.id = s."planId" WHERE s.username = $1`,
    [SUBSCRIBER],
  );
  expect(plan?.name).toBe("Fiber 300");

  // Commissions: the statement of the month with its PDF.
  await page.getByRole("link", { name: "Commissions" }).first().click();
  await expect(page.getByRole("heading", { name: "Commissions", level: 1 })).toBeVisible();
  const pdfLink = page.getByRole("link", { name: "Download PDF" });
  if (await pdfLink.count()) {
    const href = (await pdfLink.getAttribute("href")) as string;
    const pdf = await page.request.get(href);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
  } else {
    await expect(page.getByText("No commission yet")).toBeVisible();
  }

  // The agent of the sub-partner sees only its own customer, and not the reseller's.
  const agentContext = await browser.newContext();
  const agent = await agentContext.newPage();
  await signIn(agent, DEMO.partnerAgent);
  const agentCustomers = agent.getByRole("table", { name: "Your customers" });
  await expect(agentCustomers).toContainText("Kiez Café UG");
  await expect(agentCustomers).not.toContainText("Lea Fischer");
  await agentContext.close();
});
