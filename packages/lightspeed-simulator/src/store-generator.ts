// Generates the store's history before the clock's start: customers (with the duplicates and
// placeholders real stores accumulate), in-store sales and eCom orders, replayed in time order
// through the store's own methods so versions rise chronologically like a real change feed.
import type { CustomerInput } from "./customer-record";
import { type FakePeople, type FakePerson, formatPhoneMessy } from "./fake-people";
import type { SaleStatus } from "./resource-types";
import type { SeededRandom } from "./seeded-random";
import type { PlaceEcomOrderInput, SimulatedStore } from "./simulated-store";
import { localHour } from "./store-local-time";
import { DAY_MS, HOUR_MS } from "./wire-format";

interface CustomerPlan {
  atMs: number;
  input: CustomerInput;
  person: FakePerson;
  /** Set when created; sales and orders refer to the plan before the id exists. */
  id: string | null;
  deleteAtMs: number | null;
  /** Can place online orders under this email (real, unique-enough address). */
  onlineEmail: string | null;
}

interface HistoryEvent {
  atMs: number;
  seq: number;
  apply: () => void;
}

const orderComments = [
  "Side door please; ring bell<br>Thanks",
  "Please call when ready",
  "Gift - no receipt in bag",
  "Running 10 min late",
];

export function generateStoreHistory(
  store: SimulatedStore,
  random: SeededRandom,
  people: FakePeople,
): void {
  const { size } = store;
  // Not clock.nowMs(): with a real-time clock that would make the history timing-dependent.
  const startMs = store.startMs;
  const windowMs = Math.max(size.months * 30 * DAY_MS, DAY_MS);
  const windowStartMs = startMs - windowMs;
  const events = new EventQueue();
  let seq = 0;
  const schedule = (atMs: number, apply: () => void) => {
    events.push({ atMs, seq: seq++, apply });
  };
  const openHoursTime = (fromMs: number, toMs: number) => {
    for (let tries = 0; ; tries++) {
      const at = fromMs + Math.floor(random.next() * (toMs - fromMs));
      const hour = localHour(at, store.timeZone);
      if ((hour >= 9 && hour < 21) || tries > 20) return at;
    }
  };

  // ---- customers ----
  const plans = planCustomers(store, random, people, size.customers, windowStartMs, startMs);
  for (const plan of plans) {
    schedule(plan.atMs, () => {
      plan.id = store.createCustomer(plan.input).id;
    });
    if (plan.deleteAtMs !== null) {
      const deleteAt = plan.deleteAtMs;
      schedule(deleteAt, () => {
        if (plan.id) store.deleteCustomer(plan.id);
      });
    }
  }
  const liveAt = (atMs: number) =>
    plans.filter(
      (plan) => plan.atMs < atMs && (plan.deleteAtMs === null || plan.deleteAtMs > atMs),
    );

  // ---- in-store sales ----
  const registers = store.fixtures.inStoreRegisters;
  for (let i = 0; i < size.inStoreSales; i++) {
    const atMs = openHoursTime(windowStartMs, startMs);
    const wantsCustomer = random.chance(0.65);
    const status = random.weighted<SaleStatus>([
      { weight: 92, value: "CLOSED" },
      { weight: 3, value: "SAVED" },
      { weight: 2, value: "VOIDED" },
      { weight: 2, value: "ONACCOUNT_CLOSED" },
      { weight: 1, value: "LAYBY_CLOSED" },
    ]);
    const register = random.pick(registers);
    const payment = random.chance(0.45) ? "cash" : "card";
    const note = random.chance(0.05) ? random.pick(["First time", "Veteran discount asked"]) : "";
    const pickCustomer = random.next();
    schedule(atMs, () => {
      const candidates = liveAt(atMs).filter((plan) => plan.id !== null);
      const plan =
        wantsCustomer && candidates.length > 0
          ? candidates[Math.floor(pickCustomer * candidates.length)]
          : undefined;
      store.createSale({
        customer_id: plan?.id ?? null,
        register_id: register.id,
        status,
        payment,
        note,
      });
    });
  }

  // ---- eCom orders ----
  const placedTimes = Array.from({ length: size.ecomOrders }, () =>
    openHoursTime(windowStartMs, startMs),
  ).sort((a, b) => a - b);
  const onlineOnly: FakePerson[] = [];
  for (const placedAtMs of placedTimes) {
    const roll = random.next();
    const pick = random.next();
    const loyaltyCents = random.chance(0.15) ? random.pick([500, 1000, 1500, 2000]) : 0;
    const comments = random.chance(0.1) ? random.pick(orderComments) : "";
    schedule(placedAtMs, () => {
      const known = liveAt(placedAtMs).filter((plan) => plan.onlineEmail !== null);
      let input: PlaceEcomOrderInput;
      if (known.length > 0 && roll < 0.7) {
        const plan = known[Math.floor(pick * known.length)] as CustomerPlan;
        input = {
          email: plan.onlineEmail ?? plan.person.email,
          firstName: plan.person.firstName,
          lastName: plan.person.lastName,
          phoneDigits: plan.person.phoneDigits,
          loyaltyCents,
        };
      } else {
        // First-time online buyers; some come back, and their second order then matches the
        // customer the integration created for the first one.
        const returning = onlineOnly.length > 0 && roll > 0.9;
        const person = returning
          ? (onlineOnly[Math.floor(pick * onlineOnly.length)] as FakePerson)
          : people.next();
        if (!returning) onlineOnly.push(person);
        input = {
          email: person.email,
          firstName: person.firstName,
          lastName: person.lastName,
          phoneDigits: person.phoneDigits,
        };
      }
      if (comments) input.comments = comments;
      // Older orders have usually been picked up / dispatched by the time they sync.
      const closedChance = startMs - placedAtMs > 3 * DAY_MS ? 0.75 : 0;
      const order = store.addEcomOrder(random, input, placedAtMs, closedChance);
      if (order.arrivesAtMs <= startMs) {
        schedule(order.arrivesAtMs, () => {
          store.syncOrder(order, order.arrivesAtMs);
        });
      }
    });
  }

  for (let event = events.pop(); event; event = events.pop()) {
    const { atMs, apply } = event;
    store.atHistory(atMs, apply);
  }
}

