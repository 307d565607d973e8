// The signed-in frame: the nav, the notifications bell, who is signed in, sign-out.
import type { ReactNode } from "react";
import { useAuth } from "./auth/auth-context";
import { OfflineBanner } from "./components/offline-banner";
import { Badge } from "./components/ui";
import { NotificationBell } from "./notifications/notification-bell";
import { navPageOf, navPages, type Route } from "./routing/routes";
import { Link } from "./routing/use-route";

export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const { staff, signOut } = useAuth();
  const current = navPageOf(route);
  return (
    <div className="app">
      <header className="topbar">
        <Link to={{ page: "overview" }} className="brand">
          GreenLoop
        </Link>
        <nav className="nav" aria-label="Pages">
          {navPages.map(({ page, label }) => (
            <Link
              key={page}
              to={{ page }}
              className={page === current ? "nav-link active" : "nav-link"}
              current={page === current}
              testId={`nav-${page}`}
            >
              {label}
            </Link>
          ))}
        </nav>
        <div className="topbar-right">
          <NotificationBell />
          <span className="whoami" data-testid="whoami">
            <span data-testid="whoami-name">{staff.name}</span>{" "}
            <Badge tone={staff.role === "operator" ? "accent" : "neutral"} testId="whoami-role">
              {staff.role}
            </Badge>
          </span>
          <button type="button" onClick={() => signOut()} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <OfflineBanner />
      <main className="content">{children}</main>
    </div>
  );
}
