// The customer's consent to marketing per channel, with the source record that decided it and the
// source's time (in the store's zone). How sources resolve: the backend's consent/effective-consent.ts.
import type { RouterOutputs } from "@greenloop/app-client";
import { Badge, type BadgeTone } from "../../components/ui";
import { formatDateTime } from "../../format/format-date";
import { useStoreTime } from "../../store-time/store-time-context";

type Consent = RouterOutputs["customers"]["byId"]["consent"];
type ChannelConsent = Consent["email"];

const statusTones: Record<ChannelConsent["status"], BadgeTone> = {
  granted: "good",
  denied: "bad",
  unknown: "neutral",
};

const channelLabels: Record<keyof Consent, string> = { email: "Email", sms: "Texts (SMS)" };

/** "X-Series customer record" / "online order 1234". */
function describeSource(source: string): string {
  const [kind, ...rest] = source.split(":");
  const id = rest.join(":");
  if (kind === "xseries") return "X-Series customer record";
  if (kind === "ecom") return `online order ${id}`;
  return source;
}

export function CustomerConsent({ consent }: { consent: Consent }) {
  const { timeZone } = useStoreTime();
  return (
    <div data-testid="customer-consent">
      <h3>Marketing consent</h3>
      <ul className="plain-list">
        {(Object.keys(channelLabels) as Array<keyof Consent>).map((channel) => {
          const { status, source, observedAt } = consent[channel];
          return (
            <li key={channel} data-testid={`consent-${channel}`} data-status={status}>
              {channelLabels[channel]}:{" "}
              <Badge tone={statusTones[status]} testId={`consent-${channel}-status`}>
                {status}
              </Badge>
              {source ? (
                <span className="muted small" data-testid={`consent-${channel}-source`}>
                  {" "}
                  from the {describeSource(source)},{" "}
                  <time
                    dateTime={observedAt?.toISOString()}
                    data-testid={`consent-${channel}-observed`}
                  >
                    {formatDateTime(observedAt, { timeZone })}
                  </time>
                </span>
              ) : (
                <span className="muted small"> no source has said</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
