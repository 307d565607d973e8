// "No such …": what a page shows for an id that names nothing (unknown, erased, or not even an
// id), with the way back, instead of the API's refusal.
import type { ReactNode } from "react";
import { isBadRequest, isNotFound } from "../api/api-error";
import type { Route } from "../routing/routes";
import { Link } from "../routing/use-route";

/** A lookup by id failed because the id names nothing: unknown (404) or malformed (400). */
export function isMissingRecord(error: unknown): boolean {
  return isNotFound(error) || isBadRequest(error);
}

export function NotFoundView({
  title,
  children,
  back,
}: {
  title: string;
  children: ReactNode;
  back: { to: Exclude<Route, { page: "notFound" }>; label: string };
}) {
  return (
    <div className="card" data-testid="not-found" role="alert">
      <h2 data-testid="not-found-title">{title}</h2>
      <p>{children}</p>
      <p>
        <Link to={back.to} testId="not-found-back">
          {back.label}
        </Link>
      </p>
    </div>
  );
}
