// The CLV fits by L-BFGS with analytic gradients (ours) against Nelder–Mead on the objective's
// value (the fits before), in the same run: on CDNOW and on 100,000 customers simulated from the
// CDNOW fits. Prints one `clv-fit {…}` line per case (BENCHMARKS.md keeps them). The work runs once
// and is cached, because tinybench calls a task more than once. CLV_BENCH_CUSTOMERS changes the
// simulated data's size.
import { bench, describe } from "vitest";
import { type BgNbdCustomer, bgNbdFitProblem, fitBgNbd } from "./bg-nbd";
import { fitGammaGamma, type GammaGammaCustomer, gammaGammaFitProblem } from "./gamma-gamma";
import { minimizeLbfgs, type ValueAndGradient } from "./lbfgs";
import { minimizeNelderMead } from "./nelder-mead";
import { readCdnowCustomers } from "./testing/cdnow-data";
import { simulateCustomers } from "./testing/simulate-customers";

const simulatedCustomers = Number(process.env.CLV_BENCH_CUSTOMERS ?? 100_000);

interface Figures {
  model: "bg-nbd" | "gamma-gamma";
  data: "cdnow" | "simulated";
  customers: number;
  method: "nelder-mead" | "lbfgs";
  /** The median of `runs` timed runs. */
  ms: number;
  runs: number;
  evaluations: number;
  iterations: number;
  converged: boolean;
  logLikelihood: number;
  params: Record<string, number>;
  /** On the L-BFGS lines: how far its fit is from Nelder–Mead's, and how much faster. */
  vsNelderMead?: {
    maxRelativeParamDifference: number;
    logLikelihoodDifference: number;
    speedup: number;
  };
}

/** What a fit problem offers, whichever the model. */
interface Problem<Fit> {
  start: number[];
  objective: (logParams: readonly number[]) => ValueAndGradient;
  objectiveValue: (logParams: readonly number[]) => number;
  fitAt: (logParams: readonly number[], converged: boolean) => Fit;
}

interface Model<Customer, Fit extends { logLikelihood: number; converged: boolean }> {
  name: Figures["model"];
  problem: (data: readonly Customer[]) => Problem<Fit>;
  fit: (data: readonly Customer[]) => Fit;
  params: (fit: Fit) => Record<string, number>;
}

const bgNbd: Model<BgNbdCustomer, ReturnType<typeof fitBgNbd>> = {
  name: "bg-nbd",
  problem: (data) => bgNbdFitProblem(data),
  fit: (data) => fitBgNbd(data),
  params: ({ r, alpha, a, b }) => ({ r, alpha, a, b }),
};

const gammaGamma: Model<GammaGammaCustomer, ReturnType<typeof fitGammaGamma>> = {
  name: "gamma-gamma",
  problem: (data) => gammaGammaFitProblem(data),
  fit: (data) => fitGammaGamma(data),
  params: ({ p, q, v }) => ({ p, q, v }),
};

/** The fit as it was: the same problem, Nelder–Mead with the options the fits passed it. */
function fitByNelderMead<Customer, Fit extends { logLikelihood: number; converged: boolean }>(
  model: Model<Customer, Fit>,
  data: readonly Customer[],
) {
  const problem = model.problem(data);
  let evaluations = 0;
  const result = minimizeNelderMead(
    (x) => {
      evaluations += 1;
      return problem.objectiveValue(x);
    },
    problem.start,
    { initialStep: 0.5, xTolerance: 1e-9, fTolerance: 1e-13 },
  );
  const fit = problem.fitAt(result.x, result.converged && Number.isFinite(result.fx));
  return { fit, evaluations, iterations: result.iterations };
}

/**
 * The public fit is what is timed; its evaluations are counted in a replay with the options
 * fitBgNbd and fitGammaGamma use, which must land on the very same parameters.
 */
function countLbfgs<Customer, Fit extends { logLikelihood: number; converged: boolean }>(
  model: Model<Customer, Fit>,
  data: readonly Customer[],
  timed: Fit,
) {
  const problem = model.problem(data);
  let evaluations = 0;
  const result = minimizeLbfgs(
    (x) => {
      evaluations += 1;
      return problem.objective(x);
    },
    problem.start,
    { gradientTolerance: 1e-10 },
  );
  const replayed = model.params(problem.fitAt(result.x, result.converged));
  const expected = model.params(timed);
  if (Object.entries(expected).some(([key, value]) => replayed[key] !== value)) {
    throw new Error(`the ${model.name} replay differs from the fit: align its options`);
  }
  return { evaluations, iterations: result.iterations };
}

