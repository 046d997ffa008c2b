// Every minute: send the deliveries that waited for the end of quiet hours.
import { dispatchDueDeliveries } from "@/server/modules/notifications";
import { inngest } from "../client";

export const notificationsDispatch = inngest.createFunction(
  { id: "notifications-dispatch", triggers: [{ cron: "* * * * *" }], retries: 2 },
  async ({ step }) => step.run("dispatch-due", () => dispatchDueDeliveries()),
);
