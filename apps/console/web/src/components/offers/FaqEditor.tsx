import { useRef } from 'react';
import { faqDraft, MAX_FAQ_ENTRIES, MAX_FAQ_TEXT, type FaqDraft } from '../../merchant/offer-rules.js';
import type { FieldErrors } from '../../merchant/field-errors.js';
import { Field, FieldMessage } from '../merchant/Field.js';

type Props = { form: string; faq: FaqDraft[]; errors: FieldErrors; onChange: (faq: FaqDraft[]) => void };

/** The shop's own answers, the only product facts Sara may state: one question and its answer per entry. */
export function FaqEditor({ form, faq, errors, onChange }: Props) {
  const list = useRef<HTMLOListElement>(null);
  const update = (index: number, change: Partial<FaqDraft>) => onChange(faq.map((entry, i) => (i === index ? { ...entry, ...change } : entry)));
  const add = () => {
    onChange([...faq, faqDraft()]);
    // The new question is where the person will type next.
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>('li:last-child input')?.focus());
  };
  const remove = (index: number) => {
    onChange(faq.filter((_, i) => i !== index));
    requestAnimationFrame(() => list.current?.querySelector<HTMLInputElement>(`li:nth-child(${Math.max(1, index)}) input`)?.focus());
  };

  return (
    <fieldset className="faq" aria-describedby={errors.faq ? `${form}-faq-erro` : `${form}-faq-dica`}>
      <legend>Perguntas frequentes</legend>
      <p id={`${form}-faq-dica`} className="hint">
        O que a Sara pode dizer sobre o produto: ela só afirma o que está aqui. {faq.length} de {MAX_FAQ_ENTRIES} perguntas.
      </p>
      {errors.faq && <FieldMessage id={`${form}-faq-erro`} message={errors.faq} />}
      <ol ref={list} className="faq-list">
        {faq.map((entry, index) => (
          <li key={entry.key} className="faq-entry">
            <Field form={form} name={`faq[${index}].question`} label={`Pergunta ${index + 1}`} error={errors[`faq[${index}].question`]}>
              {(control) => (
                <input {...control} type="text" maxLength={MAX_FAQ_TEXT} value={entry.question} onChange={(e) => update(index, { question: e.target.value })} />
              )}
            </Field>
            <Field form={form} name={`faq[${index}].answer`} label={`Resposta ${index + 1}`} error={errors[`faq[${index}].answer`]}>
              {(control) => (
                <textarea {...control} rows={3} maxLength={MAX_FAQ_TEXT} value={entry.answer} onChange={(e) => update(index, { answer: e.target.value })} />
              )}
            </Field>
            <button type="button" className="button button-quiet" onClick={() => remove(index)} disabled={faq.length === 1}>
              Remover pergunta {index + 1}
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="button" onClick={add} disabled={faq.length >= MAX_FAQ_ENTRIES}>
        Adicionar pergunta
      </button>
    </fieldset>
  );
}
