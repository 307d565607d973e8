// One customer: the app's summary (tier, LTV, 90-day spend, next tier, VIP, inactivity, loyalty),
// orders across channels with their source, identities, the merge explanation, and the
// operator's corrections.
import type { RouterOutputs } from "@greenloop/app-client";
import { mergeCursorPages } from "../../api/merge-cursor-pages";
import { useApiInfiniteQuery, useApiQuery } from "../../api/use-api";
import { useAuth } from "../../auth/auth-context";
import { customerLabel } from "../../components/customer-name";
import { DataTable } from "../../components/data-table";
import { isMissingRecord, NotFoundView } from "../../components/not-found-view";
import { OrderSourceBadge } from "../../components/order-source-badge";
import { PagedView } from "../../components/paged-view";
import { StatGrid } from "../../components/stat-grid";
import { QueryView } from "../../components/status-views";
import { num } from "../../components/table-columns";
import { Badge, Section } from "../../components/ui";
import { formatDate, formatStoreTime } from "../../format/format-date";
import { formatDuration } from "../../format/format-duration";
import { formatMoney } from "../../format/format-money";
import { formatCount, formatDecimal, formatShare } from "../../format/format-number";
import { Link } from "../../routing/use-route";
import { useStoreTime } from "../../store-time/store-time-context";
import { CustomerActions } from "./customer-actions";
import { CustomerConsent } from "./customer-consent";
import { CustomerLabelsLegend } from "./customer-labels-legend";
import { CustomerPredictions } from "./customer-predictions";
import { favouriteSharesText } from "./favourite-shares";
import { MergeExplanation } from "./merge-explanation";

type Profile = RouterOutputs["customers"]["byId"];

const inactivityLabels: Record<string, string> = {
  active: "Active",
  "30d": "Inactive 30+ days",
  "60d": "Inactive 60+ days",
  "90d+": "Inactive 90+ days",
};

export function CustomerDetailPage({ customerId }: { customerId: string }) {
  const profile = useApiQuery((api) => api.customers.byId, { customerId, ordersLimit: 1 });
  const { isOperator } = useAuth();
  if (profile.error && !profile.data && isMissingRecord(profile.error)) {
    return (
      <div className="page" data-testid="page-customer">
        <NotFoundView
          title="No such customer"
          back={{ to: { page: "customers" }, label: "← Back to customers" }}
        >
          There is no customer <code>{customerId}</code>: the link may be mistyped, or the customer
          was erased.
        </NotFoundView>
      </div>
    );
  }
  return (
    <div className="page" data-testid="page-customer">
      <p className="breadcrumbs">
        <Link to={{ page: "customers" }}>← Customers</Link>
      </p>
      <QueryView query={profile} loadingLabel="Loading the customer…">
        {(data) => (
          <>
            <CustomerHeader profile={data} />
            <CustomerSummary profile={data} />
            <CustomerPredictions predictions={data.predictions} />
            <CustomerLabelsLegend />
            <OrdersSection customerId={data.customerId} />
            <div className="grid two">
              <IdentitiesSection profile={data} />
              <MetricsSection profile={data} />
            </div>
            <MergeExplanation customerId={data.customerId} />
            {isOperator ? <CustomerActions profile={data} /> : null}
          </>
        )}
      </QueryView>
    </div>
  );
}

function CustomerHeader({ profile }: { profile: Profile }) {
  const { summary } = profile;
  return (
    <div className="page-header">
      <div>
        <h1 data-testid="customer-name">{customerLabel(profile)}</h1>
        <p className="muted small">
          {[summary.email, summary.phone, summary.customerCode && `code ${summary.customerCode}`]
            .filter(Boolean)
            .join(" · ") || "No contact details"}
        </p>
        {profile.customerId !== profile.requestedId ? (
          <p className="notice" data-testid="customer-merged-note">
            {profile.requestedId} was merged into this customer.
          </p>
        ) : null}
        {profile.mergedFrom.length > 0 ? (
          <p className="muted small">
            Merged from {profile.mergedFrom.length} earlier customer record(s).
          </p>
        ) : null}
      </div>
      <div className="header-badges">
        {summary.isVIP ? (
          <Badge tone="accent" testId="customer-vip-badge">
            VIP
          </Badge>
        ) : null}
        {summary.isFirstTimeBuyer ? <Badge tone="info">First-time buyer</Badge> : null}
      </div>
    </div>
  );
}

