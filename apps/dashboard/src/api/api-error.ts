// What a failed call means to the screen: a refused token sends the user to sign-in; anything
// else shows its message.

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  domainCode?: unknown;
}

function dataOf(error: unknown): ErrorData | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = (error as { data: unknown }).data;
  return typeof data === "object" && data !== null ? (data as ErrorData) : undefined;
}

/** The token is missing, wrong or revoked (HTTP 401 / tRPC UNAUTHORIZED). */
export function isUnauthorized(error: unknown): boolean {
  const data = dataOf(error);
  return data?.code === "UNAUTHORIZED" || data?.httpStatus === 401;
}

/** The token is valid but may not do this (a viewer trying an operator action). */
export function isForbidden(error: unknown): boolean {
  const data = dataOf(error);
  return data?.code === "FORBIDDEN" || data?.httpStatus === 403;
}

/** A message fit for the screen. */
export function errorMessage(error: unknown): string {
  if (isForbidden(error)) {
    const message = error instanceof Error && error.message ? ` (${error.message})` : "";
    return `Your token may not do this${message}.`;
  }
  if (error instanceof Error) {
    if (error.message === "Failed to fetch") {
      return `Cannot reach the server: ${error.message}`;
    }
    return error.message || error.name;
  }
  return typeof error === "string" ? error : "Something went wrong.";
}
