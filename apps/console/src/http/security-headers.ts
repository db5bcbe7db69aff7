import helmet from 'helmet';

/**
 * helmet's headers for a page: scripts, styles, fetches and the event stream from this origin
 * only, no framing (clickjacking a "Enviar" button), no referrer leaving with a conversation id.
 */
export const securityHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: true,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
});
