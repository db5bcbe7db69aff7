import helmet from 'helmet';

/**
 * helmet's security headers on every answer of the ingress (webhooks, admin API, /metrics,
 * /health, errors): nosniff, no framing, no referrer, HSTS, same-origin resource policy and so
 * on, kept current by its maintainers as browsers change. The ingress serves JSON and text,
 * never a page, so its Content-Security-Policy allows nothing at all.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
});
