// A customer's predictions: the next order date (in the store's time zone), the churn band with
// its probability, the next year's orders and spend; or, where the model or the store's data
// cannot support them, why not in words.
import type { RouterOutputs } from "@greenloop/app-client";
import { Section } from "../../components/ui";
import { formatDate } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatDecimal, formatShare } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

type Predictions = NonNullable<RouterOutputs["customers"]["byId"]["predictions"]>;

const bandNames: Record<NonNullable<Predictions["churnBand"]>, string> = {
  low: "Low",
  medium: "Medium",
  high: "High",
};

export function CustomerPredictions({ predictions }: { predictions: Predictions | null }) {
  const { timeZone } = useStoreTime();
  return (
    <Section title="Predictions" testId="customer-predictions">
      {!predictions ? (
        <p className="muted empty">
          Not computed yet: the next analytics run includes this customer.
        </p>
      ) : (
        <>
          {predictions.withheldReason ? (
            <p className="notice" data-testid="prediction-withheld">
              {predictions.withheldReason.message}
            </p>
          ) : null}
          <dl className="facts">
            <dt>Expected next order</dt>
            <dd data-testid="prediction-next-order">
              {formatDate(predictions.nextOrderAt, { timeZone })}
            </dd>
            <dt>Churn risk</dt>
            <dd data-testid="prediction-churn">
              {predictions.churnBand === null || predictions.churnProbability === null
                ? "—"
                : `${bandNames[predictions.churnBand]} (${formatShare(predictions.churnProbability, { digits: 0 })})`}
            </dd>
            <dt>Orders, next 365 days</dt>
            <dd data-testid="prediction-orders-365">
              {formatDecimal(predictions.predictedOrders365d, { digits: 1 })}
            </dd>
            <dt>Spend, next 365 days</dt>
            <dd data-testid="prediction-spend-365">
              {formatMoney(predictions.predictedSpend365d)}
            </dd>
          </dl>
        </>
      )}
    </Section>
  );
}
