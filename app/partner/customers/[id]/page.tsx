import { PartnerCustomerPage } from "./partner-customer";

export const metadata = { title: "Customer" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <PartnerCustomerPage customerId={id} />;
}
