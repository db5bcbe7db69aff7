/** One question the merchant answered in the product's FAQ. */
export type FaqEntry = { question: string; answer: string };

/** An entry that answers the buyer's question, with its position in the entries array. */
export type FaqMatch = { index: number; question: string; answer: string; score: number };
