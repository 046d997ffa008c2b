// J1 whole: a visitor checks their address on the ISP's public availability page and leaves
// their details (a lead); the sales rep sees it serviceable and schedules a site survey, which
// the technician completes (the lead becomes Surveyed); the rep quotes from the catalogue and
// sends it; the customer accepts through the emailed signed link in a fresh browser — customer,
// PENDING subscriber and install work order exist; the technician, on the phone in /tech,
// arrives, starts, ticks the checklist, fits the ONU from the van, records the optical power, a
// photo and the customer's signature and completes; provisioning runs by itself; the lead is won
// and FreeRADIUS answers the subscriber's CPE with Access-Accept, the plan's rate and the address
// IPAM assigned. The dispatcher's assignments go through the work orders' tRPC procedures.
import type { APIRequestContext, Page } from "@playwright/test";
import { DEMO_TENANT_SLUG } from "../prisma/demo-accounts.ts";
import { DEMO, expect, expectToast, signIn, sql, test } from "./support";
import { addPhoto, bng, completeJob, onuFromVan, PHONE, saveFindings, sign, startJob, tickChecklist } from "./tech";

const tag = Date.now().toString(36).slice(-5);
const EMAIL = `j01-${tag}@example.net`;
const NAME = `Jana Lead ${tag}`;

/** One tRPC mutation over HTTP as the signed-in user of `request` (superjson envelope). */
async function mutate(request: APIRequestContext, path: string, input: unknown) {
  const res = await request.post(`/api/trpc/${path}`, { data: { json: input } });
  expect(res.ok(), `${path}: ${await res.text()}`).toBe(true);
  return ((await res.json()) as { result: { data: { json: unknown } } }).result.data.json;
}

/** Dispatch (admin) gives the order to the technician, arriving today; it shows on their phone. */
async function assign(dispatch: APIRequestContext, tech: Page, workOrderId: string) {
  const [technician] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [DEMO.technician.email]);
  const start = new Date(Date.now() + 60_000);
  await mutate(dispatch, "workorders.assign", {
    workOrderId,
    assigneeId: technician.id,
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 7_200_000).toISOString(),
  });
  await tech.goto("/tech");
  const [order] = await sql<{ title: string }>(`SELECT title FROM "WorkOrder" WHERE id = $1`, [workOrderId]);
  return order.title;
}

async function leadStage(id: string) {
  return (await sql<{ stage: string }>(`SELECT stage::text FROM "Lead" WHERE id = $1`, [id]))[0]?.stage;
}

