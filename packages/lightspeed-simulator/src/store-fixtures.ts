// The fixed furniture of the simulated store: one outlet, two in-store registers plus the online
// register eCom orders land on, staff, customer groups, taxes, payment types and a small catalog.
import type {
  CustomerGroup,
  Outlet,
  PaymentType,
  Product,
  Register,
  TaxRate,
  User,
} from "./resource-types";
import type { SeededRandom } from "./seeded-random";
import { formatApiDate } from "./wire-format";

export interface StoreFixtures {
  outlet: Outlet;
  inStoreRegisters: Register[];
  onlineRegister: Register;
  users: User[];
  customerGroups: CustomerGroup[];
  defaultGroupId: string;
  taxRates: TaxRate[];
  taxGroupId: string;
  noTaxId: string;
  paymentTypes: {
    cash: PaymentType;
    card: PaymentType;
    loyalty: PaymentType;
    squareOnline: PaymentType;
  };
  products: Product[];
  /** Products the store stopped selling; orders placed before still name them. */
  retiredProducts: Product[];
  deliveryFee: Product;
}

// Names are made up; `option` values follow the shapes seen in the export (`Amount:3.5G`, …).
const catalog: { name: string; option: string; price: number }[] = [
  { name: "Blue Dream - Flower", option: "Amount:3.5G", price: 3500 },
  { name: "Sour Diesel - Flower", option: "Amount:3.5G", price: 3800 },
  { name: "Northern Lights - Flower", option: "Amount:7G", price: 6500 },
  { name: "Pre-Roll 1g", option: "Strain:Example Kush", price: 1000 },
  { name: "Pre-Roll 5pk", option: "Strain:Garden Haze", price: 4000 },
  { name: "Gummies, Mixed Berry 10pk", option: "flavor:Mixed Berry", price: 2500 },
  { name: "Gummies, Watermelon 10pk", option: "flavor:Watermelon", price: 2500 },
  { name: "Vape Cartridge 0.5g", option: "Strain:Lemon Tree", price: 3000 },
  { name: "Vape Cartridge 1g", option: "Strain:Lemon Tree", price: 5200 },
  { name: "Tincture 1000mg", option: "flavor:Peppermint", price: 4800 },
  { name: "Topical Balm 2oz", option: "Amount:2OZ", price: 3200 },
  { name: "Chocolate Bar – Dark", option: "flavor:Dark", price: 1800 },
  { name: "Glass Pipe", option: "Color:Blue", price: 2200 },
  { name: "Rolling Papers", option: "Size:King", price: 300 },
  { name: "Grinder 4-piece", option: "Color:Black", price: 2800 },
  { name: "Hemp Tea, Chamomile", option: "flavor:Chamomile", price: 1400 },
];

export function createStoreFixtures(random: SeededRandom, startMs: number): StoreFixtures {
  const outletId = random.uuid();
  const created = formatApiDate(startMs - 400 * 24 * 3600 * 1000);
  const outlet: Outlet = {
    id: outletId,
    name: "Main Street",
    time_zone: "America/Chicago",
    currency: "USD",
    physical_address_1: "100 Example Ave",
    physical_city: "Nashville",
    physical_postcode: "37201",
    physical_state: "TN",
    physical_country_id: "US",
    deleted_at: null,
    version: 0,
  };
  const register = (name: string, sequence: number): Register => ({
    id: random.uuid(),
    name,
    outlet_id: outletId,
    invoice_prefix: "",
    invoice_suffix: "",
    invoice_sequence: sequence,
    is_open: true,
    deleted_at: null,
    version: 0,
  });
  // All registers number from about the same point, so online and in-store invoice numbers
  // collide as observed (ecom-csv.md §4.2); the online one starts a little below the eCom numbers.
  const inStoreRegisters = [register("Register 1", 1000), register("Register 2", 1000)];
  const onlineRegister = register("eCom", 997);

  const group = (name: string): CustomerGroup => {
    const id = random.uuid();
    return {
      id,
      group_id: id,
      name,
      created_at: created,
      updated_at: created,
      deleted_at: null,
      version: 0,
    };
  };
  const customerGroups = ["All Customers", "Bronze", "Silver", "Gold", "Platinum"].map(group);

  const products: Product[] = catalog.map((entry) => ({
    id: random.uuid(),
    sku: String(random.int(100000, 399999)),
    name: entry.name,
    option: entry.option,
    priceCents: entry.price,
    costCents: Math.round(entry.price * 0.45),
  }));

  return {
    outlet,
    inStoreRegisters,
    onlineRegister,
    users: [
      { id: random.uuid(), name: "Store Manager", email: "manager@example.com" },
      { id: random.uuid(), name: "Budtender One", email: "staff1@example.com" },
      { id: random.uuid(), name: "Budtender Two", email: "staff2@example.com" },
    ],
    customerGroups,
    defaultGroupId: customerGroups[0]?.id ?? random.uuid(),
    // The two taxes of the observed export (ecom-csv.md §1.9).
    taxRates: [
      { id: random.uuid(), name: "State & Local Tax", rate: 0.095 },
      { id: random.uuid(), name: "Privilege Tax", rate: 0.03 },
    ],
    taxGroupId: random.uuid(),
    noTaxId: random.uuid(),
    paymentTypes: {
      cash: { id: random.uuid(), name: "Cash", typeCode: "1" },
      card: { id: random.uuid(), name: "Credit Card", typeCode: "3" },
      loyalty: { id: random.uuid(), name: "Loyalty", typeCode: "8" },
      squareOnline: { id: random.uuid(), name: "Square (Online)", typeCode: "7" },
    },
    products,
    retiredProducts: [],
    deliveryFee: {
      id: random.uuid(),
      sku: "900001",
      name: "Delivery Fee",
      option: "",
      priceCents: 599,
      costCents: 0,
    },
  };
}
