// A customer's consent on a channel, from every source record that is theirs now (the X-Series
// customers and eCom orders the merge assigns them: CustomerConsent.customerId follows its record
// through every merge and split). How the sources resolve, when they disagree:
// - the most recent observation wins (observedAt: the X-Series updated_at of the version that set
//   the flag, the eCom order's placed time): a customer who opted in online after opting out at the
//   register is in, and out again if the register later records do_not_email;
// - at the same moment a denial beats a grant;
// - no observation at all is `unknown` (an X-Series flag at its default is none: see
//   @greenloop/order-sync/consent).
// Reachable by email: an email that is not a placeholder (a shared family email still reaches
// them) and email consent not denied. US email marketing is opt-out (CAN-SPAM): the store may
// write to whoever has not said no, so `unknown` counts as reachable and a denial never does.
import type { ConsentChannel } from "@greenloop/order-sync/consent";

/** The winning observation first, for `DISTINCT ON (customer)`. */
const winnerFirst = `cc."observedAt" DESC, (cc.status = 'denied') DESC, cc.source`;

/**
 * `(customerId, status, source, observedAt)`: each customer's effective consent on the channel, for
 * the customers `customerFilter` (SQL over `cc."customerId"`) keeps; customers without any are absent.
 * `channel` is one of ours, never input.
 */
export function effectiveConsentSql(channel: ConsentChannel, customerFilter = "TRUE"): string {
  return `SELECT DISTINCT ON (cc."customerId") cc."customerId", cc.status::text AS status, cc.source,
                 cc."observedAt"
            FROM "CustomerConsent" cc
           WHERE cc.channel = '${channel}' AND cc."customerId" IS NOT NULL AND (${customerFilter})
           ORDER BY cc."customerId", ${winnerFirst}`;
}

/**
 * Who is reachable by email, for a count over many customers: `joins` (LEFT JOINs onto the customer
 * alias `customer`, restricted by `customerFilter` over `cc."customerId"`) and `isReachable`, a
 * condition on them. Set-based (hash joins, no sort), unlike effectiveConsentSql: only whether the
 * latest word is a denial matters here, and it is when the latest denial is no older than the latest
 * grant (a denial wins a tie).
 */
export function reachableByEmailSql(
  customer: string,
  customerFilter = "TRUE",
): { joins: string; isReachable: string } {
  return {
    joins: `LEFT JOIN (
              SELECT cc."customerId",
                     max(cc."observedAt") FILTER (WHERE cc.status = 'denied') AS "deniedAt",
                     max(cc."observedAt") FILTER (WHERE cc.status = 'granted') AS "grantedAt"
                FROM "CustomerConsent" cc
               WHERE cc.channel = 'email' AND cc."customerId" IS NOT NULL AND (${customerFilter})
               GROUP BY cc."customerId") email_consent ON email_consent."customerId" = ${customer}.id
            LEFT JOIN (
              SELECT DISTINCT i."customerId" FROM "CustomerIdentity" i
               WHERE i.kind = 'EMAIL'
                 AND (NOT i.blocked OR i."blockedReason" IS NULL
                      OR i."blockedReason" NOT LIKE 'placeholder%')) has_email
              ON has_email."customerId" = ${customer}.id`,
    isReachable: `(has_email."customerId" IS NOT NULL
                   AND (email_consent."deniedAt" IS NULL
                        OR email_consent."deniedAt" < coalesce(email_consent."grantedAt", '-infinity')))`,
  };
}
