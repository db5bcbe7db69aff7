// When start-all restarts an app that died: soon after a crash, later after each crash in a row,
// never if it keeps dying at boot (a bad .env would otherwise loop forever and hide its error).

/**
 * @param {{ baseMs?: number, maxMs?: number, healthyAfterMs?: number, maxQuickCrashes?: number }} [options]
 * healthyAfterMs: an app that ran this long before dying starts a fresh series (first delay again).
 * maxQuickCrashes: this many crashes in a row, each before healthyAfterMs, and it is given up.
 */
export function createRestartPolicy({ baseMs = 500, maxMs = 30_000, healthyAfterMs = 60_000, maxQuickCrashes = 5 } = {}) {
  const series = new Map();
  return {
    /** Milliseconds to wait before restarting `app`, which ran `uptimeMs`; null to give up. */
    delayAfterCrash(app, uptimeMs) {
      const crashes = uptimeMs >= healthyAfterMs ? 1 : (series.get(app) ?? 0) + 1;
      series.set(app, crashes);
      if (uptimeMs < healthyAfterMs && crashes > maxQuickCrashes) return null;
      return Math.min(maxMs, baseMs * 2 ** (crashes - 1));
    },
  };
}
