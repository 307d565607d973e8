// Segments (RFM, tier, inactivity) as a table with bars, and monthly cohorts as a heat map.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { useApiQuery } from "../../api/use-api";
import { heatColor, heatTextIsLight } from "../../charts/chart-scale";
import { InlineBar } from "../../charts/share-bar";
import { QueryView } from "../../components/status-views";
import { Section } from "../../components/ui";
import { formatPeriod } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";

type SegmentBy = NonNullable<RouterInputs["analytics"]["segments"]["by"]>;

const segmentByLabels: Record<SegmentBy, string> = {
  rfmSegment: "RFM segment",
  tier: "Loyalty tier",
  inactivitySegment: "Inactivity",
};

export function SegmentsSection() {
  const [by, setBy] = useState<SegmentBy>("rfmSegment");
  const segments = useApiQuery((api) => api.analytics.segments, { by });
  return (
    <Section
      title="Segments"
      testId="segments"
      actions={
        <select
          value={by}
          onChange={(event) => setBy(event.target.value as SegmentBy)}
          aria-label="Segment by"
          data-testid="segments-by"
        >
          {Object.entries(segmentByLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      }
    >
      <QueryView
        query={segments}
        isEmpty={(data) => data.segments.length === 0 && data.unsegmented.customerCount === 0}
        empty="No analytics yet: run the analytics job (pnpm cli analytics)."
      >
        {(data) => (
          <table className="table compact">
            <thead>
              <tr>
                <th>{segmentByLabels[data.by]}</th>
                <th className="num">Customers</th>
                <th className="bar-col">Share</th>
                <th className="num">Revenue</th>
                <th className="num">Revenue share</th>
              </tr>
            </thead>
            <tbody>
              {data.segments.map((segment) => (
                <tr key={segment.segment} data-testid="segment-row" data-segment={segment.segment}>
                  <td>{segment.segment}</td>
                  <td className="num" data-testid="segment-customers">
                    {formatCount(segment.customerCount)}
                  </td>
                  <td className="bar-col">
                    <InlineBar share={segment.customerShare} />
                    <span className="muted small">{formatShare(segment.customerShare)}</span>
                  </td>
                  <td className="num" data-testid="segment-revenue">
                    {formatMoney(segment.revenue)}
                  </td>
                  <td className="num">{formatShare(segment.revenueShare)}</td>
                </tr>
              ))}
              {data.unsegmented.customerCount > 0 ? (
                <tr className="muted" data-testid="segment-row" data-segment="(none)">
                  <td>No segment yet</td>
                  <td className="num">{formatCount(data.unsegmented.customerCount)}</td>
                  <td />
                  <td className="num">{formatMoney(data.unsegmented.revenue)}</td>
                  <td />
                </tr>
              ) : null}
            </tbody>
            <tfoot>
              <tr>
                <th>Total</th>
                <th className="num" data-testid="segments-total-customers">
                  {formatCount(data.customerCount)}
                </th>
                <th />
                <th className="num" data-testid="segments-total-revenue">
                  {formatMoney(data.revenue)}
                </th>
                <th />
              </tr>
            </tfoot>
          </table>
        )}
      </QueryView>
    </Section>
  );
}

const cohortChoices = [6, 12, 24] as const;

export function CohortsSection() {
  const [months, setMonths] = useState<number>(12);
  const cohorts = useApiQuery((api) => api.analytics.cohorts, { months });
  return (
    <Section
      title="Cohort retention"
      testId="cohorts"
      wide
      actions={
        <select
          value={months}
          onChange={(event) => setMonths(Number(event.target.value))}
          aria-label="Cohorts shown"
          data-testid="cohorts-months"
        >
          {cohortChoices.map((choice) => (
            <option key={choice} value={choice}>
              last {choice} months
            </option>
          ))}
        </select>
      }
    >
      <p className="muted small">
        Customers grouped by the month of their first order (UTC); each cell is the share of them
        who ordered again that many months later.
      </p>
      <QueryView
        query={cohorts}
        isEmpty={(data) => data.cohorts.length === 0}
        empty="No cohorts yet."
      >
        {(data) => {
          const width = Math.max(...data.cohorts.map((cohort) => cohort.retention.length));
          return (
            <div className="table-scroll">
              <table className="table heatmap">
                <thead>
                  <tr>
                    <th>Cohort</th>
                    <th className="num">Customers</th>
                    {Array.from({ length: width }, (_, offset) => (
                      <th key={offset} className="num">
                        {offset === 0 ? "M0" : `+${offset}`}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.cohorts.map((cohort) => (
                    <tr key={cohort.key} data-testid="cohort-row" data-cohort={cohort.key}>
                      <th scope="row">{formatPeriod(cohort.start, "month")}</th>
                      <td className="num" data-testid="cohort-size">
                        {formatCount(cohort.size)}
                      </td>
                      {Array.from({ length: width }, (_, offset) => {
                        const share = cohort.retention[offset];
                        const active = cohort.activeCustomers[offset];
                        return (
                          <td
                            key={offset}
                            className={heatTextIsLight(share) ? "heat light" : "heat"}
                            style={{ background: heatColor(share) }}
                            title={
                              share === undefined
                                ? undefined
                                : `${formatCount(active)} of ${formatCount(cohort.size)} customers`
                            }
                          >
                            {share === undefined ? "" : formatShare(share, { digits: 0 })}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </QueryView>
    </Section>
  );
}
