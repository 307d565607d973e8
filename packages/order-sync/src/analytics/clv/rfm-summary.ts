// The (frequency, recency, T, monetaryValue) summary the CLV models take, built from one customer's
// transactions the way lifetimes' summary_data_from_transaction_data does.
import { DomainError } from "../../errors/domain-error";

export interface Transaction {
  at: Date;
  /** Net amount of the transaction (money as a number: the models work in floating point). */
  amount: number;
}

export interface RfmSummary {
  /** Repeat purchases: purchase days after the first one (orders on one day count once). */
  frequency: number;
  /** Periods from the first purchase day to the last one; 0 without repeat purchases. */
  recency: number;
  /** Periods from the first purchase day to the observation end day. */
  T: number;
  /** Mean of the daily totals over the repeat purchase days (first day excluded); 0 if none. */
  monetaryValue: number;
}

export interface SummarizeTransactionsOptions {
  /** Last day of observation, inclusive: later transactions are ignored. */
  observationEnd: Date;
  /**
   * Length of the time unit in days: 1 for days (the default), 7 for weeks. Times are day counts
   * divided by it, unrounded (the CDNOW files are day counts / 7, rounded to 2 decimals).
   */
  periodDays?: number;
}

const millisecondsPerDay = 86_400_000;

/** Days are UTC calendar days: timestamps are stored in UTC, and one day is one purchase. */
export function utcDay(date: Date): number {
  const time = date.getTime();
  if (!Number.isFinite(time)) throw new DomainError("BAD_INPUT", "invalid transaction date");
  return Math.floor(time / millisecondsPerDay);
}

/**
 * Summarizes one customer's transactions up to `observationEnd`. Returns null when the customer
 * has no transaction by then (they are not a customer yet at that date).
 */
export function summarizeTransactions(
  transactions: readonly Transaction[],
  { observationEnd, periodDays = 1 }: SummarizeTransactionsOptions,
): RfmSummary | null {
  if (!(Number.isFinite(periodDays) && periodDays > 0)) {
    throw new DomainError("BAD_INPUT", "periodDays must be positive", { details: { periodDays } });
  }
  const endDay = utcDay(observationEnd);
  const totalsByDay = new Map<number, number>();
  for (const { at, amount } of transactions) {
    if (!Number.isFinite(amount)) {
      throw new DomainError("BAD_INPUT", "transaction amount must be a finite number");
    }
    const day = utcDay(at);
    if (day > endDay) continue;
    totalsByDay.set(day, (totalsByDay.get(day) ?? 0) + amount);
  }
  if (totalsByDay.size === 0) return null;

  const days = [...totalsByDay.keys()].sort((p, q) => p - q);
  const firstDay = days[0] ?? endDay;
  const lastDay = days[days.length - 1] ?? firstDay;
  const repeatDays = days.slice(1);
  const repeatSpend = repeatDays.reduce((sum, day) => sum + (totalsByDay.get(day) ?? 0), 0);
  return {
    frequency: repeatDays.length,
    recency: (lastDay - firstDay) / periodDays,
    T: (endDay - firstDay) / periodDays,
    monetaryValue: repeatDays.length > 0 ? repeatSpend / repeatDays.length : 0,
  };
}