test("a lead from the public form becomes a subscriber online: survey, quote, e-signature, install, provisioning", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);

  // 1. The visitor: the public availability page, signed out.
  await page.goto(`/availability/${DEMO_TENANT_SLUG}`);
  await expect(page.getByRole("heading", { name: "Is fibre available at your address?" })).toBeVisible();
  await page.getByRole("textbox", { name: "Street", exact: true }).fill("Oranienstr.");
  await page.getByRole("textbox", { name: "Number", exact: true }).fill("45");
  await page.getByRole("textbox", { name: "Postcode", exact: true }).fill("10999");
  await page.getByRole("textbox", { name: "City", exact: true }).fill("Berlin");
  await page.getByRole("button", { name: "Check availability" }).click();
  await expect(page.getByText("Good news: fibre is available at this address.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Plans available at this address" })).toContainText("Fiber 300");
  await page.getByRole("textbox", { name: "Your name", exact: true }).fill(NAME);
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(EMAIL);
  await page.getByRole("combobox", { name: "Plan you are interested in" }).selectOption({ label: "Fiber 300" });
  await page.getByLabel(/may contact me about connecting this address/).check();
  await page.getByRole("button", { name: "Send my details" }).click();
  await expect(page.getByText("We have your details")).toBeVisible();
  const [lead] = await sql<{ id: string; number: number }>(`SELECT id, number FROM "Lead" WHERE email = $1`, [EMAIL]);
  expect(lead).toBeDefined();

  // 2. The sales rep lands on the pipeline, opens the lead: serviceable; schedules the survey.
  await signIn(page, DEMO.sales);
  await expect(page).toHaveURL(/\/crm$/);
  await expect(page.getByRole("heading", { name: "Sales pipeline" })).toBeVisible();
  await expect(page.getByRole("region", { name: /^New: / })).toContainText(NAME);
  await page.getByRole("link", { name: NAME }).click();
  await expect(page.getByRole("heading", { name: `L-${lead.number} ${NAME}` })).toBeVisible();
  await expect(page.getByText("Serviceable", { exact: true })).toBeVisible();
  await expect(page.getByText("Oranienstraße 45, 10999 Berlin")).toBeVisible();
  await page.getByRole("button", { name: "Schedule site survey" }).click();
  await expectToast(page, /Survey work order/);

  // 3. The technician completes the survey; the lead becomes Surveyed.
  const dispatchContext = await browser.newContext({ baseURL });
  const dispatch = await dispatchContext.newPage();
  await signIn(dispatch, DEMO.tenantAdmin);
  const techContext = await browser.newContext({ baseURL, ...PHONE });
  const techPage = await techContext.newPage();
  await signIn(techPage, DEMO.technician);
  const [survey] = await sql<{ id: string }>(`SELECT id FROM "WorkOrder" WHERE "leadId" = $1 AND type = 'SURVEY'`, [
    lead.id,
  ]);
  await startJob(techPage, await assign(dispatch.request, techPage, survey.id));
  await tickChecklist(techPage, ["Drop route from the street checked", "Entry point and ONU location agreed"]);
  await saveFindings(techPage, { notes: "Drop from the street cabinet through the courtyard; ONU in the hallway." });
  await completeJob(techPage);
  await expect.poll(() => leadStage(lead.id), { timeout: 30_000 }).toBe("SURVEYED");

  // 4. The rep quotes Fiber 300 from the catalogue and sends it.
  await page.reload();
  await expect(page.getByText("Surveyed", { exact: true }).first()).toBeVisible();
  await page.getByRole("combobox", { name: "Plan", exact: true }).selectOption({ label: "Fiber 300" });
  await page.getByRole("button", { name: "Create quote" }).click();
  await expectToast(page, "Quote created");
  const quoteRow = page.getByRole("row", { name: new RegExp(`Q-${lead.number}-1`) });
  await expect(quoteRow).toContainText("Draft");
  await quoteRow.getByRole("button", { name: "Send" }).click();
  await expectToast(page, "Quote sent by email");
  await expect(quoteRow).toContainText("Sent");

  // 5. The customer opens the emailed link in a fresh browser and accepts.
  let link = "";
  await expect
    .poll(
      async () => {
        const [mail] = await sql<{ text: string }>(
          `SELECT text || ' ' || html AS text FROM "EmailMessage" WHERE "toAddress" = $1 AND template = 'quote_sent' ORDER BY "createdAt" DESC`,
          [EMAIL],
        );
        link = mail?.text.match(/\/quotes\/accept\/[A-Za-z0-9_.-]+/)?.[0] ?? "";
        return link;
      },
      { timeout: 30_000 },
    )
    .not.toBe("");
  const customerContext = await browser.newContext({ baseURL });
  const customer = await customerContext.newPage();
  await customer.goto(link);
  await expect(customer.getByRole("heading", { name: `Quote Q-${lead.number}-1` })).toBeVisible();
  await expect(customer.getByRole("table", { name: "Quote lines" })).toContainText("Fiber 300");
  await customer.getByRole("button", { name: "Accept quote" }).click();
  await expect(customer.getByText("Type your full name", { exact: true })).toBeVisible();
  await customer.getByRole("textbox", { name: "Type your full name to sign" }).fill(NAME);
  await customer.getByLabel(/I accept this quote/).check();
  await customer.getByRole("button", { name: "Accept quote" }).click();
  await expect(customer.getByText("Accepted — thank you")).toBeVisible();
  await customerContext.close();

  // 6. Customer, PENDING subscriber and install work order exist.
  const [sold] = await sql<{
    customerId: string;
    subscriberId: string;
    workOrderId: string;
    acceptance: { name: string };
  }>(
    `SELECT "customerId", "subscriberId", "workOrderId", acceptance FROM "Quote" WHERE "leadId" = $1 AND status = 'ACCEPTED'`,
    [lead.id],
  );
  expect(sold.acceptance.name).toBe(NAME);
  const [subscriber] = await sql<{ status: string; customerId: string; username: string; password: string }>(
    `SELECT status::text, "customerId", username, password FROM "Subscriber" WHERE id = $1`,
    [sold.subscriberId],
  );
  expect(subscriber).toMatchObject({ status: "PENDING", customerId: sold.customerId });
  expect(await sql(`SELECT 1 FROM "Customer" WHERE id = $1 AND email = $2`, [sold.customerId, EMAIL])).toHaveLength(1);
  const [install] = await sql<{ type: string }>(`SELECT type::text FROM "WorkOrder" WHERE id = $1`, [sold.workOrderId]);
  expect(install.type).toBe("INSTALL");

  // 7. The technician installs an ONU from the van in /tech and completes: provisioning runs by itself.
  await startJob(techPage, await assign(dispatch.request, techPage, sold.workOrderId));
  await tickChecklist(techPage, [
    "Fibre drop run and terminated",
    "ONU mounted and powered",
    "Router connected and WiFi shown to the customer",
    "Site left tidy",
  ]);
  const onuSerial = await onuFromVan(techPage);
  await saveFindings(techPage, { opticalPowerDbm: "-19.4", onuSerial });
  await addPhoto(techPage);
  await sign(techPage, NAME);
  await completeJob(techPage);
  await expect(techPage.getByTestId("provisioning-status")).toHaveText("Service is live", { timeout: 120_000 });
  await expect
    .poll(
      async () =>
        (await sql<{ status: string }>(`SELECT status::text FROM "Subscriber" WHERE id = $1`, [sold.subscriberId]))[0]
          ?.status,
      { timeout: 120_000 },
    )
    .toBe("ACTIVE");
  await expect.poll(() => leadStage(lead.id), { timeout: 30_000 }).toBe("WON");

  // 8. The CPE dials: FreeRADIUS accepts with the plan's rate and the address IPAM assigned.
  const cpe = await fetch(`${bng()}/cpes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: subscriber.username, password: subscriber.password, autoDial: true }),
  });
  expect(cpe.status).toBe(201);
  type Session = { username: string; rate?: string; framedIp?: string };
  await expect
    .poll(
      async () => {
        const sessions = (await (await fetch(`${bng()}/sessions`)).json()) as Session[];
        return sessions.find((s) => s.username === subscriber.username)?.rate ?? null;
      },
      { timeout: 30_000 },
    )
    .toBe("60M/300M");
  await dispatch.goto(`/noc/subscribers/${sold.subscriberId}`);
  const assigned = (await dispatch.getByTestId("subscriber-ipv4").textContent())?.trim();
  expect(assigned).toMatch(/^100\.64\.\d+\.\d+$/);
  const sessions = (await (await fetch(`${bng()}/sessions`)).json()) as Session[];
  expect(sessions.find((s) => s.username === subscriber.username)?.framedIp).toBe(assigned);
  await dispatchContext.close();
  await techContext.close();
});