function CustomerSummary({ profile }: { profile: Profile }) {
  const { timeZone } = useStoreTime();
  const { summary } = profile;
  // A customer without orders has no tier progress (the API gives none); one whose orders fell out
  // of the 90-day window sees the way back to the first tier.
  const nextTier = summary.nextTier;
  const inactivity = summary.inactiveSegment
    ? (inactivityLabels[summary.inactiveSegment] ?? summary.inactiveSegment)
    : "—";
  return (
    <StatGrid
      testId="customer-summary"
      idPrefix="customer"
      items={[
        { id: "tier", label: "Tier", value: summary.tier ?? "—" },
        { id: "ltv", label: "Lifetime value", value: formatMoney(summary.lifetimeValue) },
        {
          id: "spend90d",
          label: "Spend, rolling 90 days",
          value: formatMoney(summary.rolling90DaySpend),
        },
        {
          id: "next-tier",
          label: "Next tier",
          value: nextTier ?? "—",
          hint:
            nextTier && summary.spendToNextTier
              ? `${formatMoney(summary.spendToNextTier)} to go`
              : undefined,
        },
        {
          id: "vip",
          label: "VIP",
          value: summary.isVIP === null ? "—" : summary.isVIP ? "Yes" : "No",
        },
        {
          id: "inactivity",
          label: "Inactivity",
          value: inactivity,
          tone:
            summary.inactiveSegment === "active"
              ? "good"
              : summary.inactiveSegment
                ? "warn"
                : undefined,
          hint: summary.lastOrderDate
            ? `last order ${formatDate(summary.lastOrderDate, { timeZone })}`
            : undefined,
        },
        { id: "loyalty", label: "Loyalty balance", value: formatMoney(summary.loyaltyBalance) },
        { id: "order-count", label: "Orders", value: formatCount(summary.orderCount) },
        { id: "aov", label: "Average order", value: formatMoney(summary.averageOrderValue) },
        {
          id: "first-order",
          label: "First order",
          value: formatDate(profile.firstOrderAt, { timeZone }),
        },
        {
          id: "first-seen",
          label: "First seen",
          value: formatDate(profile.firstSeenAt, { timeZone }),
          hint: "when this system first saw them",
        },
      ]}
    />
  );
}

