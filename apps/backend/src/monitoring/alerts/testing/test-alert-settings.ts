import { type AlertSettings, defaultAlertThresholds } from "../alert-settings";

export function testAlertSettings(overrides: Partial<AlertSettings> = {}): AlertSettings {
  return {
    missingOrderAlertDays: 3,
    polling: null,
    signatureSpike: { ...defaultAlertThresholds.signatureSpike },
    importRejections: { ...defaultAlertThresholds.importRejections },
    digestOver: defaultAlertThresholds.digestOver,
    timeZone: "America/Chicago",
    ...overrides,
  };
}
