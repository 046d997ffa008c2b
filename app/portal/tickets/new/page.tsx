import { NewRequestPage } from "./new-request-page";

export const metadata = { title: "New support request" };

export default function Page() {
  return <NewRequestPage />;
}