function OrdersSection({ customerId }: { customerId: string }) {
  const { timeZone } = useStoreTime();
  const orders = useApiInfiniteQuery((api) => api.customers.orders, { customerId, limit: 25 });
  const rows = mergeCursorPages(
    orders.data?.pages ?? [],
    (page) => page.items,
    (item) => item.id,
  );
  return (
    <Section title="Orders across channels" testId="customer-orders" wide>
      <PagedView query={orders} loadingLabel="Loading orders…" testId="customer-orders">
        {() =>
          rows.length === 0 ? (
            <p className="muted empty">No orders.</p>
          ) : (
            <DataTable
              className="table"
              testId="customer-orders-table"
              columns={[
                "Placed",
                "Source",
                "Receipt / order",
                "Status",
                num("Total"),
                num("Refunded"),
                "Reached X-Series",
                num("Delay"),
              ]}
            >
              {rows.map((order) => (
                <tr
                  key={order.id}
                  data-testid="order-row"
                  data-source={order.source}
                  className={order.countsInAnalytics ? undefined : "muted"}
                >
                  <td>{formatStoreTime(order.placedAt, { timeZone })}</td>
                  <td>
                    <OrderSourceBadge source={order.source} />
                  </td>
                  <td>
                    <div>{order.receiptNumber}</div>
                    {order.ecomOrderNumber ? (
                      <div className="muted small">eCom #{order.ecomOrderNumber}</div>
                    ) : null}
                  </td>
                  <td>
                    {order.status.toLowerCase()}
                    {order.countsInAnalytics ? null : (
                      <div className="muted small" title="Not counted in analytics">
                        not counted
                      </div>
                    )}
                  </td>
                  <td className="num" data-testid="order-total">
                    {formatMoney(order.total)}
                  </td>
                  <td className="num">
                    {order.refundedTotal.isZero() ? "—" : formatMoney(order.refundedTotal)}
                  </td>
                  <td>
                    {order.channel === "ECOM"
                      ? formatStoreTime(order.reachedRetailAt, { timeZone })
                      : "—"}
                  </td>
                  <td className="num">{formatDuration(order.syncDelaySeconds)}</td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </PagedView>
    </Section>
  );
}

function IdentitiesSection({ profile }: { profile: Profile }) {
  const { timeZone } = useStoreTime();
  return (
    <Section title="Identities" testId="customer-identities">
      <CustomerConsent consent={profile.consent} />
      {profile.identities.length === 0 ? (
        <p className="muted empty">No identifiers.</p>
      ) : (
        <DataTable columns={["Kind", "Value", "First seen"]}>
          {profile.identities.map((identity) => (
            <tr
              key={`${identity.kind}:${identity.value}`}
              data-testid="identity-row"
              data-kind={identity.kind}
            >
              <td>{identity.kind.toLowerCase().replaceAll("_", " ")}</td>
              <td>
                <code>{identity.value}</code>{" "}
                {identity.blocked ? (
                  <Badge tone="warn" title={identity.blockedReason ?? undefined}>
                    shared / blocked
                  </Badge>
                ) : null}
              </td>
              <td>{formatDate(identity.firstSeenAt, { timeZone })}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {profile.retailCustomers.length > 0 ? (
        <>
          <h3>X-Series customer records</h3>
          <DataTable columns={["Name", "Code", num("Loyalty")]}>
            {profile.retailCustomers.map((record) => (
              <tr
                key={record.id}
                data-testid="retail-customer-row"
                className={record.deletedAt ? "muted" : undefined}
              >
                <td>
                  {[record.firstName, record.lastName].filter(Boolean).join(" ") || "—"}
                  {record.deletedAt ? " (deleted)" : ""}
                </td>
                <td>{record.customerCode ?? "—"}</td>
                <td className="num">{formatMoney(record.loyaltyBalance)}</td>
              </tr>
            ))}
          </DataTable>
        </>
      ) : null}
    </Section>
  );
}

function MetricsSection({ profile }: { profile: Profile }) {
  const { timeZone } = useStoreTime();
  const { metrics } = profile;
  return (
    <Section title="Analytics" testId="customer-metrics">
      {!metrics ? (
        <p className="muted empty">
          Not computed yet: the next analytics run includes this customer.
        </p>
      ) : (
        <dl className="facts">
          <dt>Orders (in store / online)</dt>
          <dd>
            {formatCount(metrics.orderCount)} ({formatCount(metrics.retailOrderCount)} /{" "}
            {formatCount(metrics.ecomOrderCount)})
          </dd>
          <dt>Online share</dt>
          <dd>{formatShare(metrics.onlineShare)}</dd>
          <dt>First / last order</dt>
          <dd>
            {formatDate(metrics.firstOrderAt, { timeZone })} –{" "}
            {formatDate(metrics.lastOrderAt, { timeZone })}
          </dd>
          <dt>Days between orders</dt>
          <dd>{formatDecimal(metrics.meanDaysBetweenOrders, { digits: 1 })}</dd>
          <dt>RFM</dt>
          <dd data-testid="customer-rfm">
            {metrics.rfmSegment ?? "—"}
            {metrics.rfm
              ? ` (R${metrics.rfm.recency} F${metrics.rfm.frequency} M${metrics.rfm.monetary})`
              : ""}
          </dd>
          <dt>Churn risk</dt>
          <dd data-testid="customer-churn">
            {metrics.churnRiskLabel ?? "—"}
            {metrics.churnRisk === null
              ? ""
              : ` (${formatShare(metrics.churnRisk, { digits: 0 })})`}
          </dd>
          <dt>Still active (P alive)</dt>
          <dd>{formatShare(metrics.probabilityAlive, { digits: 0 })}</dd>
          <dt>Predicted value, 90 days / 1 year</dt>
          <dd data-testid="customer-clv">
            {formatMoney(metrics.predictedValue90d)} / {formatMoney(metrics.predictedValue365d)}
          </dd>
          <dt>Favourite products</dt>
          <dd>{metrics.favouriteProducts.join(", ") || "—"}</dd>
          <dt>Favourite categories (share of spend)</dt>
          <dd data-testid="customer-favourite-categories">
            {favouriteSharesText(metrics.categoryShares)}
          </dd>
          <dt>Favourite brands (share of spend)</dt>
          <dd data-testid="customer-favourite-brands">
            {favouriteSharesText(metrics.brandShares)}
          </dd>
          <dt>Computed</dt>
          <dd className="muted">{formatStoreTime(metrics.computedAt, { timeZone })}</dd>
        </dl>
      )}
    </Section>
  );
}
