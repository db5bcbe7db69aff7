/** Meta's customer-service window: free text only within 24 h of the buyer's last message. */
export const CUSTOMER_SERVICE_WINDOW_MS = 24 * 3_600_000;

export function isServiceWindowOpen(lastUserMessageAt: Date | null, now: Date = new Date()): boolean {
  return lastUserMessageAt !== null && now.getTime() - lastUserMessageAt.getTime() < CUSTOMER_SERVICE_WINDOW_MS;
}