/**
 * The median time of `runs` runs (after an untimed one that compiles the code), and the last
 * result. A fit of milliseconds varies with the JIT's tiers and the machine's other work; one of
 * seconds runs once.
 */
function timed<T>(runs: number, run: () => T): { ms: number; result: T } {
  const times: number[] = [];
  let result = runs > 1 ? run() : (undefined as T);
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    result = run();
    times.push(performance.now() - started);
  }
  times.sort((x, y) => x - y);
  return { ms: times[Math.floor(runs / 2)] ?? Number.NaN, result };
}

function measure<Customer, Fit extends { logLikelihood: number; converged: boolean }>(
  model: Model<Customer, Fit>,
  dataName: Figures["data"],
  data: readonly Customer[],
): Figures[] {
  const customers = data.length;
  const runs = { nelderMead: customers > 10_000 ? 1 : 11, lbfgs: customers > 10_000 ? 5 : 11 };
  const { ms: nelderMeadMs, result: nelderMead } = timed(runs.nelderMead, () =>
    fitByNelderMead(model, data),
  );
  const { ms: lbfgsMs, result: fit } = timed(runs.lbfgs, () => model.fit(data));
  const counted = countLbfgs(model, data, fit);

  const nmParams = model.params(nelderMead.fit);
  const params = model.params(fit);
  const maxRelativeParamDifference = Math.max(
    ...Object.entries(params).map(([key, value]) => Math.abs(value / (nmParams[key] ?? 0) - 1)),
  );
  const common = { model: model.name, data: dataName, customers };
  return [
    {
      ...common,
      method: "nelder-mead",
      ms: Number(nelderMeadMs.toPrecision(3)),
      runs: runs.nelderMead,
      evaluations: nelderMead.evaluations,
      iterations: nelderMead.iterations,
      converged: nelderMead.fit.converged,
      logLikelihood: nelderMead.fit.logLikelihood,
      params: nmParams,
    },
    {
      ...common,
      method: "lbfgs",
      ms: Number(lbfgsMs.toPrecision(3)),
      runs: runs.lbfgs,
      ...counted,
      converged: fit.converged,
      logLikelihood: fit.logLikelihood,
      params,
      vsNelderMead: {
        maxRelativeParamDifference: Number(maxRelativeParamDifference.toPrecision(2)),
        logLikelihoodDifference: Number(
          (fit.logLikelihood - nelderMead.fit.logLikelihood).toPrecision(2),
        ),
        speedup: Number((nelderMeadMs / lbfgsMs).toPrecision(3)),
      },
    },
  ];
}

function measureAll(): Figures[] {
  const cdnow = readCdnowCustomers();
  // The CDNOW fits (weeks), with α in days: the simulated times are in days.
  const simulated = simulateCustomers({
    customers: simulatedCustomers,
    seed: 2026,
    purchases: { r: 0.2426, alpha: 4.4135 * 7, a: 0.7929, b: 2.4258 },
    spend: { p: 6.25, q: 3.74, v: 15.44 },
    acquisitionPeriod: 84,
    end: 273,
  });
  return [
    ...measure(bgNbd, "cdnow", cdnow),
    ...measure(bgNbd, "simulated", simulated),
    ...measure(gammaGamma, "cdnow", cdnow),
    ...measure(gammaGamma, "simulated", simulated),
  ];
}

let figures: Promise<Figures[]> | undefined;
function once(): Promise<Figures[]> {
  figures ??= Promise.resolve().then(() => {
    const all = measureAll();
    for (const f of all) process.stdout.write(`\nclv-fit ${JSON.stringify(f)}\n`);
    return all;
  });
  return figures;
}

describe(`CLV fits on CDNOW and ${simulatedCustomers} simulated customers`, () => {
  bench("Nelder–Mead (before) and L-BFGS with analytic gradients", () => once().then(() => {}), {
    iterations: 1,
    warmupIterations: 0,
    time: 0,
    warmupTime: 0,
  });
});
