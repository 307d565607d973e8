// Builds one API 2.0 sale from products and payment choices with consistent arithmetic: all money
// is summed in integer cents, line sums equal the sale totals, payments equal the tax-inclusive total.
import type {
  LineItem,
  Payment,
  PaymentType,
  Product,
  Sale,
  SaleStatus,
  SaleTax,
  TaxRate,
} from "./resource-types";
import { stateForStatus } from "./sale-status";
import type { SeededRandom } from "./seeded-random";
import { centsToAmount, formatApiDate } from "./wire-format";

export interface SaleLineInput {
  product: Product;
  quantity: number;
  /** Unit price, tax exclusive; defaults to the product price. */
  priceCents?: number;
  /** Untaxed lines (e.g. a delivery fee) carry the no-tax id. */
  taxable?: boolean;
}

export interface SalePaymentInput {
  type: PaymentType;
  /** Omit on exactly one payment: it takes whatever remains of the tax-inclusive total. */
  cents?: number;
}

export interface BuildSaleInput {
  random: SeededRandom;
  id?: string;
  outletId: string;
  registerId: string;
  userId: string;
  customerId: string | null;
  invoiceSequence: number;
  invoicePrefix?: string;
  source: string;
  sourceId: string | null;
  status: SaleStatus;
  note: string;
  saleDateMs: number;
  createdAtMs: number;
  lines: SaleLineInput[];
  taxRates: readonly TaxRate[];
  taxGroupId: string;
  noTaxId: string;
  payments: SalePaymentInput[];
  /** Loyalty earned per tax-exclusive dollar (0 for walk-ins). */
  loyaltyRate: number;
}

const shortCodeAlphabet = "abcdefghijklmnopqrstuvwxyz";

export function buildSale(input: BuildSaleInput): Sale {
  const { random } = input;
  const taxTotalsByRate = input.taxRates.map(() => 0);
  const lineItems: LineItem[] = input.lines.map((line, index) => {
    const unitCents = line.priceCents ?? line.product.priceCents;
    const priceTotal = unitCents * line.quantity;
    const taxable = line.taxable ?? true;
    const components = taxable
      ? input.taxRates.map((rate) => Math.round(priceTotal * rate.rate))
      : input.taxRates.map(() => 0);
    components.forEach((cents, i) => {
      taxTotalsByRate[i] = (taxTotalsByRate[i] ?? 0) + cents;
    });
    const taxTotal = components.reduce((sum, cents) => sum + cents, 0);
    const costTotal = line.product.costCents * line.quantity;
    const loyaltyTotal = Math.round(priceTotal * input.loyaltyRate);
    const unitTax = round5(taxTotal / 100 / line.quantity);
    const unitLoyalty = round5(loyaltyTotal / 100 / line.quantity);
    return {
      id: random.uuid(),
      product_id: line.product.id,
      tax_id: taxable ? input.taxGroupId : input.noTaxId,
      quantity: line.quantity,
      price: centsToAmount(unitCents),
      price_total: centsToAmount(priceTotal),
      cost: centsToAmount(line.product.costCents),
      cost_total: centsToAmount(costTotal),
      discount: 0,
      discount_total: 0,
      tax: unitTax,
      tax_total: centsToAmount(taxTotal),
      loyalty_value: unitLoyalty,
      price_set: line.priceCents !== undefined && line.priceCents !== line.product.priceCents,
      status: "CONFIRMED",
      sequence: index,
      note: null,
      is_return: false,
      salesperson_id: input.userId,
      tax_components: taxable
        ? input.taxRates.map((rate, i) => ({
            rate_id: rate.id,
            total_tax: centsToAmount(components[i] ?? 0),
          }))
        : [],
      unit_cost: centsToAmount(line.product.costCents),
      unit_discount: 0,
      unit_loyalty_value: unitLoyalty,
      unit_price: centsToAmount(unitCents),
      unit_tax: unitTax,
      total_cost: centsToAmount(costTotal),
      total_discount: 0,
      total_loyalty_value: centsToAmount(loyaltyTotal),
      total_price: centsToAmount(priceTotal),
      total_tax: centsToAmount(taxTotal),
    };
  });

  const priceCents = input.lines.reduce(
    (sum, line) => sum + (line.priceCents ?? line.product.priceCents) * line.quantity,
    0,
  );
  const taxCents = taxTotalsByRate.reduce((sum, cents) => sum + cents, 0);
  const inclCents = priceCents + taxCents;
  const loyaltyCents = input.lines.reduce(
    (sum, line) =>
      sum +
      Math.round((line.priceCents ?? line.product.priceCents) * line.quantity * input.loyaltyRate),
    0,
  );

  const fixedCents = input.payments.reduce((sum, p) => sum + (p.cents ?? 0), 0);
  const payments: Payment[] = input.payments.map((payment) => ({
    id: random.uuid(),
    register_id: input.registerId,
    outlet_id: input.outletId,
    retailer_payment_type_id: payment.type.id,
    payment_type_id: payment.type.typeCode,
    name: payment.type.name,
    amount: centsToAmount(payment.cents ?? inclCents - fixedCents),
    payment_date: formatApiDate(input.saleDateMs),
    external_attributes: [],
    deleted_at: null,
  }));

  const taxes: SaleTax[] = input.taxRates
    .map((rate, i) => ({
      id: rate.id,
      name: rate.name,
      rate: rate.rate,
      amount: centsToAmount(taxTotalsByRate[i] ?? 0),
    }))
    .filter((tax) => tax.amount !== 0);

  const invoiceNumber = `${input.invoicePrefix ?? ""}${input.invoiceSequence}`;
  const { state, attributes } = stateForStatus(input.status);
  return {
    id: input.id ?? random.uuid(),
    outlet_id: input.outletId,
    register_id: input.registerId,
    user_id: input.userId,
    customer_id: input.customerId,
    invoice_number: invoiceNumber,
    invoice_sequence: input.invoiceSequence,
    receipt_number: invoiceNumber,
    source: input.source,
    source_id: input.sourceId,
    status: input.status,
    state,
    attributes,
    note: input.note,
    short_code: random.string(6, shortCodeAlphabet),
    return_for: null,
    total_price: centsToAmount(priceCents),
    total_tax: centsToAmount(taxCents),
    total_loyalty: centsToAmount(loyaltyCents),
    total_price_incl: centsToAmount(inclCents),
    sale_date: formatApiDate(input.saleDateMs),
    created_at: formatApiDate(input.createdAtMs),
    updated_at: formatApiDate(input.createdAtMs),
    deleted_at: null,
    version: 0,
    line_items: lineItems,
    payments,
    taxes,
    adjustments: [],
    external_applications: [],
  };
}

function round5(value: number): number {
  return Math.round(value * 100_000) / 100_000;
}
