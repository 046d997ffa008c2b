import { TechApp } from "./tech-app";

export const metadata = { title: "Today's jobs" };

export default function Page() {
  return <TechApp />;
}
