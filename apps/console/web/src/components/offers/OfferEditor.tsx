import { useRef, useState, type FormEvent } from 'react';
import { useSaveOffer } from '../../api/offers.js';
import { errorMessage } from '../../labels.js';
import { formErrorMessage, serverFieldErrors, type FieldErrors } from '../../merchant/field-errors.js';
import { describeOfferField, MAX_DISCOUNT, MAX_LINK, MAX_NAME, offerInput, validateOffer, type OfferDraft } from '../../merchant/offer-rules.js';
import { controlId, Field, type ControlProps } from '../merchant/Field.js';
import { FaqEditor } from './FaqEditor.js';
import { OfferTester } from './OfferTester.js';

const FORM = 'oferta';

type Props = { initial: OfferDraft; isNew: boolean; onDone: (message: string) => void; onCancel: () => void };

/** Create or edit one offer: its links, its discount and what Sara knows, tested before it is saved. */
export function OfferEditor({ initial, isNew, onDone, onCancel }: Props) {
  const save = useSaveOffer();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const change = (patch: Partial<OfferDraft>) => setDraft((current) => ({ ...current, ...patch }));
  const focusFirst = (found: FieldErrors) => {
    const first = Object.keys(found).find((field) => field !== 'faq');
    if (first) requestAnimationFrame(() => document.getElementById(controlId(FORM, first))?.focus());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateOffer(draft, { checkProductId: isNew });
    setErrors(found);
    if (Object.keys(found).length > 0) return focusFirst(found);
    const productId = draft.productId.trim();
    save.mutate(
      { productId, offer: offerInput(draft) },
      {
        onSuccess: (stored) => onDone(`Oferta de ${stored.productName} salva.`),
        onError: (error) => {
          const refused = serverFieldErrors(error, describeOfferField);
          if (refused) {
            setErrors(refused);
            focusFirst(refused);
          }
        },
      },
    );
  };

  return (
    <div className="offer-editor">
      <form id={FORM} ref={formRef} className="panel" onSubmit={submit} noValidate aria-labelledby="offer-editor-title">
        <h2 id="offer-editor-title">{isNew ? 'Nova oferta' : `Editar oferta: ${initial.productName}`}</h2>
        {isNew ? (
          <Field
            form={FORM}
            name="productId"
            label="Código do produto"
            hint="O mesmo código do produto na plataforma de venda (Hotmart, Kiwify…)."
            error={errors.productId}
          >
            {(control) => <input {...control} type="text" maxLength={255} value={draft.productId} onChange={(e) => change({ productId: e.target.value })} />}
          </Field>
        ) : (
          <p className="muted">
            Código do produto: <strong>{draft.productId}</strong>
          </p>
        )}
        <Field form={FORM} name="productName" label="Nome do produto" error={errors.productName}>
          {(control) => (
            <input {...control} type="text" maxLength={MAX_NAME} value={draft.productName} onChange={(e) => change({ productName: e.target.value })} />
          )}
        </Field>
        <Field
          form={FORM}
          name="paymentLink"
          label="Link de pagamento"
          hint="O link que a Sara envia para o comprador concluir a compra."
          error={errors.paymentLink}
        >
          {(control) => <LinkInput control={control} value={draft.paymentLink} onChange={(paymentLink) => change({ paymentLink })} />}
        </Field>
        <div className="field-row">
          <Field form={FORM} name="discountLink" label="Link com desconto (opcional)" error={errors.discountLink}>
            {(control) => <LinkInput control={control} value={draft.discountLink} onChange={(discountLink) => change({ discountLink })} />}
          </Field>
          <Field
            form={FORM}
            name="discountPercent"
            label="Desconto (%)"
            hint={`De 0 a ${MAX_DISCOUNT}. Em branco: sem desconto.`}
            error={errors.discountPercent}
            className="field-narrow"
          >
            {(control) => (
              <input {...control} type="text" inputMode="decimal" value={draft.discountPercent} onChange={(e) => change({ discountPercent: e.target.value })} />
            )}
          </Field>
        </div>
        <div className="check">
          <input id={`${FORM}-active`} type="checkbox" checked={draft.active} onChange={(e) => change({ active: e.target.checked })} />
          <label htmlFor={`${FORM}-active`}>Oferta ativa: a Sara usa estes links e respostas</label>
        </div>
        <FaqEditor form={FORM} faq={draft.faq} errors={errors} onChange={(faq) => change({ faq })} />
        {save.isError && (
          <p role="alert" className="alert">
            {formErrorMessage(save.error, errorMessage)}
          </p>
        )}
        <div className="form-buttons">
          <button type="submit" className="button button-primary" disabled={save.isPending}>
            Salvar oferta
          </button>
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancelar
          </button>
        </div>
      </form>
      <OfferTester draft={draft} onDraftErrors={setErrors} />
    </div>
  );
}

/** A link the buyer taps: typed as a URL (the phone shows its URL keyboard), at most the column's length. */
function LinkInput({ control, value, onChange }: { control: ControlProps; value: string; onChange: (value: string) => void }) {
  return <input {...control} type="url" inputMode="url" maxLength={MAX_LINK} value={value} onChange={(e) => onChange(e.target.value)} placeholder="https://" />;
}
