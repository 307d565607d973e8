// History routing without a router dependency: one hook that follows the URL, one navigate,
// and a Link that keeps ctrl/middle-click opening a new tab.
import { type MouseEvent, type ReactNode, useSyncExternalStore } from "react";
import { parseRoute, pathOf, type Route } from "./routes";

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener("popstate", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("popstate", listener);
  };
}

function currentPath(): string {
  return window.location.pathname;
}

export function useRoute(): Route {
  const pathname = useSyncExternalStore(subscribe, currentPath);
  return parseRoute(pathname);
}

export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  window.scrollTo(0, 0);
  for (const listener of listeners) listener();
}

export function Link({
  to,
  children,
  className,
  testId,
  current,
}: {
  to: Exclude<Route, { page: "notFound" }> | string;
  children: ReactNode;
  className?: string;
  testId?: string;
  current?: boolean;
}) {
  const href = typeof to === "string" ? to : pathOf(to);
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(href);
  };
  return (
    <a
      href={href}
      onClick={onClick}
      className={className}
      data-testid={testId}
      aria-current={current ? "page" : undefined}
    >
      {children}
    </a>
  );
}
