// The staff home. With metrics.read: the NOC's live figures (monitoring module); otherwise one
// card per area the user can open.
import Link from "next/link";
import { STAFF_NAV, visibleNav } from "@/components/navigation";
import { Card, EmptyState, PageHeader } from "@/components/ui";
import { requireAudience } from "@/server/page-guard";
import { NocDashboard } from "./noc-dashboard";
import { RecentActivity } from "./recent-activity";

export const metadata = { title: "Dashboard" };

export default async function NocHome() {
  const { user, tenant } = await requireAudience("STAFF");
  const sections = visibleNav(STAFF_NAV, user.permissions).filter((s) => s.title !== "Overview");
  return (
    <>
      <PageHeader
        title="Operations dashboard"
        description={`Welcome, ${user.name}. ${tenant ? `You are working in ${tenant.name}.` : ""}`}
      />
      {user.permissions.includes("metrics.read") ? (
        <NocDashboard canSample={user.permissions.includes("alert.manage")} />
      ) : sections.length === 0 ? (
        <Card>
          <EmptyState
            title="Nothing to show yet"
            description="Your role does not give access to any area. Ask a tenant admin to change your role."
          />
        </Card>
      ) : (
        <div className="grid-3">
          {sections.map((section) => (
            <Card key={section.title} title={section.title}>
              <ul className="list-plain stack-sm">
                {section.items.map((item) => (
                  <li key={item.href}>
                    <Link href={item.href}>{item.label}</Link>
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
      {user.permissions.includes("audit.read") ? (
        <section className="stack-sm" aria-labelledby="activity-title">
          <h2 id="activity-title">Recent activity</h2>
          <RecentActivity />
        </section>
      ) : null}
    </>
  );
}
