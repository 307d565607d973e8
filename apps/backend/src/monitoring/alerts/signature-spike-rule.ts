// SIGNATURE_FAILURES: webhooks refused for a bad X-Signature or path secret, spiking. The refusals
// are only counted (OperationalCounter), so each evaluation samples the counters; the rejections
// within the window are the growth since the last sample taken a window ago (or the oldest one
// kept, while fewer than a window's worth exist). A spike is at least `threshold` of them; the alert
// then holds until a whole window passes without any, so a slow trickle does not flap it.
import { readOperationalCounters } from "../../ingestion/webhooks/operational-counter";
import { webhookCounters } from "../../ingestion/webhooks/webhook-inbox";
import { readMonitorState, writeMonitorState } from "../state/monitor-state";
import type { AlertRule } from "./alert-rule";

const stateKey = "alerts.signature_failures.samples";
const subjectKey = "webhook-auth";

// A type, not an interface: it must fit Prisma's JSON input type.
type Sample = { at: string; value: number };

/** Rejections within the window ending at `nowMs`, and the samples worth keeping. */
export function rejectionsInWindow(
  samples: readonly Sample[],
  current: number,
  nowMs: number,
  windowMs: number,
): { rejections: number | null; keep: Sample[] } {
  const sorted = [...samples].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  let baseIndex = -1;
  for (const [index, sample] of sorted.entries()) {
    if (Date.parse(sample.at) <= nowMs - windowMs) baseIndex = index;
  }
  const base = sorted[Math.max(0, baseIndex)];
  // A counter that went down was reset (a restored database): count from zero.
  const rejections =
    base === undefined ? null : current >= base.value ? current - base.value : current;
  return {
    rejections,
    keep: [
      ...sorted.slice(Math.max(0, baseIndex)),
      { at: new Date(nowMs).toISOString(), value: current },
    ],
  };
}

export const signatureSpikeRule: AlertRule = {
  kind: "SIGNATURE_FAILURES",
  label: "webhook signature failures",
  async evaluate({ db, now, settings, hasOpenAlert }) {
    const { threshold, windowMs } = settings.signatureSpike;
    const counters = await readOperationalCounters(db, [
      webhookCounters.signatureRejected,
      webhookCounters.secretRejected,
    ]);
    const current =
      counters[webhookCounters.signatureRejected] + counters[webhookCounters.secretRejected];
    const samples = (await readMonitorState<Sample[]>(db, stateKey)) ?? [];
    const { rejections, keep } = rejectionsInWindow(samples, current, now.getTime(), windowMs);
    await writeMonitorState(db.prisma, stateKey, keep);
    const open = await hasOpenAlert(subjectKey);
    if (rejections === null) return open ? null : [];
    const spiking = open ? rejections > 0 : rejections >= threshold;
    if (!spiking) return [];
    const minutes = Math.round(windowMs / 60_000);
    return [
      {
        subjectKey,
        title: "Webhook signature failures are spiking",
        message:
          `Webhooks refused for a bad signature or URL secret: at least ${threshold} within ${minutes} minutes. ` +
          "Check LIGHTSPEED_CLIENT_SECRET and WEBHOOK_PATH_SECRET against Lightspeed's webhook settings; " +
          "otherwise someone is probing the webhook URL.",
        details: { threshold, windowMinutes: minutes },
      },
    ];
  },
  async describeResolutions({ settings }, subjects) {
    const minutes = Math.round(settings.signatureSpike.windowMs / 60_000);
    return new Map(
      subjects.map((subject) => [
        subject,
        {
          title: "Webhook signature failures stopped",
          message: `No webhook was refused for its signature or secret in the last ${minutes} minutes.`,
        },
      ]),
    );
  },
};
