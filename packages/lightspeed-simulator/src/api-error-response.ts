// The one place simulator errors become HTTP: the real API's `{ "error", "message" }` envelope.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isSimulatorError, type SimulatorErrorCode } from "./simulator-error";

const statusByCode: Record<SimulatorErrorCode, ContentfulStatusCode> = {
  BAD_INPUT: 400,
  UNPROCESSABLE: 422,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

const titles: Partial<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  404: "Not Found",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

export function errorResponse(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: titles[status] ?? "Error", message }, status);
}

export function handleError(error: unknown, c: Context): Response {
  if (isSimulatorError(error)) return errorResponse(c, statusByCode[error.code], error.message);
  if (error instanceof SyntaxError) return errorResponse(c, 400, "malformed JSON body");
  return errorResponse(c, 500, error instanceof Error ? error.message : "unexpected error");
}