function planCustomers(
  store: SimulatedStore,
  random: SeededRandom,
  people: FakePeople,
  count: number,
  windowStartMs: number,
  startMs: number,
): CustomerPlan[] {
  const groups = store.fixtures.customerGroups;
  const createdAt = () =>
    random.chance(0.3)
      ? windowStartMs - random.int(1, 365) * DAY_MS - random.int(0, 23) * HOUR_MS
      : windowStartMs + Math.floor(random.next() * (startMs - windowStartMs));
  const base = (person: FakePerson): CustomerInput => ({
    first_name: person.firstName,
    last_name: person.lastName,
    gender: person.gender,
    date_of_birth: random.chance(0.6) ? person.dateOfBirth : null,
    customer_group_id: random.chance(0.7)
      ? store.fixtures.defaultGroupId
      : (random.pick(groups.slice(1)).id ?? store.fixtures.defaultGroupId),
    loyalty_balance: random.int(0, 6000) / 100,
    year_to_date: random.int(0, 150_000) / 100,
    physical_city: random.chance(0.5) ? person.address.city : null,
    physical_postcode: random.chance(0.5) ? person.address.postalCode : null,
    physical_state: "TN",
    physical_country_id: "US",
    do_not_email: random.chance(0.1),
  });
  const messyPhone = (person: FakePerson): Pick<CustomerInput, "phone" | "mobile"> =>
    random.chance(0.5)
      ? { mobile: formatPhoneMessy(person.phoneDigits, random), phone: null }
      : { phone: formatPhoneMessy(person.phoneDigits, random), mobile: null };

  const plans: CustomerPlan[] = [];
  const add = (person: FakePerson, input: CustomerInput, onlineEmail: string | null) => {
    plans.push({ atMs: createdAt(), input, person, id: null, deleteAtMs: null, onlineEmail });
  };

  // One person twice: an email-only record (often made by the eCom integration) and a phone-only
  // record a cashier typed in — the duplicate pair identity resolution must merge.
  if (count >= 2) {
    const person = people.next();
    add(person, { ...base(person), email: person.email, phone: null, mobile: null }, person.email);
    add(person, { ...base(person), email: null, ...messyPhone(person) }, null);
  }
  // A family sharing one email: two different people, one address.
  if (count >= 4) {
    const first = people.next();
    const second = people.next(first.lastName);
    const familyEmail = `the.${first.lastName.toLowerCase()}.family@example.net`;
    add(first, { ...base(first), email: familyEmail, ...messyPhone(first) }, familyEmail);
    add(second, { ...base(second), email: familyEmail, ...messyPhone(second) }, familyEmail);
  }
  while (plans.length < count) {
    const person = people.next();
    const roll = random.next();
    if (roll < 0.15) {
      // Cashiers type a placeholder when a customer gives no email.
      add(person, { ...base(person), email: store.placeholderEmail, ...messyPhone(person) }, null);
    } else if (roll < 0.2) {
      add(person, { ...base(person), email: null, ...messyPhone(person) }, null);
    } else {
      const phone = random.chance(0.75) ? messyPhone(person) : { phone: null, mobile: null };
      add(person, { ...base(person), email: person.email, ...phone }, person.email);
    }
  }
  // A couple of deleted customers (regular ones, never the special pairs).
  if (count >= 10) {
    for (const plan of [plans[count - 1], plans[count - 2]]) {
      if (plan) plan.deleteAtMs = plan.atMs + Math.floor(random.next() * (startMs - plan.atMs));
    }
  }
  return plans;
}

function compare(a: HistoryEvent, b: HistoryEvent): number {
  return a.atMs - b.atMs || a.seq - b.seq;
}

/** A binary min-heap by time: replay also schedules events (syncs), and stores can be large. */
class EventQueue {
  private readonly heap: HistoryEvent[] = [];

  push(event: HistoryEvent): void {
    const heap = this.heap;
    heap.push(event);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (compare(heap[parent] as HistoryEvent, event) <= 0) break;
      heap[i] = heap[parent] as HistoryEvent;
      i = parent;
    }
    heap[i] = event;
  }

  pop(): HistoryEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length === 0 || top === undefined || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let child = -1;
      let best = last;
      const leftEvent = heap[left];
      const rightEvent = heap[right];
      if (leftEvent && compare(leftEvent, best) < 0) {
        child = left;
        best = leftEvent;
      }
      if (rightEvent && compare(rightEvent, best) < 0) {
        child = right;
        best = rightEvent;
      }
      if (child === -1) break;
      heap[i] = best;
      i = child;
    }
    heap[i] = last;
    return top;
  }
}
