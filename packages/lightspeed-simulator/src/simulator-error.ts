// The simulator's one error type. Store methods throw it; the HTTP layer maps codes to statuses
// and the real API's `{ error, message }` envelope in one place (api-error-response.ts).

/** BAD_INPUT → 400, UNPROCESSABLE → 422 (well-formed but refers to something missing), NOT_FOUND → 404. */
export type SimulatorErrorCode = "BAD_INPUT" | "UNPROCESSABLE" | "NOT_FOUND" | "CONFLICT";

export class SimulatorError extends Error {
  override readonly name = "SimulatorError";

  constructor(
    readonly code: SimulatorErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function isSimulatorError(error: unknown): error is SimulatorError {
  return error instanceof SimulatorError;
}
