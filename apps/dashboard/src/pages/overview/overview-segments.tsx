// Segments (RFM, tier, inactivity) as a table with bars, and monthly cohorts as a heat map.
import type { RouterInputs } from "@greenloop/app-client";
import { useState } from "react";
import { type ObjectInput, useApiQuery } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { heatColor, heatTextIsLight } from "../../charts/chart-scale";
import { InlineBar } from "../../charts/share-bar";
import { DataTable } from "../../components/data-table";
import { LabelledSelect } from "../../components/labelled-select";
import { QuerySection } from "../../components/query-section";
import { optionsFromLabels } from "../../components/select-options";
import { num } from "../../components/table-columns";
import { CsvDownloadButton } from "../../exports/csv-download-button";
import { formatPeriod, formatZoneName } from "../../format/format-date";
import { formatMoney } from "../../format/format-money";
import { formatCount, formatShare } from "../../format/format-number";
import { useStoreTime } from "../../store-time/store-time-context";

type SegmentBy = NonNullable<ObjectInput<RouterInputs["analytics"]["segments"]>["by"]>;

/** The customers export's filter for a segment of each kind. */
const customerFilterOf: Record<SegmentBy, "rfmSegment" | "tier" | "inactiveSegment"> = {
  rfmSegment: "rfmSegment",
  tier: "tier",
  inactivitySegment: "inactiveSegment",
};

const segmentByLabels: Record<SegmentBy, string> = {
  rfmSegment: "RFM segment",
  tier: "Loyalty tier",
  inactivitySegment: "Inactivity",
};

/** What the reachable count counts (the backend's consent/effective-consent.ts). */
const reachableTitle =
  "Customers with an email who have not said no to marketing (at the register or at an online checkout)";

export function SegmentsSection() {
  const [by, setBy] = useState<SegmentBy>("rfmSegment");
  const segments = useApiQuery((api) => api.analytics.segments, { by });
  const { isOperator } = useAuth();
  return (
    <QuerySection
      title="Segments"
      testId="segments"
      actions={
        <LabelledSelect
          label="Segment by"
          value={by}
          options={optionsFromLabels(segmentByLabels)}
          onChange={setBy}
          testId="segments-by"
        />
      }
      query={segments}
      isEmpty={(data) => data.segments.length === 0 && data.unsegmented.customerCount === 0}
      empty="No analytics yet: run the analytics job (pnpm cli analytics)."
    >
      {(data) => (
        <DataTable
          columns={[
            segmentByLabels[data.by],
            num("Customers"),
            { label: "Share", className: "bar-col" },
            num("Revenue"),
            num("Revenue share"),
            num("Reachable by email"),
            isOperator && "",
          ]}
          foot={
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
              <th className="num" data-testid="segments-total-reachable">
                {formatCount(data.reachableByEmail)}
              </th>
              {isOperator ? <th /> : null}
            </tr>
          }
        >
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
              <td className="num" data-testid="segment-reachable" title={reachableTitle}>
                {formatCount(segment.reachableByEmail)}
              </td>
              {isOperator ? (
                <td>
                  {segment.customerCount > 0 ? (
                    <CsvDownloadButton
                      list="customers"
                      params={{ [customerFilterOf[data.by]]: segment.segment }}
                      testId="segment-export"
                      label="CSV"
                      title={`Download the ${formatCount(segment.customerCount)} customers in ${segment.segment} as a CSV (with email and phone)`}
                    />
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
          {data.unsegmented.customerCount > 0 ? (
            <tr className="muted" data-testid="segment-row" data-segment="(none)">
              <td>No segment yet</td>
              <td className="num">{formatCount(data.unsegmented.customerCount)}</td>
              <td />
              <td className="num">{formatMoney(data.unsegmented.revenue)}</td>
              <td />
              <td className="num">{formatCount(data.unsegmented.reachableByEmail)}</td>
              {isOperator ? <td /> : null}
            </tr>
          ) : null}
        </DataTable>
      )}
    </QuerySection>
  );
}

const cohortOptions = [6, 12, 24].map((months) => ({
  value: months,
  label: `last ${months} months`,
}));

export function CohortsSection() {
  const [months, setMonths] = useState<number>(12);
  const cohorts = useApiQuery((api) => api.analytics.cohorts, { months });
  // The API's cohorts are the store's months (STORE_TIMEZONE): label them in the same zone.
  const { timeZone } = useStoreTime();
  const zoneName = formatZoneName({ timeZone });
  return (
    <QuerySection
      title="Cohort retention"
      testId="cohorts"
      wide
      actions={
        <LabelledSelect
          label="Cohorts shown"
          value={months}
          options={cohortOptions}
          onChange={setMonths}
          testId="cohorts-months"
        />
      }
      intro={
        <p className="muted small" data-testid="cohorts-note">
          Customers grouped by the store's month of their first order ({zoneName}); each cell is the
          share of them who ordered again that many months later.
        </p>
      }
      query={cohorts}
      isEmpty={(data) => data.cohorts.length === 0}
      empty="No cohorts yet."
    >
      {(data) => {
        const width = Math.max(...data.cohorts.map((cohort) => cohort.retention.length));
        return (
          <DataTable
            className="table heatmap"
            columns={[
              "Cohort",
              num("Customers"),
              ...Array.from({ length: width }, (_, offset) =>
                num(offset === 0 ? "M0" : `+${offset}`),
              ),
            ]}
          >
            {data.cohorts.map((cohort) => (
              <tr key={cohort.key} data-testid="cohort-row" data-cohort={cohort.key}>
                <th scope="row" data-testid="cohort-label">
                  {formatPeriod(cohort.start, "month", { timeZone })}
                </th>
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
          </DataTable>
        );
      }}
    </QuerySection>
  );
}
