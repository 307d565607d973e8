// Strong-Wolfe line search (Nocedal & Wright 2006, Algorithms 3.5 and 3.6) for the L-BFGS
// minimizer. The CLV objectives are undefined (NaN or ±∞) once a step overflows exp(log-parameter)
// or leaves a model's domain: such a trial counts as a step too long, and the search retreats
// towards the last good point instead of failing.

/** φ(step) = f(x + step·d) and φ′(step) = ∇f(x + step·d)·d. */
export interface LinePoint {
  step: number;
  value: number;
  slope: number;
}

export interface LineSearchOptions {
  /** c₁ of the sufficient-decrease (Armijo) condition. */
  sufficientDecrease?: number;
  /** c₂ of the curvature condition; 0.9 suits quasi-Newton directions, whose step 1 is good. */
  curvature?: number;
  maxEvaluations?: number;
  /**
   * Near a minimum the decrease a step makes sinks below the rounding of f (a sum over many
   * customers), and comparing values turns into noise. A step then also counts as decreasing f
   * enough when f grew by at most this relative amount and the slope says it decreased
   * (Hager & Zhang's approximate Wolfe condition, which the exact gradient makes reliable), and
   * two values closer than that are ordered by the slopes.
   */
  valueNoise?: number;
}

export interface LineSearchResult<P extends LinePoint> {
  /** The accepted point, or null when no step decreased f. */
  point: P | null;
  /** Whether the point meets the curvature condition as well (else only sufficient decrease). */
  wolfe: boolean;
  evaluations: number;
}

const defaults = {
  sufficientDecrease: 1e-4,
  curvature: 0.9,
  maxEvaluations: 60,
  valueNoise: 1e-12,
};

function isUsable(point: LinePoint): boolean {
  return Number.isFinite(point.value) && Number.isFinite(point.slope);
}

/**
 * Searches along a descent direction (start.slope < 0) from `initialStep` for a step meeting the
 * strong Wolfe conditions. `evaluate` returns the caller's own point type so that the gradient
 * computed at the accepted step can be reused.
 */
export function strongWolfeLineSearch<P extends LinePoint>(
  evaluate: (step: number) => P,
  start: LinePoint,
  initialStep: number,
  options: LineSearchOptions = {},
): LineSearchResult<P> {
  const { sufficientDecrease, curvature, maxEvaluations, valueNoise } = { ...defaults, ...options };
  let evaluations = 0;
  const at = (step: number): P => {
    evaluations += 1;
    return evaluate(step);
  };
  const noise = valueNoise * Math.abs(start.value);
  const decreasedEnough = (point: LinePoint) =>
    point.value <= start.value + sufficientDecrease * point.step * start.slope ||
    (point.value <= start.value + noise &&
      point.slope <= (1 - 2 * sufficientDecrease) * -start.slope);
  // Values within rounding of each other do not order two points; the slopes then decide.
  const higher = (point: LinePoint, than: LinePoint) => point.value > than.value + noise;
  const flatEnough = (point: LinePoint) => Math.abs(point.slope) <= -curvature * start.slope;
  const result = (point: P | null, wolfe: boolean) => ({ point, wolfe, evaluations });

  /**
   * lo: the best point so far that decreased f enough (or the start); hi: the other end of an
   * interval known to contain acceptable steps.
   */
  const zoom = (lo: P | null, hi: LinePoint): LineSearchResult<P> => {
    let low: LinePoint = lo ?? start;
    let high = hi;
    while (evaluations < maxEvaluations) {
      const step = nextTrialStep(low, high);
      // Rounding has closed the interval: no step between low and high is representable.
      if (step === low.step || step === high.step) break;
      const trial = at(step);
      if (!isUsable(trial) || !decreasedEnough(trial) || higher(trial, low)) {
        high = trial;
        continue;
      }
      if (flatEnough(trial)) return result(trial, true);
      if (trial.slope * (high.step - low.step) >= 0) high = low;
      low = trial;
      lo = trial;
    }
    return result(lo, false);
  };

  let previous: P | null = null;
  let step = initialStep;
  while (evaluations < maxEvaluations) {
    const current = at(step);
    if (!isUsable(current)) return zoom(previous, current);
    if (!decreasedEnough(current) || (previous !== null && higher(current, previous))) {
      return zoom(previous, current);
    }
    if (flatEnough(current)) return result(current, true);
    if (current.slope >= 0) return zoom(current, previous ?? start);
    previous = current;
    step *= 2;
  }
  return result(previous, false);
}

/**
 * The minimizer of the cubic through both ends' values and slopes (N&W eq. 3.59); bisection when
 * that cubic is unusable (notably when the far end has no finite value) or its minimizer is too
 * near an end for the interval to shrink well. Near the low end is allowed down to 1% of the
 * interval: after a wild first step, the minimum often lies there.
 */
function nextTrialStep(low: LinePoint, high: LinePoint): number {
  const width = high.step - low.step;
  const bisection = low.step + width / 2;
  if (!isUsable(high)) return bisection;
  const d1 = low.slope + high.slope - (3 * (low.value - high.value)) / (low.step - high.step);
  const radicand = d1 * d1 - low.slope * high.slope;
  if (!(radicand >= 0)) return bisection;
  const d2 = Math.sign(width) * Math.sqrt(radicand);
  const step = high.step - width * ((high.slope + d2 - d1) / (high.slope - low.slope + 2 * d2));
  const fraction = (step - low.step) / width;
  return fraction >= 0.01 && fraction <= 0.9 ? step : bisection;
}
