// What opens an alert. The thresholds that are not environment settings are defined here, once.
import type { Env } from "../../env";

export interface AlertSettings {
  /** An unsynced eCom order this many days after it was placed opens MISSING_ECOM_ORDER. */
  missingOrderAlertDays: number;
  /**
   * Polling alerts (POLL_FAILING, POLL_STALE): no successful poll within 2 intervals. null when
   * nothing polls (Lightspeed not configured): no polling alerts then. `watchingSince` is when
   * this process started watching: a fresh start is not "stale" before its first poll has had time.
   */
  polling: { syncIntervalMs: number; watchingSince: Date } | null;
  /**
   * SIGNATURE_FAILURES: at least `threshold` webhooks refused (bad signature or path secret) within
   * `windowMs` opens it; it resolves after a whole window with no refusal.
   */
  signatureSpike: { threshold: number; windowMs: number };
  /**
   * IMPORT_REJECTIONS: an import that rejected at least `minRows` rows, or at least `minShare` of
   * its rows (and one or more), until a later import runs clean.
   */
  importRejections: { minRows: number; minShare: number };
  /** More alerts of one kind opening (or resolving) in one evaluation than this: one summary. */
  digestOver: number;
  /** For dates in messages. */
  timeZone: string;
}

export const defaultAlertThresholds = {
  signatureSpike: { threshold: 10, windowMs: 15 * 60_000 },
  importRejections: { minRows: 10, minShare: 0.05 },
  digestOver: 5,
} as const satisfies Partial<AlertSettings>;

export function alertSettingsFromEnv(
  env: Pick<Env, "monitoring" | "syncIntervalMs" | "storeTimeZone">,
  options: { pollingEnabled: boolean; watchingSince: Date },
): AlertSettings {
  return {
    missingOrderAlertDays: env.monitoring.missingOrderAlertDays,
    polling: options.pollingEnabled
      ? { syncIntervalMs: env.syncIntervalMs, watchingSince: options.watchingSince }
      : null,
    signatureSpike: { ...defaultAlertThresholds.signatureSpike },
    importRejections: { ...defaultAlertThresholds.importRejections },
    digestOver: defaultAlertThresholds.digestOver,
    timeZone: env.storeTimeZone,
  };
}
