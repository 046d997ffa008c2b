import Link from "next/link";

export default function NotFound() {
  return (
    <main className="auth-page">
      <div className="auth-card">
        <h1>Page not found</h1>
        <p className="muted">The address may be mistyped, or the page was moved.</p>
        <Link href="/" className="btn btn-primary">
          Go to your home page
        </Link>
      </div>
    </main>
  );
}
