// Every HTTP exchange with Lightspeed, one call per attempt (retries and 429s included), for the
// caller's metrics: this library knows nothing of Prometheus. Observations carry no path (it holds
// record ids), no token, no body.

export interface LightspeedResponseObservation {
  method: string;
  /** The HTTP status; null when no response came (see `failure`). */
  status: number | null;
  failure: "timeout" | "network-error" | null;
  /** The rate limit as this response reported it; null when it did not say. */
  limit: number | null;
  remaining: number | null;
  /** From sending the request to reading the whole body (or giving up on it). */
  durationMs: number;
}

export type LightspeedResponseObserver = (observation: LightspeedResponseObservation) => void;

/** Calls the observer, swallowing its errors: failing metrics must not break a sync. */
export function notifyObserver(
  observer: LightspeedResponseObserver | undefined,
  observation: LightspeedResponseObservation,
): void {
  if (!observer) return;
  try {
    observer(observation);
  } catch {
    // Deliberately ignored, see above.
  }
}
