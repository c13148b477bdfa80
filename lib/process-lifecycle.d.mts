export function restartDelayMs(restarts: number): number;
export function stopWithParent(stop: () => void, everyMs?: number): void;
