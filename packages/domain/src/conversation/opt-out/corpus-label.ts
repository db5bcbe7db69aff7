/** `heldOut`: in the batch kept out of tuning (corpus-fresh.ts). */
export type LabelledMessage = { text: string; optOut: boolean; note?: string; heldOut?: boolean };
type Unlabelled = Omit<LabelledMessage, 'optOut' | 'heldOut'>;

/** One label for a whole list: each batch file is a list of opt-outs and a list of negatives. */
export const label = (optOut: boolean, entries: Unlabelled[]): LabelledMessage[] => entries.map((entry) => ({ ...entry, optOut }));

/** The same, for the held-out batch. */
export const labelHeldOut = (optOut: boolean, entries: Unlabelled[]): LabelledMessage[] => label(optOut, entries).map((entry) => ({ ...entry, heldOut: true }));
