/**
 * Confidence tiers, measured rather than chosen: thresholds on `confidenceScore` at which the top
 * result was relevant with the target precision on the development halves of eval/sets (all sets
 * pooled: one threshold for every corpus). Re-measure with `npm run eval:match -- --half dev --calibrate`.
 */
export const CALIBRATED = {
  /** precision@1 ≥ 0.9 on dev from here */
  high: 0.6,
  /** precision@1 ≥ 0.7 on dev from here */
  medium: 0.4,
} as const;
