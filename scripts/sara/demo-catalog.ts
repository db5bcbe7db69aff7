/**
 * The demo products that `bash scripts/up.sh` seeds into product_offers. Plain data, so the
 * demo and the CLI can label links and pick prices without loading Prisma. The domain is
 * reserved (.example), so a demo link can never charge anyone.
 */
export type DemoOffer = {
  productId: string;
  productName: string;
  /** What the demo's checkout charges; product_offers has no price, the abandonment carries it. */
  price: number;
  paymentLink: string;
  discountLink: string;
  discountPercent: number;
};

export const DEMO_OFFERS: readonly DemoOffer[] = [
  {
    productId: 'demo_curso',
    productName: 'Curso Vendas pelo WhatsApp',
    price: 297,
    paymentLink: 'https://pay.sara.example/c/demo-curso',
    discountLink: 'https://pay.sara.example/c/demo-curso?cupom=VOLTA10',
    discountPercent: 10,
  },
  {
    productId: 'demo_ebook',
    productName: 'E-book Receitas Low Carb',
    price: 47,
    paymentLink: 'https://pay.sara.example/c/demo-ebook',
    discountLink: 'https://pay.sara.example/c/demo-ebook?cupom=VOLTA15',
    discountPercent: 15,
  },
  {
    productId: 'demo_mentoria',
    productName: 'Mentoria Instagram Pro',
    price: 997,
    paymentLink: 'https://pay.sara.example/c/demo-mentoria',
    discountLink: 'https://pay.sara.example/c/demo-mentoria?cupom=VOLTA5',
    discountPercent: 5,
  },
];

export function findDemoOffer(productId: string): DemoOffer | undefined {
  return DEMO_OFFERS.find((offer) => offer.productId === productId);
}

/** The amount a buyer pays through the discount link, rounded to cents as the payment worker does. */
export function discountedAmount(value: number, discountPercent: number): number {
  return Math.round(Math.round(value * 100) * (1 - discountPercent / 100)) / 100;
}

/** How a transcript names a link Sara offered: which demo link it is, or just "link". */
export function describeLink(url: string): string {
  for (const offer of DEMO_OFFERS) {
    if (url === offer.paymentLink) return 'payment link';
    if (url === offer.discountLink) return `discount link (${offer.discountPercent}% off)`;
  }
  return `link ${url}`;
}
