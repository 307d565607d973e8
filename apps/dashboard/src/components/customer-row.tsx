// A row of a table of customers: the customer's name links to their page (`customer-link`), and
// the row carries their id for tests (`data-customer-id`).
import type { ReactNode } from "react";
import { CustomerLink } from "./customer-name";

export function CustomerRow({
  customer,
  testId,
  note,
  children,
}: {
  customer: { displayName: string | null; customerId: string };
  testId: string;
  /** Under the name, in its cell. */
  note?: ReactNode;
  /** The row's other cells. */
  children: ReactNode;
}) {
  return (
    <tr data-testid={testId} data-customer-id={customer.customerId}>
      <td>
        <CustomerLink customer={customer} />
        {note}
      </td>
      {children}
    </tr>
  );
}
