// A table row that opens a page when clicked anywhere outside its own links (which keep their
// ctrl/middle-click behaviour).
import type { ReactNode } from "react";
import { pathOf, type Route } from "../routing/routes";
import { navigate } from "../routing/use-route";

type DataAttributes = { [name: `data-${string}`]: string | undefined };

export function LinkRow({
  to,
  selected = false,
  children,
  ...data
}: {
  to: Exclude<Route, { page: "notFound" }>;
  selected?: boolean;
  children: ReactNode;
} & DataAttributes) {
  return (
    <tr
      className={selected ? "clickable selected" : "clickable"}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest("a")) return;
        navigate(pathOf(to));
      }}
      {...data}
    >
      {children}
    </tr>
  );
}
