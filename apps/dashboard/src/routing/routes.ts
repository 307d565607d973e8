// The dashboard's pages as URL paths (history routing: the backend answers every page path with
// index.html). Parsing and building live here so links and the router never disagree.

export type Route =
  | { page: "overview" }
  | { page: "customers" }
  | { page: "customer"; customerId: string }
  | { page: "sync" }
  | { page: "imports"; runId?: string }
  | { page: "notFound"; path: string };

export type NavPage = "overview" | "customers" | "sync" | "imports";

export const navPages: readonly { page: NavPage; label: string }[] = [
  { page: "overview", label: "Overview" },
  { page: "customers", label: "Customers" },
  { page: "sync", label: "Sync health" },
  { page: "imports", label: "Import" },
];

function segmentsOf(pathname: string): string[] {
  return pathname
    .split("/")
    .filter((segment) => segment.length > 0)
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

export function parseRoute(pathname: string): Route {
  const [first, second, ...rest] = segmentsOf(pathname);
  if (rest.length > 0) return { page: "notFound", path: pathname };
  if (first === undefined || (first === "overview" && second === undefined)) {
    return { page: "overview" };
  }
  if (first === "customers") {
    return second === undefined ? { page: "customers" } : { page: "customer", customerId: second };
  }
  if (first === "sync" && second === undefined) return { page: "sync" };
  if (first === "imports")
    return second === undefined ? { page: "imports" } : { page: "imports", runId: second };
  return { page: "notFound", path: pathname };
}

export function pathOf(route: Exclude<Route, { page: "notFound" }>): string {
  switch (route.page) {
    case "overview":
      return "/";
    case "customers":
      return "/customers";
    case "customer":
      return `/customers/${encodeURIComponent(route.customerId)}`;
    case "sync":
      return "/sync";
    case "imports":
      return route.runId ? `/imports/${encodeURIComponent(route.runId)}` : "/imports";
  }
}

/** Which nav entry a route belongs to (a customer's page is under Customers). */
export function navPageOf(route: Route): NavPage | undefined {
  switch (route.page) {
    case "customer":
      return "customers";
    case "notFound":
      return undefined;
    default:
      return route.page;
  }
}
