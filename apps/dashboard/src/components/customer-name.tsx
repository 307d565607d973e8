// A customer's name as a link to their page; the id's start stands in for a missing name.
import { Link } from "../routing/use-route";

export function customerLabel(customer: {
  displayName: string | null;
  customerId: string;
}): string {
  return customer.displayName?.trim() || `Customer ${customer.customerId.slice(0, 8)}`;
}

export function CustomerLink({
  customer,
}: {
  customer: { displayName: string | null; customerId: string };
}) {
  return (
    <Link to={{ page: "customer", customerId: customer.customerId }} testId="customer-link">
      {customerLabel(customer)}
    </Link>
  );
}
