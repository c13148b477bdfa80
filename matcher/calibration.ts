/**
 * Confidence, measured rather than chosen. `confidenceScore` combines the two signals that predicted
 * on the development halves of eval/sets whether the top result is relevant (ROC AUC, pooled over all
 * sets, 243 queries): the top score's lead over the second (0.81) and the share of the query's idf
 * weight the result contains (0.71); their geometric mean (0.82) keeps a lead on a query the result
 * hardly covers (an off-topic text, where one passage shares one word) from looking confident. The tiers are thresholds on it at which
 * the top result was relevant with the target precision on dev, all sets pooled: one threshold for
 * every corpus, as the product has no per-set switch. Re-measure with
 * `npm run eval:match -- --half dev --calibrate`, and read the test half with `--half test`.
 */
export const CALIBRATED = {
  /** precision@1 ≥ 0.9 on dev (all sets pooled) from here */
  high: 0.314,
  /** precision@1 ≥ 0.75 on dev from here */
  medium: 0.109,
} as const;

/** The lead of the best score over the second, 0..1: a 50 % lead counts as complete. */
export function marginOf(best: number, second: number): number {
  return best > 0 ? Math.min(1, (2 * (best - second)) / best) : 0;
}

/**
 * A result's confidenceScore, 0..1. At rank 1: √(lead over the runner-up × coverage).
 * Below rank 1: the runner-ups share what the top result's lead leaves open, in proportion to their
 * score (a near tie means either may be the answer; a clear winner leaves the others little).
 */
export function confidenceOf(rank: number, coverage: number, relScore: number, margin: number): number {
  const lead = rank === 0 ? margin : relScore * (1 - margin);
  return Math.round(Math.sqrt(Math.max(0, lead) * Math.max(0, coverage)) * 1000) / 1000;
}
