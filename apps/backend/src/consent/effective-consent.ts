// A customer's consent on a channel, from every source record the identity graph gives them (the
// X-Series customers and eCom orders that are theirs now, so a merge or a split moves consent with
// the records, with no write of its own). How the sources resolve, when they disagree:
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
 * the customers `customerFilter` (SQL over `r."customerId"`) keeps; customers without any are absent.
 * `channel` is one of ours, never input.
 */
export function effectiveConsentSql(channel: ConsentChannel, customerFilter = "TRUE"): string {
  return `SELECT DISTINCT ON (r."customerId") r."customerId", cc.status::text AS status, cc.source,
                 cc."observedAt"
            FROM "CustomerConsent" cc JOIN "IdentityRecord" r ON r.key = cc."recordKey"
           WHERE cc.channel = '${channel}' AND r."customerId" IS NOT NULL AND (${customerFilter})
           ORDER BY r."customerId", ${winnerFirst}`;
}

/**
 * A condition on the customer `customer` (SQL alias): an email to write to (a placeholder is none)
 * and no denial in `consent` (an alias of effectiveConsentSql's rows, LEFT JOINed: null is unknown).
 */
export function reachableByEmailSql(customer: string, consent: string): string {
  return `(${consent}.status IS DISTINCT FROM 'denied' AND EXISTS (
            SELECT 1 FROM "CustomerIdentity" i
             WHERE i."customerId" = ${customer}.id AND i.kind = 'EMAIL'
               AND (NOT i.blocked OR i."blockedReason" IS NULL
                    OR i."blockedReason" NOT LIKE 'placeholder%')))`;
}
