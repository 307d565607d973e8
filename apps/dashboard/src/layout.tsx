// The signed-in frame: the nav, the notifications bell, who is signed in, sign-out. On a phone the
// nav folds behind a menu button and the bell, who and sign-out stay in the top bar.
import type { ReactNode } from "react";
import { useAuth } from "./auth/auth-context";
import { OfflineBanner } from "./components/offline-banner";
import { Badge } from "./components/ui";
import { NavMenuButton, useNavMenu } from "./nav-menu";
import { NotificationBell } from "./notifications/notification-bell";
import { navPageOf, navPages, type Route } from "./routing/routes";
import { Link } from "./routing/use-route";

export function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const { staff, signOut } = useAuth();
  const current = navPageOf(route);
  const menu = useNavMenu(route);
  return (
    <div className="app">
      <header className={menu.open ? "topbar menu-open" : "topbar"}>
        <NavMenuButton menu={menu} />
        <Link to={{ page: "overview" }} className="brand">
          GreenLoop
        </Link>
        <nav className="nav" id={menu.navId} aria-label="Pages">
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
            <span className="whoami-name" data-testid="whoami-name">
              {staff.name}
            </span>{" "}
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
