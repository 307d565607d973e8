import { describe, expect, it } from "vitest";
import { fitBgNbd } from "./bg-nbd";
import { type RfmSummary, summarizeTransactions, type Transaction } from "./rfm-summary";
import {
  type CdnowTransaction,
  readCdnowCustomers,
  readCdnowSampleTransactions,
} from "./testing/cdnow-data";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

function transactionsByCustomer(): Map<number, CdnowTransaction[]> {
  const byCustomer = new Map<number, CdnowTransaction[]>();
  for (const transaction of readCdnowSampleTransactions()) {
    const list = byCustomer.get(transaction.customerId) ?? [];
    list.push(transaction);
    byCustomer.set(transaction.customerId, list);
  }
  return byCustomer;
}

describe("summarizeTransactions", () => {
  it("counts repeat purchase days, not orders, and averages the repeat days' totals", () => {
    const transactions: Transaction[] = [
      { at: new Date("2024-01-01T09:00:00Z"), amount: 10 },
      { at: new Date("2024-01-01T17:30:00Z"), amount: 5 }, // same day as the first purchase
      { at: new Date("2024-01-11T10:00:00Z"), amount: 20 },
      { at: new Date("2024-01-11T23:59:59Z"), amount: 30 }, // same day: one purchase of 50
      { at: new Date("2024-01-21T12:00:00Z"), amount: 40 },
      { at: new Date("2024-02-01T08:00:00Z"), amount: 999 }, // after the observation end
    ];
    expect(summarizeTransactions(transactions, { observationEnd: day("2024-01-31") })).toEqual({
      frequency: 2,
      recency: 20,
      T: 30,
      monetaryValue: 45,
    });
  });

  it("gives zero frequency, recency and spend for a single purchase day", () => {
    const transactions = [
      { at: day("2024-03-05"), amount: 12 },
      { at: day("2024-03-05"), amount: 8 },
    ];
    expect(summarizeTransactions(transactions, { observationEnd: day("2024-03-19") })).toEqual({
      frequency: 0,
      recency: 0,
      T: 14,
      monetaryValue: 0,
    });
  });

  it("does not depend on the order of the transactions and converts to weeks", () => {
    const transactions = [
      { at: day("2024-01-15"), amount: 3 },
      { at: day("2024-01-01"), amount: 1 },
      { at: day("2024-01-08"), amount: 2 },
    ];
    expect(
      summarizeTransactions(transactions, { observationEnd: day("2024-01-29"), periodDays: 7 }),
    ).toEqual({ frequency: 2, recency: 2, T: 4, monetaryValue: 2.5 });
  });

  it("returns null for a customer with no transaction by the observation end", () => {
    expect(summarizeTransactions([], { observationEnd: day("2024-01-01") })).toBeNull();
    expect(
      summarizeTransactions([{ at: day("2024-02-01"), amount: 5 }], {
        observationEnd: day("2024-01-31"),
      }),
    ).toBeNull();
  });

  it("rejects invalid dates, amounts and periods", () => {
    const observationEnd = day("2024-01-31");
    expect(() =>
      summarizeTransactions([{ at: new Date("nope"), amount: 1 }], { observationEnd }),
    ).toThrow(/date/);
    expect(() =>
      summarizeTransactions([{ at: day("2024-01-01"), amount: Number.NaN }], { observationEnd }),
    ).toThrow(/amount/);
    expect(() => summarizeTransactions([], { observationEnd, periodDays: 0 })).toThrow(
      /periodDays/,
    );
  });

  it("rebuilds all 2,357 CDNOW calibration summaries from CDNOW_sample.txt", () => {
    // The README's rule: transactions up to 1997-09-30, times in days / 7 rounded to 2 decimals,
    // zbar rounded half-up to 2 decimals.
    const byCustomer = transactionsByCustomer();
    const round2 = (value: number) => Math.round(value * 100) / 100;
    const customers = readCdnowCustomers();
    expect(customers).toHaveLength(2357);
    const mismatches = customers.filter((customer) => {
      const summary = summarizeTransactions(byCustomer.get(customer.id) ?? [], {
        observationEnd: day("1997-09-30"),
        periodDays: 7,
      });
      return (
        summary === null ||
        summary.frequency !== customer.frequency ||
        round2(summary.recency) !== customer.recency ||
        round2(summary.T) !== customer.T ||
        Math.abs(summary.monetaryValue - customer.monetaryValue) > 0.005 + 1e-9
      );
    });
    expect(mismatches).toEqual([]);
  });

  it("feeds BG/NBD the unrounded summaries CLVTools fits to a log-likelihood of −9582.429", () => {
    // README, "The data are already rounded": CLVTools works from the transactions and reports
    // −9582.429 where the rounded summary files give −9582.4256.
    const summaries = [...transactionsByCustomer().values()]
      .map((transactions) =>
        summarizeTransactions(transactions, { observationEnd: day("1997-09-30"), periodDays: 7 }),
      )
      .filter((summary): summary is RfmSummary => summary !== null);
    expect(summaries).toHaveLength(2357);
    const fit = fitBgNbd(summaries);
    expect(fit.logLikelihood).toBeCloseTo(-9582.429, 3);
  });
});
