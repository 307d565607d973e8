// What a failed call means to the screen: a refused token sends the user to sign-in; anything
// else is said in words. Never raw JSON: tRPC answers an input that fails validation with the
// validator's issues serialised as the message, which is no sentence for a store owner.

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

function codeOf(error: unknown): string | undefined {
  const code = dataOf(error)?.code;
  return typeof code === "string" ? code : undefined;
}

function statusOf(error: unknown): number | undefined {
  const status = dataOf(error)?.httpStatus;
  return typeof status === "number" ? status : undefined;
}

/** The token is missing, wrong or revoked (HTTP 401 / tRPC UNAUTHORIZED). */
export function isUnauthorized(error: unknown): boolean {
  return codeOf(error) === "UNAUTHORIZED" || statusOf(error) === 401;
}

/** The token is valid but may not do this (a viewer trying an operator action). */
export function isForbidden(error: unknown): boolean {
  return codeOf(error) === "FORBIDDEN" || statusOf(error) === 403;
}

/** The thing asked for does not exist (or was erased). */
export function isNotFound(error: unknown): boolean {
  return codeOf(error) === "NOT_FOUND" || statusOf(error) === 404;
}

/** The request itself was refused as malformed (e.g. an id that is not an id). */
export function isBadRequest(error: unknown): boolean {
  return codeOf(error) === "BAD_REQUEST" || statusOf(error) === 400;
}

/**
 * The server never answered: the request failed in the browser (no network, server down). A
 * tRPC error with a code or status did get an answer, so it is not one of these.
 */
export function isNetworkError(error: unknown): boolean {
  if (codeOf(error) !== undefined || statusOf(error) !== undefined) return false;
  if (!(error instanceof Error)) return false;
  const cause = (error as { cause?: unknown }).cause;
  return (
    error instanceof TypeError ||
    cause instanceof TypeError ||
    /failed to fetch|networkerror|network request failed|load failed/i.test(error.message)
  );
}

interface ValidationIssue {
  path?: unknown;
  message?: unknown;
}

/** The validator's issues when the message is their JSON; undefined for an ordinary message. */
function validationIssuesOf(message: string): ValidationIssue[] | undefined {
  const text = message.trim();
  if (!text.startsWith("[")) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as ValidationIssue[]) : undefined;
  } catch {
    return undefined;
  }
}

/** "customerId" → "customer id"; nested paths joined: "records 3". */
function fieldLabel(path: unknown): string | undefined {
  if (!Array.isArray(path) || path.length === 0) return undefined;
  return path
    .map((part) =>
      String(part)
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .toLowerCase(),
    )
    .join(" ");
}

function invalidInputSentence(issues: ValidationIssue[]): string {
  const fields = [...new Set(issues.map((issue) => fieldLabel(issue.path)).filter(Boolean))];
  if (fields.length === 0) return "The server could not accept this request: it is not valid.";
  const list = fields.join(", ");
  return `The server could not accept this request: the ${list} ${fields.length === 1 ? "is" : "are"} not valid.`;
}

/** Looks like a serialised object or array, or an HTML page: not a message for people. */
function isMachineText(message: string): boolean {
  const text = message.trim();
  return /^[[{<]/.test(text);
}

/** A message fit for the screen: always a sentence, never JSON. */
export function errorMessage(error: unknown): string {
  if (isForbidden(error)) {
    const message = error instanceof Error && error.message ? ` (${error.message})` : "";
    return `Your token may not do this${message}.`;
  }
  if (isNetworkError(error)) {
    const message = error instanceof Error ? error.message : "";
    return `Cannot reach the server: ${message || "no answer"}`;
  }
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const issues = validationIssuesOf(message);
  if (issues) return invalidInputSentence(issues);
  if (message && !isMachineText(message)) return message;
  switch (codeOf(error)) {
    case "NOT_FOUND":
      return "Not found: it may have been removed, or the link is wrong.";
    case "BAD_REQUEST":
      return "The server could not accept this request: it is not valid.";
    case "TOO_MANY_REQUESTS":
      return "Too many requests: wait a moment and try again.";
    case "SERVICE_UNAVAILABLE":
      return "The server is unavailable for the moment: try again shortly.";
    case "INTERNAL_SERVER_ERROR":
      return "The server hit an unexpected error: try again, and tell an operator if it persists.";
  }
  if (error instanceof Error && !message) return error.name;
  const status = statusOf(error);
  if (status !== undefined) return `The server refused the request (HTTP ${status}).`;
  return "Something went wrong.";
}
