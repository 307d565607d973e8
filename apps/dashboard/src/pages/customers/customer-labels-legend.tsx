// One place that says what each label on a customer measures, because they disagree by design:
// the tier looks at the last 90 days, VIP at the whole lifetime, the RFM segment ranks the
// customer against everyone else, inactivity counts days, and "still active" is a model's
// probability. The thresholds come from the server's configuration (analytics.definitions).
import type { RouterOutputs } from "@greenloop/app-client";
import { useApiQuery } from "../../api/use-api";
import { QueryView } from "../../components/status-views";
import { formatMoney } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";
import "./customer-labels-legend.css";

type Definitions = RouterOutputs["analytics"]["definitions"];

export function CustomerLabelsLegend() {
  const definitions = useApiQuery((api) => api.analytics.definitions, undefined, {
    staleTime: Number.POSITIVE_INFINITY,
  });
  return (
    <details className="card label-legend" data-testid="customer-legend">
      <summary data-testid="customer-legend-toggle">What these labels mean</summary>
      <QueryView query={definitions} loadingLabel="Loading the definitions…">
        {(data) => <LegendEntries definitions={data} />}
      </QueryView>
    </details>
  );
}

function LegendEntries({ definitions }: { definitions: Definitions }) {
  const { rollingWindowDays: days, tiers, vip, inactivityFromDays, churnRisk } = definitions;
  const tierList = tiers
    .map((tier) => `${tier.name} from ${formatMoney(tier.minRollingSpend)}`)
    .join(", ");
  return (
    <dl>
      <dt>Tier and next tier</dt>
      <dd data-testid="legend-tier">
        Net spend over the last {formatCount(days)} days only (today included): {tierList}. It goes
        down again as old orders leave the window, so a big spender who has not bought lately can be
        in the lowest tier.
        {definitions.tierRequiresOrder
          ? " A customer without orders has no tier and no next tier."
          : ""}{" "}
        "Next tier" is the spend still missing in the same window.
      </dd>
      <dt>VIP</dt>
      <dd data-testid="legend-vip">
        Lifetime net spend of {formatMoney(vip.minLifetimeValue)} or more
        {vip.minOrderCount === null ? "" : `, or ${formatCount(vip.minOrderCount)} orders or more`},
        over every order ever. Unlike the tier it does not fade with time: a VIP can hold the lowest
        tier.
      </dd>
      <dt>RFM segment</dt>
      <dd data-testid="legend-rfm">
        Recency, frequency and spend, each scored 1–5 against all of the store's customers (a fifth
        of them per score), then named: Champions bought recently and often, Loyal buy often but not
        most recently, At Risk and Can't Lose Them used to buy often but have not lately. It ranks
        the customer among others, so "Loyal" does not mean they bought this month.
      </dd>
      <dt>Inactivity</dt>
      <dd data-testid="legend-inactivity">
        {inactivitySentence(inactivityFromDays)} It says nothing about how often this customer
        usually buys.
      </dd>
      <dt>Still active (P alive)</dt>
      <dd data-testid="legend-p-alive">
        The purchase model's (BG/NBD) estimate that the customer has not stopped buying for good,
        given how often and how recently they bought. A customer who buys every few months can be
        inactive for a month and still be very likely active; a customer with a single order counts
        as 100% active until they order again.
      </dd>
      <dt>Churn risk</dt>
      <dd data-testid="legend-churn">
        1 − P(alive) (or, before the model is fitted, the silence since the last order against the
        customer's own rhythm): medium from {formatShare(churnRisk.mediumFrom, { digits: 0 })}, high
        from {formatShare(churnRisk.highFrom, { digits: 0 })}.
      </dd>
      <dt>Expected next order</dt>
      <dd data-testid="legend-next-order">
        The date by which, if the customer is still active, they are as likely as not to have
        ordered again: the purchase model's median wait from today, given how often they have bought
        and how long they have been silent. Not given for a customer with one order (the model needs
        a repeat order), nor for one the model thinks has most likely left. Predictions show only
        once the store's data passes the gates (enough customers, history, recent orders and repeat
        buyers).
      </dd>
    </dl>
  );
}

function inactivitySentence(from: Definitions["inactivityFromDays"]): string {
  const days = (value: number) => formatCount(value);
  return (
    `Whole days since the last order: Active under ${days(from["30d"])} days, then ` +
    `"Inactive ${days(from["30d"])}+ days", "${days(from["60d"])}+" and "${days(from["90d+"])}+".`
  );
}
